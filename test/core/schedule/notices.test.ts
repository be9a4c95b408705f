import { describe, expect, it } from "vitest";
import { emptyModel, type Model } from "../../../src/core/model.js";
import { DEFAULT_SETTINGS } from "../../../src/core/records.js";
import { expandLessons } from "../../../src/core/schedule/expand.js";
import { pendingNotices } from "../../../src/core/schedule/notices.js";
import { change, enrollment, group, slot, staff } from "./fixtures.js";

function workbook(students: number): Model {
  const m = emptyModel(DEFAULT_SETTINGS);
  m.columns = {
    changes: { date: 1, groupId: 2, kind: 3, start: 4, end: 5, newDate: 6, reason: 7, notified: 8 },
  };
  m.staff = [staff(2, "T01", "Иванова И.И."), staff(3, "T02", "Петров П.П.")];
  m.groups = [group(2, "G01", "T01", "T02", "Алгебра 9"), group(3, "G02")];
  m.slots = [slot(2, "G01", 3, "10:00", "10:45"), slot(3, "G02", 4, "09:00", "09:45")];
  m.enrollments = Array.from({ length: students }, (_, i) =>
    enrollment(i + 2, `S${String(i + 1).padStart(3, "0")}`, "G01", "2026-09-01"),
  );
  // Left before every change date: never counted.
  m.enrollments.push(enrollment(99, "S900", "G01", "2026-09-01", "2026-09-30"));
  m.changes = [
    change(2, { date: "2026-10-07", groupId: "G01", kind: "cancel", reason: "болезнь преподавателя" }),
    change(3, { date: "2026-10-14", groupId: "G01", kind: "move", newDate: "2026-10-16", start: "12:00" }),
    change(4, { date: "2026-10-17", groupId: "G01", kind: "extra", start: "13:00", end: "13:45" }),
    change(5, {
      date: "2026-10-18",
      groupId: "G01",
      kind: "consultation",
      start: "14:00",
      end: "14:30",
      reason: "перед контрольной.",
    }),
    change(6, { date: "2026-10-21", groupId: "G01", kind: "cancel", notified: "2026-10-01" }),
    change(7, { date: "2026-10-22", groupId: "G02", kind: "cancel" }),
  ];
  return m;
}

const notices = (m: Model, lang: "ru" | "en") =>
  pendingNotices(m, expandLessons(m, "2026-09-01", "2027-06-30"), lang);

describe("pendingNotices", () => {
  it("writes a Russian text for every change not yet notified, pointing at its Notified cell", () => {
    const found = notices(workbook(21), "ru");
    expect(found).toEqual([
      {
        row: 2,
        cell: "H2",
        groupId: "G01",
        text: "Группа G01 «Алгебра 9»: урок 07.10.2026 (10:00–10:45) отменён. Причина: болезнь преподавателя. Касается: преподаватель Иванова И.И., тьютор Петров П.П., 21 учащийся.",
      },
      {
        row: 3,
        cell: "H3",
        groupId: "G01",
        text: "Группа G01 «Алгебра 9»: урок 14.10.2026 (10:00–10:45) перенесён на 16.10.2026, 12:00–12:45. Касается: преподаватель Иванова И.И., тьютор Петров П.П., 21 учащийся.",
      },
      {
        row: 4,
        cell: "H4",
        groupId: "G01",
        text: "Группа G01 «Алгебра 9»: дополнительный урок 17.10.2026, 13:00–13:45. Касается: преподаватель Иванова И.И., тьютор Петров П.П., 21 учащийся.",
      },
      {
        row: 5,
        cell: "H5",
        groupId: "G01",
        text: "Группа G01 «Алгебра 9»: консультация 18.10.2026, 14:00–14:30. Причина: перед контрольной. Касается: преподаватель Иванова И.И., тьютор Петров П.П., 21 учащийся.",
      },
      {
        row: 7,
        cell: "H7",
        groupId: "G02",
        text: "Группа G02: урок 22.10.2026 (09:00–09:45) отменён. Касается: 0 учащихся.",
      },
    ]);
  });

  it("writes the same in English", () => {
    expect(notices(workbook(2), "en").map((n) => n.text)).toEqual([
      'Group G01 "Алгебра 9": the lesson on 2026-10-07 (10:00–10:45) is cancelled. Reason: болезнь преподавателя. Affects: teacher Иванова И.И., tutor Петров П.П., 2 students.',
      'Group G01 "Алгебра 9": the lesson on 2026-10-14 (10:00–10:45) is moved to 2026-10-16, 12:00–12:45. Affects: teacher Иванова И.И., tutor Петров П.П., 2 students.',
      'Group G01 "Алгебра 9": extra lesson on 2026-10-17, 13:00–13:45. Affects: teacher Иванова И.И., tutor Петров П.П., 2 students.',
      'Group G01 "Алгебра 9": consultation on 2026-10-18, 14:00–14:30. Reason: перед контрольной. Affects: teacher Иванова И.И., tutor Петров П.П., 2 students.',
      "Group G02: the lesson on 2026-10-22 (09:00–09:45) is cancelled. Affects: 0 students.",
    ]);
  });

  it.each([
    [1, "1 учащийся", "1 student"],
    [2, "2 учащихся", "2 students"],
    [5, "5 учащихся", "5 students"],
    [21, "21 учащийся", "21 students"],
  ])("counts %i enrolled students with the right plural", (n, ru, en) => {
    const m = workbook(n);
    expect(notices(m, "ru")[0].text.endsWith(`, ${ru}.`)).toBe(true);
    expect(notices(m, "en")[0].text.endsWith(`, ${en}.`)).toBe(true);
  });

  it("counts a student once even with two enrollment rows covering the date", () => {
    const m = workbook(1);
    m.enrollments.push(enrollment(50, "S001", "G01", "2026-10-01", "2026-12-31"));
    expect(notices(m, "ru")[0].text).toContain("1 учащийся.");
  });

  it("points at the column a Notified header would take when the sheet has none", () => {
    const m = workbook(1);
    m.columns = { changes: { groupId: 1, kind: 2, date: 3 } };
    expect(notices(m, "ru")[0].cell).toBe("D2");
    m.columns = {};
    expect(notices(m, "ru")[0].cell).toBe("H2");
  });
});
