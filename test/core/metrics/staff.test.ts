import { describe, expect, it } from "vitest";
import { computeMonth } from "../../../src/core/metrics/index.js";
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

// T1 teaches G1 and G2, U1 tutors G1, T2 teaches G3, T3 teaches nothing.
function model() {
  return school({
    students: [student("S1", "9А")],
    staff: [
      staffMember("T1", "teacher"),
      staffMember("U1", "tutor"),
      staffMember("T2", "teacher"),
      staffMember("T3", "teacher"),
    ],
    groups: [group("G1", "T1", "U1"), group("G2", "T1"), group("G3", "T2")],
    enrollments: [enrol("S1", "G1"), enrol("S1", "G2")],
    journals: [
      // G1: 3 columns held in October (one of 4 planned lessons missing), one in September.
      journal(
        "G1",
        ["2026-09-29", "2026-10-06", "2026-10-13", "2026-10-20"],
        [["S1", "", "5", "5", "5", "5"]],
      ),
      // G2: 2 columns in October, one in November.
      journal("G2", ["2026-10-07", "2026-10-14", "2026-11-04"], [["S1", "", "4", "4", "4"]]),
    ],
    contacts: [
      contact("2026-09-15", "T1", "G1"),
      contact("2026-10-20", "T1", "G1"),
      contact("2026-10-27", "T1", "G2"),
      contact("2026-11-03", "T1"), // after October: not seen
      contact("2026-10-28", "U1", "G1"),
      contact("2026-10-30", "T3"),
    ],
  });
}

const PLANNED = [
  ...["2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27"].map((d) => lesson("G1", d)),
  ...["2026-10-07", "2026-10-14"].map((d) => lesson("G2", d)),
  lesson("G2", "2026-11-04"), // next month
  ...["2026-10-01", "2026-10-08"].map((d) => lesson("G3", d)),
];

describe("staff figures", () => {
  const f = computeMonth(model(), "2026-10", PLANNED);
  const who = (id: string) => f.staff.find((s) => s.staffId === id);

  it("lists only people who teach or tutor a group, in Staff order", () => {
    expect(f.staff.map((s) => [s.staffId, s.role, s.groups])).toEqual([
      ["T1", "teacher", ["G1", "G2"]],
      ["U1", "tutor", ["G1"]],
      ["T2", "teacher", ["G3"]],
    ]);
    expect(who("T3")).toBeUndefined();
  });

  it("compares lessons planned with journal columns held in the month", () => {
    // T1: planned G1 4 + G2 2 = 6; held G1 3 + G2 2 = 5. U1: G1 4 vs 3. T2: 2 vs 0 (no journal).
    expect(who("T1")).toMatchObject({ planned: 6, held: 5 });
    expect(who("U1")).toMatchObject({ planned: 4, held: 3 });
    expect(who("T2")).toMatchObject({ planned: 2, held: 0 });
  });

  it("counts contacts in the month and days from the last one to the month's end", () => {
    // T1: 20.10 and 27.10 in October (15.09 before, 03.11 after) -> 2; last 27.10, 31 − 27 = 4 days;
    // but G1's last contact (log 20.10, last held lesson 20.10) is 11 days old -> noContact.
    expect(who("T1")).toMatchObject({
      contacts: 2,
      lastContact: "2026-10-27",
      daysSinceContact: 4,
      noContact: true,
    });
    // U1: last 28.10 -> 3 days.
    expect(who("U1")).toMatchObject({
      contacts: 1,
      lastContact: "2026-10-28",
      daysSinceContact: 3,
      noContact: false,
    });
    // T2: never (no journal, no log) -> counted from G3's first planned lesson 01.10: 30 days.
    expect(who("T2")!.groupContacts).toEqual([
      { groupId: "G3", as: "teacher", lastContact: null, days: 30, stale: true },
    ]);
    expect(who("T2")).toMatchObject({
      contacts: 0,
      lastContact: null,
      daysSinceContact: null,
      noContact: true,
    });
  });

  it("flags each group whose last contact is older than «Дней без контакта»", () => {
    // T1: G1 last 20.10 -> 11 days > 7; G2 last 27.10 -> 4 days.
    expect(who("T1")!.groupsWithoutContact).toEqual(["G1"]);
    expect(who("T1")!.groupContacts.map((c) => [c.groupId, c.days, c.stale])).toEqual([
      ["G1", 11, true],
      ["G2", 4, false],
    ]);
    expect(who("U1")!.groupsWithoutContact).toEqual([]);
    expect(who("T2")!.groupsWithoutContact).toEqual(["G3"]);
  });

  it("flags no contact when the last one is more than the setting's days before the month's end", () => {
    const m = model();
    m.settings = { ...m.settings, daysWithoutContact: 3 };
    const g = computeMonth(m, "2026-10", PLANNED);
    // T1 4 days > 3; U1 3 days is not more than 3.
    expect(g.staff.map((s) => [s.staffId, s.noContact])).toEqual([
      ["T1", true],
      ["U1", false],
      ["T2", true],
    ]);
  });

  it("reads a past month as it was: September sees only September's contacts", () => {
    const sep = computeMonth(model(), "2026-09", PLANNED);
    // T1: logged 15.09, but the lesson held 29.09 is contact too -> 30 − 29 = 1 day; held 1, planned 0.
    expect(sep.staff[0]).toMatchObject({
      contacts: 1,
      lastContact: "2026-09-29",
      daysSinceContact: 1,
      held: 1,
      planned: 0,
    });
  });

  it("counts a held lesson as contact for its teacher, not for the tutor", () => {
    // One teacher held every lesson and logged nothing (the «Григорьев П. А.» case of issue 15).
    const m = school({
      students: [student("S1", "9А")],
      staff: [staffMember("T1", "teacher"), staffMember("U1", "tutor")],
      groups: [group("G1", "T1", "U1")],
      enrollments: [enrol("S1", "G1")],
      journals: [journal("G1", ["2026-11-02", "2026-11-16", "2026-11-30"], [["S1", "", "5", "н", ""]])],
    });
    const nov = computeMonth(m, "2026-11", [lesson("G1", "2026-11-02")]);
    // 30.11 has a blank cell only: not held; 16.11 («н») is: 30 − 16 = 14 days for T1.
    expect(nov.staff[0].groupContacts).toEqual([
      { groupId: "G1", as: "teacher", lastContact: "2026-11-16", days: 14, stale: true },
    ]);
    // The tutor has no log entry: from the first lesson 02.11, 28 days.
    expect(nov.staff[1].groupContacts).toEqual([
      { groupId: "G1", as: "tutor", lastContact: null, days: 28, stale: true },
    ]);
    m.journals[0].rows[0].cells[2] = "4";
    m.journals[0] = journal("G1", ["2026-11-02", "2026-11-16", "2026-11-30"], [["S1", "", "5", "н", "4"]]);
    const held = computeMonth(m, "2026-11", []);
    expect(held.staff[0].groupContacts[0]).toMatchObject({
      lastContact: "2026-11-30",
      days: 0,
      stale: false,
    });
  });
});
