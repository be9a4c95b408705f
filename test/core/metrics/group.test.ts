import { describe, expect, it } from "vitest";
import { parseJournal } from "../../../src/core/journal/parse.js";
import { computeMonth } from "../../../src/core/metrics/index.js";
import {
  enrol,
  group,
  journal,
  lesson,
  school,
  staffMember,
  student,
} from "../../support/synthetic-school.js";

// G1 in October 2026: four lessons (01, 08, 15, 22) between a September and a November column.
const HEAD = ["2026-09-24", "2026-10-01", "2026-10-08", "2026-10-15", "2026-10-22", "2026-11-05"];
const ROWS = [
  //        Sep   01    08    15    22    Nov
  ["A", "", "2", "5", "4", "5", "5", "2"], // 5,4,5,5 = 19/4 = 4.75 -> 5; abs 0/4
  ["B", "", "н", "4", "н", "3", "4", "н"], // 4,3,4 = 11/3 = 3.67 -> 4; abs 1/4
  ["C", "", null, "3", "3", "2", "б", null], // 3,3,2 = 8/3 = 2.67 -> 3; abs 1/4
  ["D", "", null, "2", "2", "3", "у", null], // 2,2,3 = 7/3 = 2.33 -> 2 (at risk); abs 1/4
  ["E", "", null, "5", "4", null, null, null], // 5,4 = 4.5 but 2 marks -> н/а (at risk); abs 0/4
  ["F", "", "5", "осв", "осв", "осв", "осв", "5"], // lessons 0 -> not counted
];

function model() {
  const ids = ROWS.map((r) => String(r[0]));
  return school({
    students: ids.map((id) => student(id, "9А")),
    staff: [staffMember("T1", "teacher")],
    groups: [group("G1", "T1"), group("G2", "T1")],
    enrollments: [...ids.map((id) => enrol(id, "G1")), enrol("A", "G2")],
    journals: [
      journal("G1", HEAD, ROWS),
      // G2 has no lesson in October.
      journal("G2", ["2026-09-10", "2026-11-12"], [["A", "", "5", "5"]]),
    ],
  });
}

describe("group figures", () => {
  const f = computeMonth(model(), "2026-10", [
    lesson("G1", "2026-10-01"),
    lesson("G1", "2026-10-08"),
    lesson("G1", "2026-10-15"),
    lesson("G1", "2026-10-22"),
    lesson("G1", "2026-10-29"),
    lesson("G1", "2026-09-24"), // another month: not planned in M
  ]);
  const g1 = f.groups.find((g) => g.groupId === "G1")!;

  it("counts month marks over the counted students, н/а included", () => {
    // A 5, B 4, C 3, D 2, E н/а; F has no lessons.
    expect(g1).toMatchObject({ students: 5, N: 5, n5: 1, n4: 1, n3: 1, n2: 1, n1: 0, nNa: 1, atRisk: 2 });
  });

  it("computes success, quality and СОУ with the н/а weight", () => {
    expect(g1.success).toBeCloseTo(60, 10); // (1+1+1)·100/5
    expect(g1.quality).toBeCloseTo(40, 10); // (1+1)·100/5
    expect(g1.sou).toBeCloseTo(44.6, 10); // (1·100 + 1·64 + 1·36 + 1·16 + 1·7)/5 = 223/5
  });

  it("averages the students' unrounded averages, over those with marks", () => {
    // (4.75 + 11/3 + 8/3 + 7/3 + 4.5)/5 = (9.25 + 26/3)/5 = 43/12 = 3.5833…
    expect(g1.average).toBeCloseTo(43 / 12, 12);
  });

  it("computes attendance from absences and lessons of the counted students", () => {
    // Σlessons = 4·5 = 20 (F: 0), Σabsences = 0+1+1+1+0 = 3 -> 100 − 300/20 = 85.
    expect(g1).toMatchObject({ lessons: 20, absences: 3 });
    expect(g1.attendance).toBeCloseTo(85, 10);
  });

  it("reports columns held, journal fill and planned lessons in the month", () => {
    // 4 October columns, each with a non-blank counted cell; 5 planned in October.
    expect(g1).toMatchObject({
      columns: 4,
      filledColumns: 4,
      journalFill: 100,
      planned: 5,
      hasJournal: true,
    });
  });

  it("leaves every figure of a group without October lessons blank", () => {
    const g2 = f.groups.find((g) => g.groupId === "G2")!;
    expect(g2).toMatchObject({ students: 0, N: 0, columns: 0, planned: 0 });
    expect([g2.success, g2.quality, g2.sou, g2.average, g2.attendance, g2.journalFill]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    // A's pair in G2 exists but is not counted, so the class sees only A's G1 pair.
    expect(f.pairs.find((p) => p.groupId === "G2")).toMatchObject({
      studentId: "A",
      counted: false,
      monthMark: null,
    });
    expect(f.classes[0].N).toBe(5);
  });

  it("lists the at-risk pairs with their reasons", () => {
    expect(f.atRisk.map((p) => [p.studentId, p.riskReasons])).toEqual([
      ["D", ["low-mark"]],
      ["E", ["no-mark"]],
    ]);
  });

  it("keeps the settings it used", () => {
    expect(f.settings).toEqual({
      absenceThreshold: 30,
      roundingThreshold: 0.5,
      minimumMarks: 3,
      naWeight: 7,
      daysWithoutContact: 7,
    });
  });
});

describe("journal fill", () => {
  it("counts a column filled when a counted student's cell is not blank", () => {
    // 01: a mark; 08: all blank; 15: only an invalid token; 22: only S2, who left on 20.10
    // (ignored cell); 29: «осв». Filled: 01 and 29 -> 2/5 = 40 %.
    const m = school({
      students: [student("S1", "9А"), student("S2", "9А")],
      groups: [group("G1", "T1")],
      enrollments: [enrol("S1", "G1"), enrol("S2", "G1", null, "2026-10-20")],
      journals: [
        journal(
          "G1",
          ["2026-10-01", "2026-10-08", "2026-10-15", "2026-10-22", "2026-10-29"],
          [
            ["S1", "", "5", null, "??", null, "осв"],
            ["S2", "", null, " ", null, "н", null],
          ],
        ),
      ],
    });
    const g = computeMonth(m, "2026-10", []).groups[0];
    expect(g).toMatchObject({ columns: 5, filledColumns: 2 });
    expect(g.journalFill).toBeCloseTo(40, 10);
  });

  it("matches a journal to its group by group ID, English tab names included", () => {
    const m = school({
      students: [student("S1", "9А")],
      groups: [group("G7", "T1")],
      enrollments: [enrol("S1", "G7")],
      journals: [
        parseJournal("Journal G9", [
          ["ID", "Student", "01.10.2026"],
          ["S1", "", "5"],
        ]),
        parseJournal("Journal G7", [
          ["ID", "Student", "01.10.2026", "02.10.2026"],
          ["S1", "", "2", "н"],
        ]),
      ],
    });
    const g = computeMonth(m, "2026-10", []).groups[0];
    // The G7 tab: 2 columns, one mark (н/а with 1 < 3 marks), one absence.
    expect(g).toMatchObject({ groupId: "G7", hasJournal: true, columns: 2, lessons: 2, absences: 1, nNa: 1 });
  });
});
