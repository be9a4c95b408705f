import { describe, expect, it } from "vitest";
import { computeMonth } from "../../../src/core/metrics/index.js";
import { enrol, group, journal, school, student } from "../../support/synthetic-school.js";

// A hand-made November (not the demo generator): seven students, two groups, every category.
//   G1 (02.11, 09.11, 16.11)        G2 (03.11, 10.11, 17.11)
// A 9А: 5 5 5 -> 5                  5 5 5 -> 5        отличник
// B 9А: 5 4 4 -> 4.33 -> 4          3 3 4 -> 3.33 -> 3 троечник, one 3
// C 9А: 3 3 3 -> 3                  3 3 3 -> 3        троечник, two 3s
// D 9А: 2 2 3 -> 2.33 -> 2          5 5 5 -> 5        неуспевающий
// E 9Б: н у б -> н/а (no marks)                        не аттестован
// F 9Б: «оп 4» «нз 4» 4 -> 4 (from 02.11: arrived)     хорошист
// G 9Б: 5 4 | 5 outside (to 10.11: left) -> 2 marks н/а не аттестован
function model() {
  const ids = ["A", "B", "C", "D", "E", "F", "G"];
  return school({
    students: ids.map((id) => student(id, "ABCD".includes(id) ? "9А" : "9Б")),
    groups: [group("G1", "T1"), group("G2", "T2")],
    enrollments: [
      ...["A", "B", "C", "D", "E"].map((id) => enrol(id, "G1")),
      enrol("F", "G1", "2026-11-02"),
      enrol("G", "G1", "2026-09-01", "2026-11-10"),
      ...["A", "B", "C", "D"].map((id) => enrol(id, "G2")),
    ],
    journals: [
      journal(
        "G1",
        ["2026-11-02", "2026-11-09", "2026-11-16"],
        [
          ["A", "", "5", "5", "5"],
          ["B", "", "5", "4", "4"],
          ["C", "", "3", "3", "3"],
          ["D", "", "2", "2", "3"],
          ["E", "", "н", "у", "б"],
          ["F", "", "оп 4", "нз 4", "4"],
          ["G", "", "5", "4", "5"],
        ],
      ),
      journal(
        "G2",
        ["2026-11-03", "2026-11-10", "2026-11-17"],
        [
          ["A", "", "5", "5", "5"],
          ["B", "", "3", "3", "4"],
          ["C", "", "3", "3", "3"],
          ["D", "", "5", "5", "5"],
        ],
      ),
    ],
  });
}

describe("students by category (WORKBOOK-FORMAT «Monthly figures»)", () => {
  const f = computeMonth(model(), "2026-11", []);
  const cls = (name: string) => f.classes.find((c) => c.className === name)!;

  it("puts each 9А student in one category by all their month marks", () => {
    const a = cls("9А");
    expect(a.categories).toEqual({
      excellent: 1,
      good: 0,
      satisfactory: 2,
      oneThree: 1,
      failing: 1,
      notAssessed: 0,
    });
    // S 4: success (1 + 0 + 2)·100/4 = 75, quality 1·100/4 = 25.
    expect(a).toMatchObject({ students: 4, N: 8, success: 75, quality: 25 });
    // СОУ over the 8 pairs: marks 5,5,4,3,3,3,2,5 -> (3·100 + 64 + 3·36 + 16)/8 = 61.
    expect(a.sou).toBe(61);
  });

  it("counts 9Б's absences by kind, lates, missed assignments and movement", () => {
    const b = cls("9Б");
    expect(b.categories).toEqual({
      excellent: 0,
      good: 1,
      satisfactory: 0,
      oneThree: 0,
      failing: 0,
      notAssessed: 2,
    });
    expect(b.success).toBeCloseTo(100 / 3, 10);
    expect(b.quality).toBeCloseTo(100 / 3, 10);
    // Lessons E 3 + F 3 + G 2 (16.11 is after G left) = 8; absences н 1 + у 1 + б 1 = 3.
    expect(b).toMatchObject({
      lessons: 8,
      absences: 3,
      unexcused: 1,
      excused: 1,
      ill: 1,
      late: 1,
      missedAssignments: 1,
      arrived: 1,
      left: 1,
    });
    expect(b.attendance).toBe(62.5); // 100 − 3·100/8
  });

  it("counts the school's students, not its pairs", () => {
    // Pairs would give (n5 3 + n4 2 + n3 3)·100/11 = 72.7 %; students give 4·100/7 = 57.1 %.
    expect(f.school).toMatchObject({
      students: 7,
      N: 11,
      n5: 3,
      n4: 2,
      n3: 3,
      n2: 1,
      nNa: 2,
      arrived: 1,
      left: 1,
    });
    expect(f.school.categories).toEqual({
      excellent: 1,
      good: 1,
      satisfactory: 2,
      oneThree: 1,
      failing: 1,
      notAssessed: 2,
    });
    expect(f.school.success).toBeCloseTo(400 / 7, 10);
    expect(f.school.quality).toBeCloseTo(200 / 7, 10);
  });

  it("gives a group the same success over students as over marks (one pair each)", () => {
    const g1 = f.groups[0];
    // G1: A 5, B 4, C 3 (its one 3), D 2, E н/а, F 4, G н/а.
    expect(g1.categories).toEqual({
      excellent: 1,
      good: 2,
      satisfactory: 1,
      oneThree: 1,
      failing: 1,
      notAssessed: 2,
    });
    expect(g1.success).toBeCloseTo(((g1.n5 + g1.n4 + g1.n3) * 100) / g1.N, 10);
    expect(g1).toMatchObject({ arrived: 1, left: 1, late: 1, missedAssignments: 1 });
    // G2: A 5, B 3, C 3, D 5 -> success 100, quality 50.
    expect(f.groups[1]).toMatchObject({ students: 4, arrived: 0, left: 0, success: 100, quality: 50 });
  });

  it("counts «нз» per student from assignmentMissing", () => {
    const pf = f.pairs.find((p) => p.studentId === "F")!;
    expect(pf).toMatchObject({ lessons: 3, late: 1, missedAssignments: 1, marks: [4, 4, 4], monthMark: 4 });
  });
});
