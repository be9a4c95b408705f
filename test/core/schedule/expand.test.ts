import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Lesson } from "../../../src/core/model.js";
import type { ScheduleChange, Slot } from "../../../src/core/records.js";
import {
  expandLessons,
  expandSchedule,
  lessonsByGroup,
  plannedCounts,
  unmatchedChanges,
} from "../../../src/core/schedule/expand.js";
import { change, daysIn, holiday, slot, weekdayOf } from "./fixtures.js";

const model = (
  slots: Slot[],
  changes: ScheduleChange[] = [],
  holidays = [] as ReturnType<typeof holiday>[],
) => ({
  slots,
  changes,
  holidays,
});
const brief = (ls: Lesson[]) =>
  ls.map((l) => `${l.groupId} ${l.date} ${l.index} ${l.start}-${l.end} ${l.kind}`);

describe("expandLessons: weekly slots", () => {
  it("gives one lesson per matching weekday, inside the slot's From/To, skipping holidays", () => {
    const m = model(
      [
        slot(2, "G01", 3, "10:00", "10:45"), // Wednesdays
        slot(3, "G02", 5, "12:00", "12:45", { from: "2026-10-09", to: "2026-10-23" }), // Fridays, bounded
      ],
      [],
      [holiday(2, "2026-10-14", "2026-10-16", "осенние")],
    );
    expect(brief(expandLessons(m, "2026-10-01", "2026-10-31"))).toEqual([
      "G01 2026-10-07 1 10:00-10:45 regular",
      "G01 2026-10-21 1 10:00-10:45 regular",
      "G01 2026-10-28 1 10:00-10:45 regular",
      "G02 2026-10-09 1 12:00-12:45 regular",
      "G02 2026-10-23 1 12:00-12:45 regular",
    ]);
  });

  it("numbers two lessons of a group on one date by start time and keeps mode and source", () => {
    const m = model([
      slot(5, "G01", 1, "14:00", "14:45", { mode: "offline" }),
      slot(4, "G01", 1, "09:00", "09:45"),
    ]);
    const ls = expandLessons(m, "2026-10-05", "2026-10-05");
    expect(ls.map((l) => [l.index, l.start, l.mode, l.source])).toEqual([
      [1, "09:00", "online", { sheet: "schedule", row: 4 }],
      [2, "14:00", "offline", { sheet: "schedule", row: 5 }],
    ]);
  });

  it("skips slots with a blank required field or a weekday outside 1..7", () => {
    const m = model([
      slot(2, "G01", 1, "10:00", "10:45"),
      { ...slot(3, "G01", 2, "10:00", "10:45"), weekday: null },
      { ...slot(4, "G01", 3, "10:00", "10:45"), start: null },
      slot(5, "G01", 8, "10:00", "10:45"),
      slot(6, "", 4, "10:00", "10:45"),
    ]);
    expect(brief(expandLessons(m, "2026-10-05", "2026-10-11"))).toEqual([
      "G01 2026-10-05 1 10:00-10:45 regular",
    ]);
  });

  it("gives nothing for a slot whose From is after its To", () => {
    const m = model([slot(2, "G01", 1, "10:00", "10:45", { from: "2026-11-01", to: "2026-10-01" })]);
    expect(expandLessons(m, "2026-09-01", "2026-12-31")).toEqual([]);
  });
});

describe("expandLessons: calendar edges", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const everyDay = model([1, 2, 3, 4, 5, 6, 7].map((wd) => slot(wd + 1, "G01", wd, "00:00", "00:45")));

  it.each(["Europe/Moscow", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"])(
    "loses and doubles nothing across the late-October DST switch and a month boundary (TZ=%s)",
    (tz) => {
      process.env.TZ = tz;
      // Europe leaves summer time on Sun 2026-10-25, the US on Sun 2026-11-01.
      const ls = expandLessons(everyDay, "2026-10-19", "2026-11-08");
      expect(ls.map((l) => l.date)).toEqual(daysIn("2026-10-19", "2026-11-08"));
      expect(ls.every((l) => l.index === 1)).toBe(true);
      for (const l of ls) expect(weekdayOf(l.date)).toBe(l.source.row - 1);
    },
  );

  it("crosses year ends and leap days", () => {
    expect(expandLessons(everyDay, "2027-12-30", "2028-03-01").map((l) => l.date)).toEqual(
      daysIn("2027-12-30", "2028-03-01"),
    );
    expect(daysIn("2027-12-30", "2028-03-01")).toContain("2028-02-29");
  });
});

