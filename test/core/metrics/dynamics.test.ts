import { describe, expect, it } from "vitest";
import { change, computeMonth, withDynamics } from "../../../src/core/metrics/index.js";
import {
  contact,
  enrol,
  group,
  journal,
  lesson,
  school,
  staffMember,
  student,
} from "../../support/synthetic-school.js";

// S1 and S2 in G1 (9А). September: S1 5,5,5 -> 5; S2 3,3,н -> н/а (2 marks).
// October: S1 4,4,4 -> 4; S2 3,3,3 -> 3.
function model() {
  return school({
    students: [student("S1", "9А"), student("S2", "9А")],
    staff: [staffMember("T1", "teacher")],
    groups: [group("G1", "T1"), group("G2", "T1")],
    enrollments: [enrol("S1", "G1"), enrol("S2", "G1"), enrol("S1", "G2", "2026-10-01")],
    journals: [
      journal(
        "G1",
        ["2026-09-07", "2026-09-14", "2026-09-21", "2026-10-05", "2026-10-12", "2026-10-19"],
        [
          ["S1", "", "5", "5", "5", "4", "4", "4"],
          ["S2", "", "3", "3", "н", "3", "3", "3"],
        ],
      ),
      journal("G2", ["2026-10-06"], [["S1", "", "2"]]),
    ],
    contacts: [contact("2026-09-20", "T1"), contact("2026-10-29", "T1"), contact("2026-10-30", "T1")],
  });
}

describe("dynamics", () => {
  const planned = [lesson("G1", "2026-09-07"), lesson("G1", "2026-10-05"), lesson("G1", "2026-10-12")];
  const sep = computeMonth(model(), "2026-09", planned);
  const oct = computeMonth(model(), "2026-10", planned);
  const d = withDynamics(oct, sep);

  it("pairs each group figure with the previous month's and the change", () => {
    const g1 = d.groups.find((g) => g.groupId === "G1")!.figures;
    // Sep: N 2 (5, н/а) success 50, quality 50, СОУ (100+7)/2 = 53.5, attendance 100 − 100/6.
    // Oct: N 2 (4, 3) success 100, quality 50, СОУ (64+36)/2 = 50, attendance 100.
    expect(g1.success).toEqual({ value: 100, previous: 50, change: 50 });
    expect(g1.quality).toEqual({ value: 50, previous: 50, change: 0 });
    expect(g1.sou).toEqual({ value: 50, previous: 53.5, change: -3.5 });
    expect(g1.attendance.value).toBe(100);
    expect(g1.attendance.previous).toBeCloseTo(100 - 100 / 6, 10);
    expect(g1.attendance.change).toBeCloseTo(100 / 6, 10);
    // Average: Sep (5 + 3)/2 = 4; Oct (4 + 3)/2 = 3.5 -> −0.5.
    expect(g1.average).toEqual({ value: 3.5, previous: 4, change: -0.5 });
    expect(g1.atRisk).toEqual({ value: 0, previous: 1, change: -1 });
  });

  it("gives no previous value where the previous month had no data", () => {
    // G2 had no September lesson: its figures were null then.
    const g2 = d.groups.find((g) => g.groupId === "G2")!.figures;
    expect(g2.N).toEqual({ value: 1, previous: 0, change: 1 });
    expect(g2.success).toEqual({ value: 0, previous: null, change: null });
  });

  it("compares classes, the school and staff", () => {
    // School Oct: G1 4, 3 and G2 н/а (one mark) -> N 3; by student S1 (4, н/а) не аттестован,
    // S2 (3) троечник -> success 1·100/2 = 50. Sep: S1 (5) отличник, S2 н/а -> 50.
    expect(d.school.N).toEqual({ value: 3, previous: 2, change: 1 });
    expect(d.school.success).toEqual({ value: 50, previous: 50, change: 0 });
    expect(d.school.notAssessed).toEqual({ value: 1, previous: 1, change: 0 });
    expect(d.school.excellent).toEqual({ value: 0, previous: 1, change: -1 });
    expect(d.school.unexcused).toEqual({ value: 0, previous: 1, change: -1 });
    // S1 joined G2 on 01.10, but was in G1 all along: arrived in G2, not in the school.
    expect(d.groups[1].figures.arrived).toEqual({ value: 1, previous: 0, change: 1 });
    expect(d.school.arrived).toEqual({ value: 0, previous: 0, change: 0 });
    expect(d.classes[0].className).toBe("9А");
    expect(d.classes[0].figures.N).toEqual({ value: 3, previous: 2, change: 1 });
    // T1: contacts Sep 1, Oct 2; days since the last (log or held lesson): Sep 30 − 21 = 9, Oct 31 − 30 = 1.
    const t1 = d.staff[0].figures;
    expect(t1.contacts).toEqual({ value: 2, previous: 1, change: 1 });
    expect(t1.daysSinceContact).toEqual({ value: 1, previous: 9, change: -8 });
    // Planned: Sep 1, Oct 2; held: Sep 3, Oct 3 + 1 (G2).
    expect(t1.planned).toEqual({ value: 2, previous: 1, change: 1 });
    expect(t1.held).toEqual({ value: 4, previous: 3, change: 1 });
    expect(d).toMatchObject({ month: "2026-10", previousMonth: "2026-09" });
  });

  it("works without a previous month", () => {
    const none = withDynamics(oct, null);
    expect(none.previousMonth).toBeNull();
    expect(none.school.success).toEqual({ value: 50, previous: null, change: null });
  });

  it("computes a change only when both values exist", () => {
    expect(change(3, null)).toEqual({ value: 3, previous: null, change: null });
    expect(change(null, 3)).toEqual({ value: null, previous: 3, change: null });
    expect(change(2.5, 4)).toEqual({ value: 2.5, previous: 4, change: -1.5 });
  });
});
