import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../src/app/check.js";
import { loadWorkbook } from "../../src/app/load.js";
import { supportDiscrepancies, workstationGaps } from "../../src/core/registries/checks.js";
import { readRegistries } from "../../src/core/registries/read.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../fixtures/issue18/registries-en.xlsx", import.meta.url).pathname;
const open = async () => XlsxWorkbook.fromBytes("r.xlsx", await readFile(FIXTURE));

describe("registries read from a hand-made workbook with English headers", () => {
  it("reads every row of Events, Courses, Workstations and Support staff reports", async () => {
    const { model, tables } = loadWorkbook(await open());
    const { registries: r } = readRegistries(model, tables);
    expect(r.events.map((e) => [e.date, e.kind, e.participants.join(",")])).toEqual([
      ["2026-11-12", "conference", "S01,S03,T01"],
      ["2026-11-20", "business-game", "S02,S04"],
      [null, null, "S01,S99"],
      ["2026-10-05", "seminar", "T02"],
    ]);
    expect(r.events[0].results).toEqual({ S01: "winner", S03: "participant" });
    expect(r.courses.map((c) => [c.kind, c.hours, c.students.join(","), c.status])).toEqual([
      ["olympiad", 34, "S01,S03", "running"],
      ["elective", null, "S02,S77", null],
    ]);
    expect(r.workstations.map((w) => [w.personId, w.internet, w.place])).toEqual([
      ["S01", true, "home"],
      ["S02", false, "home"],
      ["S03", true, "school"],
      ["T01", true, "school"],
      ["X99", true, "home"],
    ]);
    expect(r.support).toHaveLength(5);
  });

  it("reports each bad cell at its address, in the workbook's language", async () => {
    const { issues } = checkWorkbook(await open());
    const at = (sheet: string) => issues.filter((i) => i.sheet === sheet).map((i) => `${i.cell} ${i.code}`);
    expect(at("Events")).toEqual(["A4 bad-date", "B4 bad-enum", "G4 unknown-ref", "H4 unknown-ref"]);
    expect(at("Courses")).toEqual(["E3 bad-number", "H3 bad-enum", "G3 unknown-ref"]);
    expect(at("Workstations")).toEqual(["D4 bad-enum", "A6 unknown-ref", "A3 workstation-missing"]);
    expect(issues.filter((i) => i.code === "workstation-missing").map((i) => `${i.sheet}!${i.cell}`)).toEqual(
      ["Workstations!A3", "Students!A5", "Staff!A3"],
    );
    const events = issues.find((i) => i.sheet === "Events" && i.cell === "B4")!;
    expect(events.message.en).toBe(
      '"tea party" is not allowed; use one of: forum, business game, role game, creative project, research project, distance conference, quiz, olympiad, seminar',
    );
  });

  it("lists the participants without a working workstation", async () => {
    const { model, tables } = loadWorkbook(await open());
    const { registries } = readRegistries(model, tables);
    // S02 has no Internet, S04 and T02 have no row; S03's unreadable headset is not a «no».
    expect(
      workstationGaps(model, registries).map((g) => `${g.personId}:${g.record ? g.record.row : "-"}`),
    ).toEqual(["S02:3", "S04:-", "T02:-"]);
  });

  it("lists support-staff reports the journal contradicts", async () => {
    const wb = await open();
    const { model, tables } = loadWorkbook(wb);
    const { registries } = readRegistries(model, tables);
    expect(
      supportDiscrepancies(model, registries).map((d) => `${d.record.row} ${d.sheet}!${d.cell} ${d.journal}`),
    ).toEqual(["2 Journal G01!C2 5", "4 Journal G01!D3 у"]);
    const { issues } = checkWorkbook(wb);
    const support = issues.filter((i) => i.sheet === "Support staff reports");
    expect(support.map((i) => `${i.cell} ${i.code}`)).toEqual([
      "E6 bad-enum",
      "B5 other",
      "E2 support-mismatch",
      "E4 support-mismatch",
    ]);
    expect(support[2].message.en).toBe(
      'S01 was reported absent by the support staff, but the journal Journal G01!C2 says "5"',
    );
  });
});

describe("sheet names", () => {
  it("every sheet's Russian and English name fits Excel's 31 characters", async () => {
    const { SHEETS } = await import("../../src/core/schema.js");
    const long = Object.values(SHEETS)
      .flatMap((s) => [s.ru, s.en])
      .filter((n) => n.length > 31);
    expect(long).toEqual([]);
  });
});
