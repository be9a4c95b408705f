/**
 * Weekly slots + holidays + schedule changes -> dated lessons. Everything is calendar
 * arithmetic on ISO date strings (no Date in a time zone), so a DST switch can neither lose
 * nor double a lesson.
 *
 * Rules, in the order they apply:
 * 1. A slot gives a lesson on every date of its weekday inside [From, To] (blank = open),
 *    except holidays (From..To inclusive). Slots or changes with a blank required field are
 *    skipped (the parser already reported them).
 * 2. Moves: the group's lesson on Date (the one starting at Start when there is one, else
 *    the first of the day) leaves Date and is added on New date, kind "moved", at Start/End
 *    when given (Start alone keeps the duration), else at its old time. A move that finds no
 *    lesson, or has no New date, changes nothing (findScheduleConflicts reports it).
 * 3. Extra lessons and consultations are added (kind "extra" / "consultation"), holidays or
 *    not: an explicit change wins over the calendar (and is reported when on a holiday).
 * 4. Cancels remove the group's lessons on Date: the one(s) starting at Start when given,
 *    else every lesson of that day (of any kind).
 */
import { addDays, daysBetween, isoWeekday, minutesOf } from "../dates.js";
import type { Lesson, Model } from "../model.js";
import type { Enrollment, HhMm, Holiday, IsoDate, ScheduleChange, Slot } from "../records.js";

export type ScheduleInput = Pick<Model, "slots" | "changes" | "holidays">;

export interface Expansion {
  /** Lessons dated in [from, to], sorted by group, date, start; index set per group and date. */
  lessons: Lesson[];
  /** Cancels and moves that found no lesson of their group on their date (any date, not only [from, to]). */
  unmatched: ScheduleChange[];
}

const KEY_SEP = "\u0000";

/** A slot that can give lessons: group, weekday 1..7, start and end present. */
export function usableSlot(s: Slot): boolean {
  return (
    s.groupId !== "" &&
    s.weekday !== null &&
    Number.isInteger(s.weekday) &&
    s.weekday >= 1 &&
    s.weekday <= 7 &&
    s.start !== null &&
    s.end !== null
  );
}

/** The holiday a date falls in, or undefined. */
export function holidayOn(holidays: readonly Holiday[], date: IsoDate): Holiday | undefined {
  return holidays.find((h) => h.from !== null && h.to !== null && h.from <= date && date <= h.to);
}

/** True when the enrollment (From required, To blank = open) covers the date. */
export function enrollmentCovers(e: Enrollment, date: IsoDate): boolean {
  return e.from !== null && e.from <= date && (e.to === null || date <= e.to);
}

function slotLesson(s: Slot, date: IsoDate): Lesson {
  return {
    groupId: s.groupId,
    date,
    index: 0,
    start: s.start!,
    end: s.end!,
    mode: s.mode,
    kind: "regular",
    source: { sheet: "schedule", row: s.row },
  };
}

/** The lessons a group has on a date from its weekly slots alone (before any change). */
export function regularLessonsOn(model: ScheduleInput, groupId: string, date: IsoDate): Lesson[] {
  if (holidayOn(model.holidays, date)) return [];
  const wd = isoWeekday(date);
  return model.slots
    .filter(
      (s) =>
        usableSlot(s) &&
        s.groupId === groupId &&
        s.weekday === wd &&
        (s.from === null || s.from <= date) &&
        (s.to === null || date <= s.to),
    )
    .map((s) => slotLesson(s, date))
    .sort((a, b) => compareLessons(a, b));
}

