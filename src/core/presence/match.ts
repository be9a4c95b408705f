/**
 * Sessions -> one row per lesson and person. A session belongs to a scheduled lesson of a
 * group when it overlaps the lesson's window widened by the tolerance on both sides; the
 * group is the one whose «Ссылка» (or title) names the export's meeting code / ID / course,
 * else each group of the person (enrolment on that date, or teacher / tutor).
 * A lesson counts as covered by the logs only when some session landed in it: a file about
 * Monday's meeting says nothing about Tuesday's, so no one is marked absent there.
 */
import { addDays } from "../dates.js";
import type { Lesson, Model } from "../model.js";
import type { Enrollment, Group } from "../records.js";
import { enrollmentCovers, expandLessons } from "../schedule/expand.js";
import { norm } from "../schema.js";
import { type LoginIndex, personOf } from "./identity.js";
import { localParts, wallToInstant } from "./timestamps.js";
import type { Person, PresenceRole, PresenceRow, Session } from "./types.js";

const MIN = 60_000;

export interface MatchOptions {
  /** The school's zone: the schedule's times are wall clock there. */
  zone: string;
  toleranceMin: number;
  /** Later than this many minutes after the start is «опоздал». */
  lateAfterMin: number;
}

/** True when a group's «Ссылка», title or ID names the export's room. */
export function roomMatches(g: Group, room: string): boolean {
  const r = norm(room);
  if (!r) return false;
  const link = norm(g.link);
  const digits = r.replace(/\D/g, "");
  // Zoom prints the meeting ID as «850 1234 5678»; the link holds it as one number.
  if (digits.length >= 9 && digits === r.replace(/[\s-]/g, "") && link.replace(/\D/g, "").includes(digits))
    return true;
  return (link !== "" && (link === r || link.includes(r))) || norm(g.title) === r || norm(g.id) === r;
}

interface Slot {
  lesson: Lesson;
  from: number;
  to: number;
}

function instant(date: string, time: string, zone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return wallToInstant(Date.UTC(y, m - 1, d, h, mi), zone);
}

