/** The report's text from hand-made figures: problems by threshold, successes above them, names by consent. */
import { describe, expect, it } from "vitest";
import { computeMonth, withDynamics } from "../../../src/core/metrics/index.js";
import { reportSettings } from "../../../src/core/narrative/context.js";
import { buildReport } from "../../../src/core/narrative/report.js";
import type { Settings } from "../../../src/core/records.js";
import { plainText } from "../../../src/core/report/model.js";
import { enrol, group, journal, school, staffMember, student } from "../../support/synthetic-school.js";

// G1 (weak): A 2, B н/а (two marks), C 5, D 4 -> success 2·100/4 = 50 %, quality 50 %.
// G2 (strong): A 5, C 4 -> success 100 %, quality 100 %, journal full, attendance 100 %.
// A has consent «да», B «нет».
function model(settings: Partial<Settings> = {}) {
  const a = { ...student("A", "9А", "Агеева Анна"), consent: true };
  const b = { ...student("B", "9А", "Борисов Борис"), consent: false };
  return school({
    settings: {
      school: "Школа № 5",
      director: "Смирнова Ольга Петровна",
      coordinator: "Иванова Ирина Ивановна",
      coordinatorPhone: "+7 900 000-00-00",
      reportAddressee: "Начальнику управления образования",
      schoolCode: "0505",
      ...settings,
    },
    students: [a, b, student("C", "9Б"), student("D", "9Б")],
    staff: [
      staffMember("T1", "teacher", "Петров Пётр Петрович"),
      staffMember("T2", "teacher", "Сидорова Анна Юрьевна"),
    ],
    groups: [group("G1", "T1"), group("G2", "T2")],
    enrollments: [
      enrol("A", "G1"),
      enrol("B", "G1"),
      enrol("C", "G1"),
      enrol("D", "G1"),
      enrol("A", "G2"),
      enrol("C", "G2"),
    ],
    journals: [
      journal(
        "G1",
        ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-30"],
        [
          ["A", "", "2", "2", "2", ""],
          ["B", "", "3", "3", "н", ""],
          ["C", "", "5", "5", "5", ""],
          ["D", "", "4", "4", "4", ""],
        ],
      ),
      journal(
        "G2",
        ["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24", "2026-11-27"],
        [
          ["A", "", "5", "5", "5", "", "5"],
          ["C", "", "4", "4", "4", "4", ""],
        ],
      ),
    ],
  });
}

function report(settings: Partial<Settings> = {}) {
  const m = model(settings);
  const f = computeMonth(m, "2026-11", []);
  return buildReport({
    lang: "ru",
    figures: f,
    dynamics: withDynamics(f, null),
    settings: reportSettings(m.settings),
    staffNames: new Map(m.staff.map((s) => [s.id, s.name])),
    changes: [],
    today: "2026-12-02",
    generatedAt: "02.12.2026 10:35",
  });
}

describe("the report's text", () => {
  const text = plainText(report());
  const section = (title: string) => {
    const lines = text.split("\n");
    const i = lines.indexOf(title);
    const j = lines.findIndex(
      (l, k) => k > i && ["Успехи", "Проблемы", "Выводы и рекомендации", "По классам"].includes(l),
    );
    return lines.slice(i + 1, j).join("\n");
  };

  it("opens with the title block and ends with the signatures", () => {
    expect(
      text.startsWith(
        "УТВЕРЖДАЮ\nДиректор Школа № 5\n____________ / Смирнова О. П.\n«___» ____________ 2026 г.\nНачальнику управления образования\nОтчёт о дистанционном обучении за ноябрь 2026 г.\n№ 0505/ДО-2026-11 от 2 декабря 2026 г.",
      ),
    ).toBe(true);
    expect(
      text.endsWith(
        "Координатор дистанционного обучения ____________ / Иванова И. И.\nИсполнитель: Иванова И. И., тел. +7 900 000-00-00",
      ),
    ).toBe(true);
  });

  it("names the weak group under «Проблемы» by threshold, with who does what by when", () => {
    expect(section("Проблемы")).toContain(
      "G1 «Математика G1»: успеваемость 50,0 % — ниже порога 80 %; н/а у 1 из 4 учащихся; журнал заполнен на 75,0 % (порог 100 %).",
    );
    expect(section("Выводы и рекомендации")).toContain(
      "Петров П. П. (G1): заполнить журнал за прошедший месяц — до 5 декабря 2026 г.",
    );
    expect(section("Успехи")).not.toContain("G1");
  });

  it("lists under «Успехи» only a group or class above every threshold", () => {
    // 9Б: C (5, 4) and D (4) are хорошисты -> 100 % and 100 %; 9А has A неуспевающий.
    expect(section("Успехи")).toBe(
      "G2 «Математика G2»: все учащиеся успевают.\n9Б: успеваемость 100,0 %, качество 100,0 %, отличников 0, хорошистов 2.",
    );
  });

  it("prints a child's name only where consent is «да» (default «с согласием»)", () => {
    const atRisk = (r: ReturnType<typeof report>) => {
      const t = r.blocks.filter((b) => b.kind === "table").at(-1)!;
      return t.kind === "table" ? t.rows.map((row) => row.slice(1, 3)) : [];
    };
    expect(atRisk(report())).toEqual([
      ["A", "Агеева Анна"],
      ["B", ""],
    ]);
    expect(atRisk(report({ namesInReport: "ids" }))).toEqual([
      ["A", ""],
      ["B", ""],
    ]);
    expect(atRisk(report({ namesInReport: "all" }))).toEqual([
      ["A", "Агеева Анна"],
      ["B", "Борисов Борис"],
    ]);
  });

  it("never doubles the period after «г.»", () => {
    expect(text).not.toMatch(/г\.\./);
  });
});
