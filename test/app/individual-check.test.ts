/** Issue 17: the ИУП checks on a hand-made workbook (openpyxl, English headers). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../src/app/check.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = join(__dirname, "../fixtures/individual/individual-en.xlsx");

async function issues() {
  const r = checkWorkbook(await XlsxWorkbook.open(FIXTURE));
  return r.issues.map((i) => ({
    where: `${i.sheet}!${i.cell}`,
    code: i.code,
    en: i.message.en,
    ru: i.message.ru,
  }));
}

describe("ИУП checks on a hand-made workbook", () => {
  it("finds the overloaded 9th-grader at the hours cell of the line that tips the load", async () => {
    const found = (await issues()).filter((i) => i.code === "plan-overload");
    // 3 + 10 + 8 + 8 + 6 = 35 classroom hours (the self-study line does not count) > 33 for grade 9.
    expect(found).toHaveLength(1);
    expect(found[0].where).toBe("Individual plans!D6");
    expect(found[0].en).toContain("35 h, over the maximum 33");
    expect(found[0].en).toContain("rows 2, 3, 4, 5, 6");
    expect(found[0].ru).toContain("35 ч, больше допустимых 33");
  });

  it("puts the plan that disagrees with the schedule at its cells", async () => {
    const all = await issues();
    const at = (code: string) => all.filter((i) => i.code === code).map((i) => i.where);
    expect(at("plan-hours-schedule")).toEqual(["Individual plans!D8"]);
    expect(all.find((i) => i.code === "plan-hours-schedule")?.en).toContain("2 h a week");
    expect(all.find((i) => i.code === "plan-hours-schedule")?.en).toContain("3 lessons a week");
    expect(at("plan-no-group")).toEqual(["Individual plans!E9"]);
    // S002 attends G02 (Enrollments row 4, the group is column A there) but the plan lacks it.
    expect(at("plan-group-not-in-plan")).toEqual(["Enrollments!A4"]);
  });

  it("flags the corrected line without its reason and the overlapping line", async () => {
    const all = await issues();
    const at = (code: string) => all.filter((i) => i.code === code).map((i) => i.where);
    expect(at("plan-correction")).toEqual(["Individual plans!J10"]);
    expect(at("plan-overlap")).toEqual(["Individual plans!F11"]);
    expect(all.find((i) => i.code === "plan-overlap")?.en).toContain("overlaps row 10");
  });

  it("reports a bad load table and an unknown level at their cells", async () => {
    const all = await issues();
    expect(all.filter((i) => i.code === "bad-setting").map((i) => i.where)).toEqual(["Settings!B5"]);
    expect(all.filter((i) => i.code === "bad-enum").map((i) => i.where)).toEqual(["Portfolio!E5"]);
  });

  it("reports nothing else about the new sheets", async () => {
    const mine = (await issues()).filter(
      (i) => /^(Individual plans|Plan corrections|Portfolio)!/.test(i.where) || i.code.startsWith("plan-"),
    );
    expect(mine.map((i) => `${i.code} ${i.where}`).sort()).toEqual([
      "bad-enum Portfolio!E5",
      "plan-correction Individual plans!J10",
      "plan-group-not-in-plan Enrollments!A4",
      "plan-hours-schedule Individual plans!D8",
      "plan-no-group Individual plans!E9",
      "plan-overlap Individual plans!F11",
      "plan-overload Individual plans!D6",
    ]);
  });
});
