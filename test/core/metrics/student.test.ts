import { describe, expect, it } from "vitest";
import type { PairFigures } from "../../../src/core/metrics/index.js";
import { computeMonth, monthMarkOf } from "../../../src/core/metrics/index.js";
import { DEFAULT_SETTINGS, type Settings } from "../../../src/core/records.js";
import { enrol, group, journal, school, staffMember, student } from "../../support/synthetic-school.js";

// October 2026; the journal also has a September and a November column that must not count.
const HEAD = ["2026-09-30", "2026-10-01", "2026-10-08", "2026-10-15", "2026-10-22", "2026-11-02"];

function pairsOf(
  rows: (string | number | null)[][],
  enrollments = rows.map((r) => enrol(String(r[0]), "G1")),
  settings: Partial<Settings> = {},
) {
  const students = rows.map((r) => student(String(r[0]), "9А"));
  const model = school({
    settings,
    students,
    staff: [staffMember("T1", "teacher")],
    groups: [group("G1", "T1")],
    enrollments,
    journals: [
      journal(
        "G1",
        HEAD,
        rows.map((r) => [r[0], `Name ${r[0]}`, ...r.slice(1)]),
      ),
    ],
  });
  const figures = computeMonth(model, "2026-10", []);
  return (id: string): PairFigures => {
    const p = figures.pairs.find((x) => x.studentId === id);
    if (!p) throw new Error(`no pair for ${id}`);
    return p;
  };
}

