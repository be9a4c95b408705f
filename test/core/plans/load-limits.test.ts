/** Issue 17: the СанПиН load table as a setting the school edits, and «Учебная неделя». */
import { describe, expect, it } from "vitest";
import { gradeOf, loadLimits, parseLoadTable } from "../../../src/core/plans/load-limits.js";

const settings = (...rows: [string, string | number][]) => [["Параметр", "Значение"], ...rows];

describe("the maximum weekly load by grade", () => {
  it("is the СанПиН table by default, five-day week", () => {
    const { limits, issues } = loadLimits("Настройки", settings(), "ru");
    expect(issues).toEqual([]);
    expect(limits.week).toBe(5);
    expect([1, 2, 4, 5, 6, 7, 8, 9, 10, 11].map((g) => limits.byGrade.get(g))).toEqual([
      21, 23, 23, 29, 30, 32, 33, 33, 34, 34,
    ]);
  });

  it("takes the six-day table with «Учебная неделя» 6; grade 1 keeps its five-day value", () => {
    const { limits } = loadLimits("Настройки", settings(["Учебная неделя", 6]), "ru");
    expect(limits.week).toBe(6);
    expect([1, 3, 5, 6, 7, 9, 11].map((g) => limits.byGrade.get(g))).toEqual([21, 26, 32, 33, 35, 36, 37]);
  });

  it("follows a table the school edited, and reports a malformed one at its cell", () => {
    const edited = loadLimits(
      "Настройки",
      settings(["Максимальная нагрузка, 5 дней", "1-4: 20; 5–9: 30; 10-11: 31"]),
      "ru",
    );
    expect(edited.limits.byGrade.get(9)).toBe(30);
    expect(edited.limits.byGrade.get(3)).toBe(20);
    const bad = loadLimits(
      "Settings",
      [
        ["Key", "Value"],
        ["School week", "seven"],
        ["Maximum load, 6-day week", "nine: many"],
      ],
      "en",
    );
    expect(bad.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([
      "Settings!B2 bad-setting",
      "Settings!B3 bad-setting",
    ]);
    expect(bad.limits.week).toBe(5);
    expect(bad.limits.byGrade.get(9)).toBe(33);
  });

  it("reads grades from class names and refuses odd tables", () => {
    expect(["9А", "10 Б", "1", "12А", "А9", ""].map(gradeOf)).toEqual([9, 10, 1, null, null, null]);
    expect(parseLoadTable("4-2: 20")).toBeNull();
    expect(parseLoadTable("")).toBeNull();
    expect(parseLoadTable("5=29")?.get(5)).toBe(29);
  });
});