function hhmm(minutes: number): HhMm {
  const m = Math.max(0, Math.min(minutes, 23 * 60 + 59));
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Group, date, start, then source (schedule before changes, by row). */
export function compareLessons(a: Lesson, b: Lesson): number {
  return (
    cmp(a.groupId, b.groupId) ||
    cmp(a.date, b.date) ||
    cmp(a.start, b.start) ||
    cmp(a.end, b.end) ||
    cmp(a.source.sheet === "schedule" ? "0" : "1", b.source.sheet === "schedule" ? "0" : "1") ||
    a.source.row - b.source.row
  );
}

/** Lessons in [from, to] plus the cancels/moves that matched nothing. */
export function expandSchedule(model: ScheduleInput, from: IsoDate, to: IsoDate): Expansion {
  const days = new Map<string, Lesson[]>();
  const slots = model.slots.filter(usableSlot);
  // Weekly slots over [from, to]; dates outside it are filled on demand when a change touches them.
  // The period's dates and holiday flags are computed once; each slot steps through them by 7.
  const dates: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const holiday = dates.map((d) => holidayOn(model.holidays, d) !== undefined);
  const firstWeekday = dates.length ? isoWeekday(from) : 1;
  for (const s of slots) {
    const lo = s.from !== null && s.from > from ? daysBetween(from, s.from) : 0;
    const hi = s.to !== null && s.to < to ? daysBetween(from, s.to) : dates.length - 1;
    const weekdayAtLo = ((firstWeekday - 1 + lo) % 7) + 1;
    for (let i = lo + ((s.weekday! - weekdayAtLo + 7) % 7); i <= hi; i += 7) {
      if (holiday[i]) continue;
      const d = dates[i];
      const key = s.groupId + KEY_SEP + d;
      const list = days.get(key);
      if (list) list.push(slotLesson(s, d));
      else days.set(key, [slotLesson(s, d)]);
    }
  }
  const inRange = (d: IsoDate) => from <= d && d <= to;
  const dayOf = (groupId: string, date: IsoDate): Lesson[] => {
    const key = groupId + KEY_SEP + date;
    let list = days.get(key);
    if (!list) {
      list = inRange(date) ? [] : regularLessonsOn(model, groupId, date);
      days.set(key, list);
    }
    return list;
  };
  const unmatched: ScheduleChange[] = [];
  const usable = model.changes.filter((c) => c.date !== null && c.groupId !== "" && c.kind !== null);

  for (const c of usable) {
    if (c.kind !== "move") continue;
    const src = dayOf(c.groupId, c.date!).sort(compareLessons);
    if (src.length === 0) {
      unmatched.push(c);
      continue;
    }
    if (c.newDate === null) continue;
    const at = Math.max(
      0,
      src.findIndex((l) => l.start === c.start),
    );
    const [old] = src.splice(at, 1);
    const start = c.start ?? old.start;
    const end =
      c.end ?? (c.start ? hhmm(minutesOf(old.end) - minutesOf(old.start) + minutesOf(c.start)) : old.end);
    dayOf(c.groupId, c.newDate).push({
      ...old,
      date: c.newDate,
      start,
      end,
      kind: "moved",
      source: { sheet: "changes", row: c.row },
    });
  }
  for (const c of usable) {
    if ((c.kind !== "extra" && c.kind !== "consultation") || c.start === null || c.end === null) continue;
    dayOf(c.groupId, c.date!).push({
      groupId: c.groupId,
      date: c.date!,
      index: 0,
      start: c.start,
      end: c.end,
      mode: null,
      kind: c.kind,
      source: { sheet: "changes", row: c.row },
    });
  }
  for (const c of usable) {
    if (c.kind !== "cancel") continue;
    const list = dayOf(c.groupId, c.date!);
    const keep = c.start === null ? [] : list.filter((l) => l.start !== c.start);
    if (keep.length === list.length) unmatched.push(c);
    list.splice(0, list.length, ...keep);
  }

  const lessons: Lesson[] = [];
  for (const list of days.values()) for (const l of list) if (inRange(l.date)) lessons.push(l);
  lessons.sort(compareLessons);
  let index = 0;
  for (let i = 0; i < lessons.length; i++) {
    const l = lessons[i];
    const p = lessons[i - 1];
    index = p && p.groupId === l.groupId && p.date === l.date ? index + 1 : 1;
    l.index = index;
  }
  unmatched.sort((a, b) => a.row - b.row);
  return { lessons, unmatched };
}

/** Dated lessons of every group in [from, to] (see the rules at the top of this file). */
export function expandLessons(model: ScheduleInput, from: IsoDate, to: IsoDate): Lesson[] {
  return expandSchedule(model, from, to).lessons;
}

/** Cancels and moves that find no lesson of their group on their date, whatever the period. */
export function unmatchedChanges(model: ScheduleInput): ScheduleChange[] {
  // An empty period: only the dates the changes touch are computed.
  return expandSchedule(model, "9999-12-31", "0000-01-01").unmatched;
}

/** Lessons per group ID, each list in date/start order (the input order when already sorted). */
export function lessonsByGroup(lessons: readonly Lesson[]): Map<string, Lesson[]> {
  const out = new Map<string, Lesson[]>();
  for (const l of lessons) {
    const list = out.get(l.groupId);
    if (list) list.push(l);
    else out.set(l.groupId, [l]);
  }
  return out;
}

/** Lessons per group dated in [from, to], optionally only some kinds (e.g. without consultations). */
export function plannedCounts(
  lessons: readonly Lesson[],
  from: IsoDate,
  to: IsoDate,
  kinds: readonly Lesson["kind"][] = ["regular", "moved", "extra", "consultation"],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lessons) {
    if (l.date < from || l.date > to || !kinds.includes(l.kind)) continue;
    out.set(l.groupId, (out.get(l.groupId) ?? 0) + 1);
  }
  return out;
}

/** The journal key of a lesson: date and its number on that date. */
export function lessonKey(l: Pick<Lesson, "date" | "index">): string {
  return `${l.date}#${l.index}`;
}