describe("a student's month in a group", () => {
  it("counts only columns dated in the month", () => {
    // Sep «н» and Nov «2» are outside M: lessons 4, н 1, marks 5,4,3 -> average 4, mark 4.
    const p = pairsOf([["S1", "н", "5", "4", "н", "3", "2"]])("S1");
    expect(p).toMatchObject({ lessons: 4, absences: 1, unexcused: 1, excused: 0, ill: 0, marks: [5, 4, 3] });
    expect(p.missedShare).toBe(0.25); // 1/4
    expect(p.average).toBe(4); // (5+4+3)/3
    expect(p.monthMark).toBe(4);
    expect(p.counted).toBe(true);
    expect(p.atRisk).toBe(false); // 0.25 < 0.30, mark 4
  });

  it("ignores cells before a mid-month enrollment", () => {
    // Enrolled from 10.10: cells of 01.10 and 08.10 («н», «н») are ignored.
    // In: 15.10 «5/4», 22.10 «4» -> lessons 2, marks 5,4,4 -> 13/3 = 4.33 -> mark 4.
    const get = pairsOf([["S2", null, "н", "н", "5/4", "4", null]], [enrol("S2", "G1", "2026-10-10", null)]);
    const p = get("S2");
    expect(p).toMatchObject({ lessons: 2, absences: 0, marks: [5, 4, 4], monthMark: 4 });
    expect(p.average).toBeCloseTo(13 / 3, 12);
  });

  it("stops counting after a withdrawal (To mid-month)", () => {
    // To 08.10: 01.10 «3», 08.10 «н» count; 15.10 and 22.10 are ignored.
    // lessons 2, absences 1 -> share 0.5 ≥ 0.3; one mark < 3 minimum -> н/а.
    const p = pairsOf(
      [["S3", null, "3", "н", "5", "5", null]],
      [enrol("S3", "G1", "2026-09-01", "2026-10-08")],
    )("S3");
    expect(p).toMatchObject({ lessons: 2, absences: 1, missedShare: 0.5, marks: [3], monthMark: "н/а" });
    expect(p.riskReasons).toEqual(["absences", "no-mark"]);
    expect(p.atRisk).toBe(true);
  });

  it("does not count «осв» as lessons; an all-exempt month leaves the pair uncounted", () => {
    const get = pairsOf([
      ["S4", null, "осв", "ОСВ", "4", "4", null],
      ["S5", null, "осв", "x", "осв", "осв", null],
    ]);
    // S4: 2 exempt, lessons 2, marks 4,4 (2 < 3) -> н/а.
    expect(get("S4")).toMatchObject({ lessons: 2, exempt: 2, marks: [4, 4], average: 4, monthMark: "н/а" });
    // S5: lessons 0 -> no month mark, not counted, not at risk.
    expect(get("S5")).toMatchObject({
      lessons: 0,
      exempt: 4,
      monthMark: null,
      counted: false,
      atRisk: false,
    });
    expect(get("S5").missedShare).toBe(0);
  });

  it("reads pass/fail as attended without marks", () => {
    // зач, зач, незач, blank: lessons 4, no marks -> average null, н/а (at risk: no mark).
    const p = pairsOf([["S6", null, "зач", "pass", "незач", null, null]])("S6");
    expect(p).toMatchObject({ lessons: 4, absences: 0, passes: 2, fails: 1, marks: [], average: null });
    expect(p.monthMark).toBe("н/а");
    expect(p.riskReasons).toEqual(["no-mark"]);
  });

  it("counts late as attended, and 5/4 and 4+ as marks", () => {
    // оп, 5, 5, 4+ -> lessons 4, late 1, absences 0, marks 5,5,4 -> 14/3 = 4.67 -> 5.
    const p = pairsOf([["S7", null, "оп", 5, "5", "4+", null]])("S7");
    expect(p).toMatchObject({ lessons: 4, late: 1, absences: 0, marks: [5, 5, 4], monthMark: 5 });
  });

  it("splits absences into н, у, б and compares the share with the threshold inclusively", () => {
    // н, у, б, 5 -> absences 3 of 4 = 0.75.
    const p = pairsOf([["S8", null, "н", "у", "б", "5", null]])("S8");
    expect(p).toMatchObject({ absences: 3, unexcused: 1, excused: 1, ill: 1, missedShare: 0.75 });
    // 3 of 10 is exactly the 30 % threshold -> at risk.
    const ten = Array.from({ length: 10 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}`);
    const model = school({
      students: [student("S9", "9А")],
      groups: [group("G1", "T1")],
      enrollments: [enrol("S9", "G1")],
      journals: [journal("G1", ten, [["S9", "", "н", "н", "н", "5", "5", "5", "5", "5", "5", "5"]])],
    });
    const p9 = computeMonth(model, "2026-10", []).pairs[0];
    expect(p9.missedShare).toBe(0.3);
    expect(p9.riskReasons).toEqual(["absences"]);
  });

  it("leaves invalid tokens out of every figure, including lessons", () => {
    // «55», 5, 4, 3 -> lessons 3 (not 4), marks 5,4,3 -> mark 4; invalid 1.
    const p = pairsOf([["S1", null, "55", "5", "4", "3", null]])("S1");
    expect(p).toMatchObject({ lessons: 3, invalid: 1, absences: 0, marks: [5, 4, 3], monthMark: 4 });
  });

  it("counts dates inside any of several enrollments in the group", () => {
    // [-, 05.10] and [20.10, -]: 01.10 «2» and 22.10 «н» count; 08.10 and 15.10 do not.
    const p = pairsOf(
      [["S1", null, "2", "5", "5", "н", null]],
      [enrol("S1", "G1", null, "2026-10-05"), enrol("S1", "G1", "2026-10-20", null)],
    )("S1");
    expect(p).toMatchObject({ lessons: 2, absences: 1, marks: [2] });
  });

  it("counts two lessons on one date as two columns", () => {
    const model = school({
      students: [student("S1", "9А")],
      groups: [group("G1", "T1")],
      enrollments: [enrol("S1", "G1")],
      journals: [journal("G1", ["01.10.2026", "01.10.2026 (2)", "02.10.2026"], [["S1", "", "5", "н", "4"]])],
    });
    expect(computeMonth(model, "2026-10", []).pairs[0]).toMatchObject({
      lessons: 3,
      absences: 1,
      marks: [5, 4],
    });
  });

  it("ignores journal rows of unknown or unenrolled students, and enrollments of unknown students", () => {
    const model = school({
      students: [student("S1", "9А"), student("S2", "9А")],
      groups: [group("G1", "T1")],
      // S2 is a student but not enrolled in G1; S404 is enrolled but not in Students.
      enrollments: [enrol("S1", "G1"), enrol("S404", "G1")],
      journals: [
        journal(
          "G1",
          ["2026-10-01"],
          [
            ["S1", "", "5"],
            ["S2", "", "2"],
            ["S404", "", "2"],
            ["S999", "", "2"],
          ],
        ),
      ],
    });
    const f = computeMonth(model, "2026-10", []);
    expect(f.pairs.map((p) => p.studentId)).toEqual(["S1"]);
    expect(f.groups[0].N).toBe(1);
  });

  it("treats an enrolled student without a journal row as attending without marks", () => {
    const model = school({
      students: [student("S1", "9А"), student("S2", "9А")],
      groups: [group("G1", "T1")],
      enrollments: [enrol("S1", "G1"), enrol("S2", "G1")],
      journals: [journal("G1", ["2026-10-01", "2026-10-02"], [["S1", "", "5", "4"]])],
    });
    const s2 = computeMonth(model, "2026-10", []).pairs.find((p) => p.studentId === "S2")!;
    expect(s2).toMatchObject({ journalRow: null, lessons: 2, absences: 0, monthMark: "н/а", atRisk: true });
  });

  it("leaves out pairs whose enrollment does not touch the month", () => {
    const model = school({
      students: [student("S1", "9А")],
      groups: [group("G1", "T1")],
      enrollments: [enrol("S1", "G1", "2026-09-01", "2026-09-30")],
      journals: [journal("G1", ["2026-09-29", "2026-10-01"], [["S1", "", "5", "5"]])],
    });
    expect(computeMonth(model, "2026-10", []).pairs).toEqual([]);
  });

  it("rejects a malformed month", () => {
    expect(() => computeMonth(school({}), "2026-13", [])).toThrow(RangeError);
  });
});

describe("month mark", () => {
  const s = (roundingThreshold: number, minimumMarks: number) => ({
    ...DEFAULT_SETTINGS,
    roundingThreshold,
    minimumMarks,
  });

  it("rounds up from the threshold: 3.5 is 4 at 0.5 and 3 at 0.6", () => {
    // (4+3)/2 = 3.5, fractional part 0.5.
    expect(monthMarkOf([4, 3], s(0.5, 2))).toBe(4);
    expect(monthMarkOf([4, 3], s(0.6, 2))).toBe(3);
  });

  it("treats a fractional part equal to the threshold as reaching it despite floating point", () => {
    // (5+5+5+4+4)/5 = 4.6; 4.6 − 4 = 0.5999999999999996 in binary, still ≥ 0.6.
    expect(monthMarkOf([5, 5, 5, 4, 4], s(0.6, 3))).toBe(5);
    expect(monthMarkOf([5, 5, 5, 4, 4], s(0.61, 3))).toBe(4);
    // (4+4+3)/3 = 3.67 -> 4; (4+3+3)/3 = 3.33 -> 3.
    expect(monthMarkOf([4, 4, 3], s(0.5, 3))).toBe(4);
    expect(monthMarkOf([4, 3, 3], s(0.5, 3))).toBe(3);
    expect(monthMarkOf([5, 5, 5], s(0.5, 3))).toBe(5);
  });

  it("needs «Минимум отметок» marks: two marks are н/а at 3 and a mark at 2", () => {
    expect(monthMarkOf([4, 3], s(0.5, 3))).toBe("н/а");
    expect(monthMarkOf([4, 3], s(0.5, 2))).toBe(4);
    expect(monthMarkOf([], s(0.5, 0))).toBe("н/а");
  });

  it("uses the workbook's settings in computeMonth", () => {
    const rows = [["S1", null, "4", "3", null, null, null]];
    const at = (settings: Partial<Settings>) => pairsOf(rows, undefined, settings)("S1").monthMark;
    expect(at({})).toBe("н/а"); // 2 marks < 3
    expect(at({ minimumMarks: 2 })).toBe(4); // 3.5 at 0.5
    expect(at({ minimumMarks: 2, roundingThreshold: 0.6 })).toBe(3);
  });
});
