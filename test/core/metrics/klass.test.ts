import { describe, expect, it } from "vitest";
import { computeMonth } from "../../../src/core/metrics/index.js";
import { enrol, group, journal, school, student } from "../../support/synthetic-school.js";

// X (9А) is in G1 and G2 (and G3, which has no October lesson); Y (9А) in G1; Z (9Б) in G2;
// W (10В) only in G3. Success and quality count students by category (X once, by all
// their marks); СОУ, the average and attendance stay over the pairs.
function model() {
  return school({
    students: [student("W", "10В"), student("X", "9А"), student("Y", "9А"), student("Z", "9Б")],
    groups: [group("G1", "T1"), group("G2", "T2"), group("G3", "T3")],
    enrollments: [
      enrol("X", "G1"),
      enrol("Y", "G1"),
      enrol("X", "G2"),
      enrol("Z", "G2"),
      enrol("X", "G3"),
      enrol("W", "G3"),
    ],
    journals: [
      journal(
        "G1",
        ["2026-10-01", "2026-10-08", "2026-10-15"],
        [
          ["X", "", "5", "5", "4"], // 14/3 = 4.67 -> 5
          ["Y", "", "3", "н", "3"], // 3,3 -> н/а (2 < 3); average 3; abs 1/3
        ],
      ),
      journal(
        "G2",
        ["2026-10-02", "2026-10-09", "2026-10-16"],
        [
          ["X", "", "4", "4", "4"], // 4
          ["Z", "", "2", "3", "3"], // 8/3 = 2.67 -> 3
        ],
      ),
      journal(
        "G3",
        ["2026-09-03"],
        [
          ["X", "", "2"],
          ["W", "", "2"],
        ],
      ),
    ],
  });
}

describe("class and school figures", () => {
  const f = computeMonth(model(), "2026-10", []);
  const cls = (name: string) => f.classes.find((c) => c.className === name)!;

  it("lists classes from Students in natural order", () => {
    expect(f.classes.map((c) => c.className)).toEqual(["9А", "9Б", "10В"]);
  });

  it("figures a class over its students by category, СОУ over the pairs", () => {
    // 9А: X·G1 = 5, Y·G1 = н/а, X·G2 = 4 (X·G3 has no lessons) -> N 3, S 2.
    // X (5, 4) хорошист, Y (н/а) не аттестован: success = quality = 1·100/2 = 50.
    const a = cls("9А");
    expect(a).toMatchObject({ students: 2, N: 3, n5: 1, n4: 1, n3: 0, nNa: 1, lessons: 9, absences: 1 });
    expect(a.categories).toEqual({
      excellent: 0,
      good: 1,
      satisfactory: 0,
      oneThree: 0,
      failing: 0,
      notAssessed: 1,
    });
    expect(a.success).toBe(50);
    expect(a.quality).toBe(50);
    expect(a.sou).toBeCloseTo(57, 10); // (100 + 64 + 7)/3 = 171/3
    expect(a.average).toBeCloseTo(35 / 9, 12); // (14/3 + 3 + 4)/3 = 3.89
    expect(a.attendance).toBeCloseTo(100 - 100 / 9, 10); // 100 − 1·100/9 = 88.89
  });

  it("figures a one-pair class", () => {
    // 9Б: Z·G2 = 3 -> success 100, quality 0, СОУ 36, average 8/3, attendance 100.
    const b = cls("9Б");
    expect(b).toMatchObject({ students: 1, N: 1, n3: 1, success: 100, quality: 0, sou: 36, attendance: 100 });
    expect(b.average).toBeCloseTo(8 / 3, 12);
  });

  it("leaves a class with no counted pair blank", () => {
    // W's only group has no October lesson.
    expect(cls("10В")).toMatchObject({
      students: 0,
      N: 0,
      success: null,
      quality: null,
      sou: null,
      average: null,
      attendance: null,
    });
  });

  it("figures the school over its students by category, СОУ over every counted pair", () => {
    // Marks 5, н/а, 4, 3 -> N 4; students X (5, 4) хорошист, Y н/а, Z (3) троечник with one 3:
    // S 3, success 2·100/3 = 66.67, quality 1·100/3 = 33.33,
    // СОУ (100 + 64 + 36 + 7)/4 = 51.75, average (14/3 + 3 + 4 + 8/3)/4 = 43/12,
    // attendance 100 − 1·100/12 = 91.67.
    expect(f.school).toMatchObject({
      students: 3,
      N: 4,
      n5: 1,
      n4: 1,
      n3: 1,
      nNa: 1,
      lessons: 12,
      absences: 1,
    });
    expect(f.school.categories).toEqual({
      excellent: 0,
      good: 1,
      satisfactory: 1,
      oneThree: 1,
      failing: 0,
      notAssessed: 1,
    });
    expect(f.school.success).toBeCloseTo(200 / 3, 10);
    expect(f.school.quality).toBeCloseTo(100 / 3, 10);
    expect(f.school.sou).toBeCloseTo(51.75, 10);
    expect(f.school.average).toBeCloseTo(43 / 12, 12);
    expect(f.school.attendance).toBeCloseTo(100 - 100 / 12, 10);
  });

  it("reads «9 а» and «9А» as one class, spelt as first listed", () => {
    const m = model();
    m.students.push(student("V", "9 а"));
    m.enrollments.push(enrol("V", "G2"));
    m.journals[1].rows.push({ ...m.journals[1].rows[0], studentId: "V", row: 9 });
    const g = computeMonth(m, "2026-10", []);
    expect(g.classes.map((c) => c.className)).toEqual(["9А", "9Б", "10В"]);
    // V copies X's G2 row (4, 4, 4): 9А gains one 4 -> N 4, students 3.
    expect(g.classes[0]).toMatchObject({ N: 4, n4: 2, students: 3 });
  });
});