/** Indexes built once per import: a month of a big school is ~100,000 sessions. */
interface Lookup {
  enrolByStudent: Map<string, Enrollment[]>;
  enrolByGroup: Map<string, Enrollment[]>;
  staffGroups: Map<string, string[]>;
  rooms: Map<string, string[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function lookup(model: Model): Lookup {
  const out: Lookup = {
    enrolByStudent: new Map(),
    enrolByGroup: new Map(),
    staffGroups: new Map(),
    rooms: new Map(),
  };
  for (const e of model.enrollments) {
    push(out.enrolByStudent, e.studentId, e);
    push(out.enrolByGroup, e.groupId, e);
  }
  for (const g of model.groups) {
    if (g.teacherId) push(out.staffGroups, g.teacherId, g.id);
    if (g.tutorId && g.tutorId !== g.teacherId) push(out.staffGroups, g.tutorId, g.id);
  }
  return out;
}

function roomGroups(model: Model, look: Lookup, room: string): string[] {
  let ids = look.rooms.get(room);
  if (!ids) {
    ids = model.groups.filter((g) => roomMatches(g, room)).map((g) => g.id);
    look.rooms.set(room, ids);
  }
  return ids;
}

function groupsOf(look: Lookup, p: Person | undefined, date: string): string[] {
  if (!p) return [];
  if (p.kind === "student")
    return (look.enrolByStudent.get(p.id) ?? [])
      .filter((e) => enrollmentCovers(e, date))
      .map((e) => e.groupId);
  return look.staffGroups.get(p.id) ?? [];
}

interface Attached {
  slot: Slot;
  person: Person | undefined;
  session: Session;
}

function attach(
  model: Model,
  look: Lookup,
  index: LoginIndex,
  sessions: readonly Session[],
  opt: MatchOptions,
) {
  const dates = sessions.map((s) => localParts(s.start, opt.zone).date).sort();
  const lessons = dates.length
    ? expandLessons(model, addDays(dates[0], -1), addDays(dates[dates.length - 1], 1))
    : [];
  const slotsByGroup = new Map<string, Slot[]>();
  for (const lesson of lessons)
    push(slotsByGroup, lesson.groupId, {
      lesson,
      from: instant(lesson.date, lesson.start, opt.zone),
      to: instant(lesson.date, lesson.end, opt.zone),
    });
  const tol = opt.toleranceMin * MIN;
  const attached: Attached[] = [];
  const unplaced: { person: Person | undefined; session: Session }[] = [];
  for (const session of sessions) {
    const person = personOf(index, session);
    const byRoom = session.room ? roomGroups(model, look, session.room) : [];
    const groups = new Set(
      byRoom.length ? byRoom : groupsOf(look, person, localParts(session.start, opt.zone).date),
    );
    let hit = false;
    for (const g of groups)
      for (const slot of slotsByGroup.get(g) ?? [])
        if (session.start <= slot.to + tol && session.end >= slot.from - tol) {
          attached.push({ slot, person, session });
          hit = true;
        }
    if (!hit) unplaced.push({ person, session });
  }
  return { attached, unplaced };
}

/** Minutes covered by the union of intervals, clipped to [from, to]. */
function minutesInside(intervals: readonly [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    const start = Math.max(a, end);
    if (b > start) total += b - start;
    end = Math.max(end, b);
  }
  return Math.round(total / MIN);
}

function row(
  slot: Slot,
  who: { id: string; role: PresenceRole; login: string },
  got: readonly Session[],
  opt: MatchOptions,
): PresenceRow {
  const l = slot.lesson;
  const base = { date: l.date, groupId: l.groupId, index: l.index, start: l.start, end: l.end };
  const sources = [...new Set(got.map((s) => s.kind))].sort().join(", ");
  if (!got.length)
    return {
      ...base,
      personId: who.id,
      role: who.role,
      login: who.login,
      minutes: 0,
      firstJoin: "",
      lastLeave: "",
      verdict: "absent",
      lateBy: 0,
      sources,
    };
  const first = Math.min(...got.map((s) => s.start));
  const last = Math.max(...got.map((s) => s.end));
  const lateBy = Math.max(0, Math.floor((first - slot.from) / MIN));
  const verdict = who.role === "unknown" ? "unknown-login" : lateBy > opt.lateAfterMin ? "late" : "present";
  return {
    ...base,
    personId: who.id,
    role: who.role,
    login: who.login,
    // Moodle events are instants: the time between the first and the last one counts.
    minutes: minutesInside(
      got.every((s) => s.start === s.end) ? [[first, last]] : got.map((s) => [s.start, s.end]),
      slot.from,
      slot.to,
    ),
    firstJoin: localParts(first, opt.zone).time,
    lastLeave: localParts(last, opt.zone).time,
    verdict,
    lateBy: verdict === "late" ? lateBy : 0,
    sources,
  };
}

const key = (l: Lesson) => `${l.groupId}\u0000${l.date}\u0000${l.index}`;

/** Expected people of a covered lesson: its teacher, its tutor, the students enrolled that day. */
function expected(model: Model, look: Lookup, l: Lesson): { id: string; role: PresenceRole }[] {
  const g = model.groups.find((x) => x.id === l.groupId);
  const out: { id: string; role: PresenceRole }[] = [];
  if (g?.teacherId) out.push({ id: g.teacherId, role: "teacher" });
  if (g?.tutorId && g.tutorId !== g.teacherId) out.push({ id: g.tutorId, role: "tutor" });
  const ids = new Set(
    (look.enrolByGroup.get(l.groupId) ?? [])
      .filter((e) => enrollmentCovers(e, l.date))
      .map((e) => e.studentId),
  );
  for (const id of [...ids].sort()) out.push({ id, role: "student" });
  return out;
}

export interface MatchResult {
  rows: PresenceRow[];
  /** Sessions of unknown accounts that fit no lesson: listed, never dropped. */
  unplaced: Session[];
  /** Sessions of known people that fit no lesson of theirs (information only). */
  outside: Session[];
}

/** Match every session to the schedule; rows sorted by date, group, lesson, role. */
export function matchSessions(
  model: Model,
  index: LoginIndex,
  sessions: readonly Session[],
  opt: MatchOptions,
): MatchResult {
  const look = lookup(model);
  const { attached, unplaced } = attach(model, look, index, sessions, opt);
  const byLesson = new Map<string, { slot: Slot; items: Attached[] }>();
  for (const a of attached) {
    const k = key(a.slot.lesson);
    const entry = byLesson.get(k) ?? { slot: a.slot, items: [] };
    entry.items.push(a);
    byLesson.set(k, entry);
  }
  const rows: PresenceRow[] = [];
  for (const { slot, items } of byLesson.values()) {
    // Sessions per person (a student and a staff member may share an ID) or unknown login.
    const byWho = new Map<string, Session[]>();
    for (const a of items) {
      const who = a.person
        ? `${a.person.kind}\u0000${a.person.id}`
        : `?\u0000${a.session.login || norm(a.session.name)}`;
      push(byWho, who, a.session);
    }
    for (const p of expected(model, look, slot.lesson)) {
      const got = byWho.get(`${p.role === "student" ? "student" : "staff"}\u0000${p.id}`) ?? [];
      rows.push(row(slot, { ...p, login: "" }, got, opt));
    }
    for (const [who, got] of byWho) {
      if (!who.startsWith("?\u0000")) continue;
      rows.push(row(slot, { id: "", role: "unknown", login: who.slice(2) }, got, opt));
    }
  }
  rows.sort(compareRows);
  return {
    rows,
    unplaced: unplaced.filter((u) => !u.person).map((u) => u.session),
    outside: unplaced.filter((u) => u.person).map((u) => u.session),
  };
}

const ROLE_ORDER: Record<PresenceRole, number> = { teacher: 0, tutor: 1, student: 2, unknown: 3 };

export function compareRows(a: PresenceRow, b: PresenceRow): number {
  return (
    a.date.localeCompare(b.date) ||
    a.groupId.localeCompare(b.groupId) ||
    a.index - b.index ||
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    a.personId.localeCompare(b.personId) ||
    a.login.localeCompare(b.login)
  );
}