describe("expandLessons: changes", () => {
  const base = [slot(2, "G01", 3, "10:00", "10:45"), slot(3, "G01", 3, "12:00", "12:45")];

  it("cancel without Start removes the group's lessons of the day; with Start only that one", () => {
    const m = model(base, [
      change(2, { date: "2026-10-07", groupId: "G01", kind: "cancel" }),
      change(3, { date: "2026-10-14", groupId: "G01", kind: "cancel", start: "12:00" }),
    ]);
    expect(brief(expandLessons(m, "2026-10-07", "2026-10-14"))).toEqual([
      "G01 2026-10-14 1 10:00-10:45 regular",
    ]);
  });

  it("move takes the lesson starting at Start (else the first) to New date at the given or old time", () => {
    const m = model(base, [
      // Start names the 12:00 lesson; it keeps its time on the new date.
      change(2, { date: "2026-10-07", groupId: "G01", kind: "move", start: "12:00", newDate: "2026-10-09" }),
      // Start 15:00 names no lesson: the first (10:00) moves to 15:00, keeping its 45 minutes.
      change(3, { date: "2026-10-14", groupId: "G01", kind: "move", start: "15:00", newDate: "2026-10-14" }),
      // Start and End given.
      change(4, {
        date: "2026-10-21",
        groupId: "G01",
        kind: "move",
        start: "08:00",
        end: "09:30",
        newDate: "2026-10-22",
      }),
    ]);
    expect(brief(expandLessons(m, "2026-10-07", "2026-10-22"))).toEqual([
      "G01 2026-10-07 1 10:00-10:45 regular",
      "G01 2026-10-09 1 12:00-12:45 moved",
      "G01 2026-10-14 1 12:00-12:45 regular",
      "G01 2026-10-14 2 15:00-15:45 moved",
      "G01 2026-10-21 1 12:00-12:45 regular",
      "G01 2026-10-22 1 08:00-09:30 moved",
    ]);
    const moved = expandLessons(m, "2026-10-09", "2026-10-09")[0];
    expect(moved.source).toEqual({ sheet: "changes", row: 2 });
    expect(moved.mode).toBe("online");
  });

  it("a move across the period's edge removes inside and adds inside", () => {
    const m = model(base, [
      change(2, { date: "2026-09-30", groupId: "G01", kind: "move", newDate: "2026-10-02" }),
      change(3, { date: "2026-10-28", groupId: "G01", kind: "move", newDate: "2026-11-02" }),
    ]);
    const ls = expandLessons(m, "2026-10-01", "2026-10-31");
    expect(ls.filter((l) => l.kind === "moved").map((l) => l.date)).toEqual(["2026-10-02"]);
    expect(ls.filter((l) => l.date === "2026-10-28").map((l) => l.start)).toEqual(["12:00"]);
  });

  it("extra lessons and consultations are added with their kind, on holidays too", () => {
    const m = model(
      base,
      [
        change(2, { date: "2026-10-08", groupId: "G01", kind: "extra", start: "16:00", end: "16:45" }),
        change(3, { date: "2026-10-08", groupId: "G01", kind: "consultation", start: "15:00", end: "15:30" }),
        change(4, { date: "2026-10-09", groupId: "G01", kind: "extra", start: null, end: "10:00" }),
      ],
      [holiday(2, "2026-10-08", "2026-10-08")],
    );
    expect(brief(expandLessons(m, "2026-10-08", "2026-10-09"))).toEqual([
      "G01 2026-10-08 1 15:00-15:30 consultation",
      "G01 2026-10-08 2 16:00-16:45 extra",
    ]);
  });

  it("a cancel also removes an extra lesson of that day", () => {
    const m = model(base, [
      change(2, { date: "2026-10-08", groupId: "G01", kind: "extra", start: "16:00", end: "16:45" }),
      change(3, { date: "2026-10-08", groupId: "G01", kind: "cancel" }),
    ]);
    expect(expandLessons(m, "2026-10-08", "2026-10-08")).toEqual([]);
  });

  it("reports cancels and moves that find no lesson, whatever the period, and applies nothing for them", () => {
    const m = model(
      base,
      [
        change(2, { date: "2026-10-08", groupId: "G01", kind: "cancel" }), // Thursday: no lesson
        change(3, { date: "2026-10-07", groupId: "G01", kind: "cancel", start: "11:00" }), // no 11:00 lesson
        change(4, { date: "2026-10-08", groupId: "G01", kind: "move", newDate: "2026-10-09" }),
        change(5, { date: "2027-01-06", groupId: "G01", kind: "cancel" }), // holiday
        change(6, { date: "2026-10-14", groupId: "G01", kind: "cancel" }), // fine
        change(7, { date: null, groupId: "G01", kind: "cancel" }), // parser reported it
      ],
      [holiday(2, "2026-12-29", "2027-01-08")],
    );
    expect(unmatchedChanges(m).map((c) => c.row)).toEqual([2, 3, 4, 5]);
    const ex = expandSchedule(m, "2026-10-01", "2026-10-31");
    expect(ex.unmatched.map((c) => c.row)).toEqual([2, 3, 4, 5]);
    expect(ex.lessons.filter((l) => l.date === "2026-10-07")).toHaveLength(2);
    expect(ex.lessons.filter((l) => l.date === "2026-10-09")).toHaveLength(0);
    expect(ex.lessons.filter((l) => l.date === "2026-10-14")).toHaveLength(0);
  });
});

