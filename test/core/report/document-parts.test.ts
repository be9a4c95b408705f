/** The small parts of a school document: timestamps, report settings, names, the summary sheet's print setup. */
import { describe, expect, it } from "vitest";
import { computeMonth, summaryJson, withDynamics } from "../../../src/core/metrics/index.js";
import { parseSettings } from "../../../src/core/parse/settings.js";
import { shortName } from "../../../src/core/report/labels.js";
import { shownName } from "../../../src/core/report/names.js";
import { formatOf, summarySheetWrite } from "../../../src/core/report/summary-sheet.js";
import { isoWithOffset } from "../../../src/core/report/timestamp.js";
import { orientationRuns } from "../../../src/node/report/docx.js";
import { enrol, group, journal, school, student } from "../../support/synthetic-school.js";

describe("ISO 8601 with the zone's offset", () => {
  it("writes the wall-clock time of the zone and its offset", () => {
    const t = new Date("2026-12-02T07:35:09.900Z");
    expect(isoWithOffset(t, "Europe/Moscow")).toBe("2026-12-02T10:35:09+03:00");
    expect(isoWithOffset(t, "UTC")).toBe("2026-12-02T07:35:09+00:00");
    expect(isoWithOffset(t, "America/St_Johns")).toBe("2026-12-02T04:05:09-03:30");
    expect(isoWithOffset(t, "Asia/Kathmandu")).toBe("2026-12-02T13:20:09+05:45");
  });
});

describe("report settings", () => {
  it("reads the document and threshold settings, and refuses an unknown names mode", () => {
    const { settings, issues } = parseSettings("Настройки", [
      ["Параметр", "Значение"],
      ["Код школы", "0505"],
      ["Директор", "Смирнова Ольга Петровна"],
      ["Адресат отчёта", "Начальнику управления образования"],
      ["Координатор", "Иванова Ирина Ивановна"],
      ["Телефон координатора", "+7 900 000-00-00"],
      ["Имена в отчёте", "только ID"],
      ["Порог успеваемости, %", "75"],
      ["Порог качества, %", "150"],
      ["Pass rate threshold, %", "70"],
    ]);
    expect(settings).toMatchObject({
      schoolCode: "0505",
      director: "Смирнова Ольга Петровна",
      reportAddressee: "Начальнику управления образования",
      coordinator: "Иванова Ирина Ивановна",
      coordinatorPhone: "+7 900 000-00-00",
      namesInReport: "ids",
      successThreshold: 70,
      qualityThreshold: 30,
    });
    expect(issues.map((i) => `${i.cell}: ${i.message.ru}`)).toEqual([
      "B9: «Порог качества, %»: «150» — ожидается число от 0 до 100; используется 30",
    ]);
    const bad = parseSettings("Настройки", [["Имена в отчёте", "никому"]]);
    expect(bad.settings.namesInReport).toBe("consent");
    expect(bad.issues[0].message.ru).toContain("ожидается «все», «с согласием» или «только ID»");
  });

  it("shows a name only as the mode allows", () => {
    const yes = { name: "Агеева Анна", consent: true };
    const no = { name: "Борисов Борис", consent: false };
    const unknown = { name: "Васильев Иван", consent: null };
    expect([yes, no, unknown].map((s) => shownName(s, "consent"))).toEqual(["Агеева Анна", "", ""]);
    expect([yes, no, unknown].map((s) => shownName(s, "all"))).toEqual([
      "Агеева Анна",
      "Борисов Борис",
      "Васильев Иван",
    ]);
    expect([yes, no, unknown].map((s) => shownName(s, "ids"))).toEqual(["", "", ""]);
    expect(shortName("Григорьев Павел Александрович")).toBe("Григорьев П. А.");
    expect(shortName("Смирнова")).toBe("Смирнова");
    // Already written with initials: kept as typed, never «Н. П. И.».
    expect(shortName("Н. П.  Иванова")).toBe("Н. П. Иванова");
    expect(shortName("N. Ivanova")).toBe("N. Ivanova");
  });
});

describe("the JSON summary v2 and the summary sheet", () => {
  const m = school({
    students: [
      { ...student("A", "9А", "Агеева Анна"), consent: true },
      { ...student("B", "9А", "Борисов Борис"), consent: false },
    ],
    groups: [group("G1", "T1")],
    enrollments: [enrol("A", "G1"), enrol("B", "G1", "2026-11-10")],
    journals: [
      journal(
        "G1",
        ["2026-11-02", "2026-11-09", "2026-11-16"],
        [
          ["A", "", "5", "нз 4", "5"],
          ["B", "", "", "", "3"],
        ],
      ),
    ],
  });
  const f = computeMonth(m, "2026-11", []);
  const json = summaryJson(f, withDynamics(f, null), {
    school: "Школа",
    schoolCode: "0505",
    schoolYear: "2026/2027",
    generatedAt: "2026-12-02T10:35:00+03:00",
  });

  it("gives monthMark null with notAssessed, names by consent, school code and year", () => {
    expect(json).toMatchObject({
      schema: "coordinator.summary/v2",
      schoolCode: "0505",
      schoolYear: "2026/2027",
    });
    expect(
      json.pairs.map((p) => [p.studentId, p.name, p.monthMark, p.notAssessed, p.missedAssignments]),
    ).toEqual([
      ["A", "Агеева Анна", 5, false, 1],
      ["B", "", null, true, 0],
    ]);
    // B arrived on 10.11; A (5) отличник, B (н/а) не аттестован.
    expect(json.totals).toMatchObject({ arrived: 1, left: 0, success: 50, quality: 50 });
    expect(json.totals.categories).toMatchObject({ excellent: 1, notAssessed: 1 });
  });

  it("sets widths, number formats, frozen title rows and a landscape one-page-wide print", () => {
    const w = summarySheetWrite(f, withDynamics(f, null), "ru", {
      school: "Школа",
      names: new Map(),
      generatedAt: "02.12.2026 10:35",
    });
    expect(w).toMatchObject({ frozenRows: 2, print: { landscape: true, fitToWidth: true, repeatRows: 2 } });
    expect(w.columnWidths!.every((x) => x >= 4 && x <= 40)).toBe(true);
    expect(w.numberFormats!.length).toBeGreaterThan(0);
    expect(["Успеваемость, %", "Средний балл", "Δ качество", "N"].map(formatOf)).toEqual([
      "0.0",
      "0.00",
      "0.0",
      null,
    ]);
    // B's name is withheld in the sheet too.
    expect(JSON.stringify(w.cells)).not.toContain("Борисов");
  });
});

describe("landscape runs in the .docx", () => {
  it("puts a wide table, with the heading right before it, on landscape pages", () => {
    const runs = orientationRuns([
      { kind: "paragraph", text: "a" },
      { kind: "heading", level: 2, text: "По классам" },
      { kind: "table", header: ["x"], rows: [], wide: true },
      { kind: "table", header: ["y"], rows: [], wide: true },
      { kind: "table", header: ["z"], rows: [] },
    ]);
    expect(runs.map((r) => [r.wide, r.blocks.length])).toEqual([
      [false, 1],
      [true, 3],
      [false, 1],
    ]);
  });
});