describe("expandLessons: counting property", () => {
  const FROM = "2026-09-01";
  const DAYS = daysIn(FROM, "2027-12-31");
  const dateArb = fc.integer({ min: 0, max: 120 }).map((k) => DAYS[k]);
  const timeOf = (i: number) => `${String(8 + i).padStart(2, "0")}:00`;

  it("lessons = matching weekdays in range − holidays − cancels + extras", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            group: fc.constantFrom("G01", "G02"),
            weekday: fc.integer({ min: 1, max: 7 }),
            bounds: fc.option(fc.tuple(dateArb, dateArb), { nil: null }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.tuple(dateArb, fc.integer({ min: 0, max: 6 })), { maxLength: 4 }),
        fc.array(fc.record({ slot: fc.nat(), date: dateArb }), { maxLength: 20 }),
        fc.array(fc.record({ group: fc.constantFrom("G01", "G02"), date: dateArb }), { maxLength: 6 }),
        fc.tuple(dateArb, dateArb),
        (slotSpecs, holidaySpecs, cancelSpecs, extraSpecs, [a, b]) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          // Slot i starts at 08:00 + i hours: starts never collide, a cancel by Start names one slot.
          const slots = slotSpecs.map((s, i) =>
            slot(i + 2, s.group, s.weekday, timeOf(i), `${timeOf(i).slice(0, 2)}:45`, {
              from: s.bounds ? [...s.bounds].sort()[0] : null,
              to: s.bounds ? [...s.bounds].sort()[1] : null,
            }),
          );
          const holidays = holidaySpecs.map(([d, len], i) => holiday(i + 2, d, DAYS[DAYS.indexOf(d) + len]));
          const isHoliday = (d: string) => holidays.some((h) => h.from! <= d && d <= h.to!);
          const lessonOf = (s: Slot, d: string) =>
            weekdayOf(d) === s.weekday &&
            (s.from === null || s.from <= d) &&
            (s.to === null || d <= s.to) &&
            !isHoliday(d);
          // Oracle: day by day, independent of the code under test.
          const days = daysIn(from, to);
          const matching = slots.reduce((n, s) => n + days.filter((d) => lessonOf(s, d)).length, 0);
          const cancels = new Map<string, ScheduleChange>();
          for (const c of cancelSpecs) {
            const s = slots[c.slot % slots.length];
            cancels.set(
              `${s.row}|${c.date}`,
              change(0, { date: c.date, groupId: s.groupId, kind: "cancel", start: s.start }),
            );
          }
          const effective = [...cancels.entries()].filter(([key, c]) => {
            const s = slots.find((x) => x.row === Number(key.split("|")[0]))!;
            return c.date! >= from && c.date! <= to && lessonOf(s, c.date!);
          }).length;
          const extras = extraSpecs.map((e, i) =>
            change(0, {
              date: e.date,
              groupId: e.group,
              kind: "extra",
              start: `20:${String(i).padStart(2, "0")}`,
              end: "21:00",
            }),
          );
          const inRangeExtras = extras.filter((e) => e.date! >= from && e.date! <= to).length;
          const changes = [...cancels.values(), ...extras].map((c, i) => ({ ...c, row: i + 2 }));

          const ls = expandLessons(model(slots, changes, holidays), from, to);
          expect(ls.length).toBe(matching - effective + inRangeExtras);
          // Sorted by group, date, start; index counts 1, 2, ... per group and date.
          for (let i = 1; i < ls.length; i++) {
            const p = ls[i - 1];
            const l = ls[i];
            expect(`${p.groupId}|${p.date}|${p.start}` <= `${l.groupId}|${l.date}|${l.start}`).toBe(true);
            expect(l.index).toBe(p.groupId === l.groupId && p.date === l.date ? p.index + 1 : 1);
          }
          for (const l of ls) {
            expect(l.date >= from && l.date <= to).toBe(true);
            if (l.kind === "regular") expect(isHoliday(l.date)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("grouping helpers", () => {
  it("lessonsByGroup and plannedCounts split by group, period and kind", () => {
    const m = model(
      [slot(2, "G01", 1, "10:00", "10:45"), slot(3, "G02", 2, "10:00", "10:45")],
      [change(2, { date: "2026-10-07", groupId: "G02", kind: "consultation", start: "15:00", end: "15:30" })],
    );
    const ls = expandLessons(m, "2026-10-01", "2026-10-31");
    const by = lessonsByGroup(ls);
    expect([...by.keys()]).toEqual(["G01", "G02"]);
    expect(by.get("G01")!.map((l) => l.date)).toEqual([
      "2026-10-05",
      "2026-10-12",
      "2026-10-19",
      "2026-10-26",
    ]);
    expect(by.get("G02")).toHaveLength(5);
    expect([...plannedCounts(ls, "2026-10-01", "2026-10-15")]).toEqual([
      ["G01", 2],
      ["G02", 3],
    ]);
    expect(plannedCounts(ls, "2026-10-01", "2026-10-31", ["regular", "moved", "extra"]).get("G02")).toBe(4);
  });
});
