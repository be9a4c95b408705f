/**
 * Building schools in tests: small record builders for hand-made fixtures, and
 * syntheticModel() for a whole seeded school year (benches, property tests). Journals go
 * through the real parseJournal, so cells are read exactly as from a workbook.
 */
import type { CellValue } from "../../src/core/cells.js";
import { addDays, isoWeekday, monthRange, ruDate } from "../../src/core/dates.js";
import { parseJournal } from "../../src/core/journal/parse.js";
import type { ParsedJournal } from "../../src/core/journal/types.js";
import { emptyModel, type Lesson, type Model } from "../../src/core/model.js";
import {
  type Contact,
  DEFAULT_SETTINGS,
  type Enrollment,
  type Group,
  type IsoDate,
  type Settings,
  type Slot,
  type Staff,
  type StaffRole,
  type Student,
} from "../../src/core/records.js";
import { studentRecord } from "./records.js";

let nextRow = 2;
const row = () => nextRow++;

export function student(id: string, className: string, name = `Student ${id}`): Student {
  return studentRecord({ row: row(), id, name, className });
}

export function staffMember(id: string, role: StaffRole, name = `Staff ${id}`): Staff {
  return { row: row(), id, name, role, email: "", phone: "", subjects: "" };
}

export function group(id: string, teacherId: string, tutorId = "", subject = "Математика"): Group {
  return { row: row(), id, title: `${subject} ${id}`, subject, teacherId, tutorId, link: "", note: "" };
}

export function enrol(
  studentId: string,
  groupId: string,
  from: IsoDate | null = null,
  to: IsoDate | null = null,
): Enrollment {
  return { row: row(), studentId, groupId, from, to };
}

export function contact(date: IsoDate, staffId: string, groupId = ""): Contact {
  return { row: row(), date, staffId, groupId, studentId: "", channel: "", summary: "" };
}

export function lesson(groupId: string, date: IsoDate, index = 1): Lesson {
  return {
    groupId,
    date,
    index,
    start: "10:00",
    end: "10:40",
    mode: "online",
    kind: "regular",
    source: { sheet: "schedule", row: 2 },
  };
}

/**
 * A journal sheet as a person types it: `headers` are the lesson headers (ISO dates are
 * written as «ДД.ММ.ГГГГ», anything else as given), each row is [ID, name, ...cells].
 */
export function journal(groupId: string, headers: CellValue[], rows: CellValue[][]): ParsedJournal {
  const head = headers.map((h) => (typeof h === "string" && /^\d{4}-\d{2}-\d{2}$/.test(h) ? ruDate(h) : h));
  return parseJournal(`Журнал ${groupId}`, [["ID", "Учащийся", ...head], ...rows]);
}

/** A model from parts; settings override the defaults. */
export function school(parts: Partial<Omit<Model, "settings">> & { settings?: Partial<Settings> }): Model {
  const { settings, ...rest } = parts;
  return { ...emptyModel({ ...DEFAULT_SETTINGS, ...settings }), ...rest };
}

/** mulberry32: a small seeded generator, same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  students: number;
  groups: number;
  classes: number;
  seed: number;
  /** The year the school year starts (September); default 2026. */
  year?: number;
}

/** Weighted journal tokens: mostly blanks and marks, some absences, a few oddities. */
const TOKENS: [CellValue, number][] = [
  [null, 40],
  ["5", 10],
  [5, 3],
  ["4", 12],
  ["3", 8],
  ["2", 2],
  ["4+", 1],
  ["5/4", 2],
  ["н", 5],
  ["у", 3],
  ["б", 3],
  ["оп", 2],
  ["осв", 1],
  ["зач", 2],
  ["незач", 0.5],
  ["55", 0.3],
  ["?", 0.2],
];
const TOTAL = TOKENS.reduce((s, [, w]) => s + w, 0);

const SUBJECTS = ["Математика", "Русский язык", "Физика", "Химия", "Биология", "История", "Английский язык"];
const LETTERS = ["А", "Б", "В", "Г", "Д", "Е", "Ж", "З"];

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/**
 * A seeded school year (September..June): each student in 3..5 groups (some join late or
 * leave early), each group 3 lessons a week on fixed weekdays, every lesson a journal column,
 * contacts about twice a month per staff member. Same seed, same school.
 */
export function syntheticModel(opts: SyntheticOptions): Model {
  const rand = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const year = opts.year ?? 2026;
  const start = `${year}-09-01`;
  const end = `${year + 1}-06-30`;
  const days: IsoDate[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);

  const classNames = Array.from(
    { length: opts.classes },
    (_, i) => `${5 + (i % 7)}${LETTERS[Math.floor(i / 7) % LETTERS.length]}`,
  );
  const students = Array.from({ length: opts.students }, (_, i) =>
    student(`S${pad(i + 1, 5)}`, classNames[i % classNames.length], `Учащийся ${i + 1}`),
  );
  const teachers = Math.max(1, Math.ceil(opts.groups / 3));
  const tutors = Math.max(1, Math.ceil(opts.groups / 8));
  const staff = [
    ...Array.from({ length: teachers }, (_, i) => staffMember(`T${pad(i + 1, 3)}`, "teacher")),
    ...Array.from({ length: tutors }, (_, i) => staffMember(`U${pad(i + 1, 3)}`, "tutor")),
  ];
  const groups = Array.from({ length: opts.groups }, (_, i) =>
    group(
      `G${pad(i + 1, 3)}`,
      `T${pad((i % teachers) + 1, 3)}`,
      `U${pad((i % tutors) + 1, 3)}`,
      pick(SUBJECTS),
    ),
  );

  const enrollments: Enrollment[] = [];
  const members = new Map<string, { id: string; from: IsoDate; to: IsoDate | null }[]>();
  for (const s of students) {
    const k = 3 + Math.floor(rand() * 3);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(k, groups.length)) chosen.add(Math.floor(rand() * groups.length));
    for (const gi of chosen) {
      const late = rand() < 0.1;
      const leaves = rand() < 0.05;
      const from = late ? pick(days) : start;
      const to = leaves
        ? days[Math.min(days.length - 1, days.indexOf(from) + 30 + Math.floor(rand() * 120))]
        : null;
      enrollments.push(enrol(s.id, groups[gi].id, from, to));
      const list = members.get(groups[gi].id) ?? [];
      list.push({ id: s.id, from, to });
      members.set(groups[gi].id, list);
    }
  }

  const slots: Slot[] = [];
  const journals: ParsedJournal[] = [];
  for (const g of groups) {
    const weekdays = new Set<number>();
    while (weekdays.size < 3) weekdays.add(1 + Math.floor(rand() * 5));
    for (const w of weekdays) {
      slots.push({
        row: row(),
        groupId: g.id,
        weekday: w,
        start: "10:00",
        end: "10:40",
        mode: "online",
        from: start,
        to: end,
      });
    }
    const dates = days.filter((d) => weekdays.has(isoWeekday(d)));
    const rows = (members.get(g.id) ?? []).map((m) => [
      m.id,
      `Учащийся ${m.id}`,
      ...dates.map((d) => (d < m.from || (m.to !== null && d > m.to) ? null : token(rand()))),
    ]);
    journals.push(journal(g.id, dates, rows));
  }

  const contacts: Contact[] = [];
  for (const p of staff) {
    for (const d of days)
      if (rand() < 2 / 30) contacts.push(contact(d, p.id, rand() < 0.5 ? "" : pick(groups).id));
  }

  return school({ students, staff, groups, enrollments, slots, journals, contacts });
}

function token(x: number): CellValue {
  let acc = x * TOTAL;
  for (const [t, w] of TOKENS) {
    acc -= w;
    if (acc < 0) return t;
  }
  return null;
}

/** The month's lessons from the weekly slots (no changes, no holidays): what schedule would give. */
export function syntheticLessons(model: Model, month: string): Lesson[] {
  const { from, to } = monthRange(month);
  const out: Lesson[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (const s of model.slots) {
      if (s.weekday !== isoWeekday(d)) continue;
      if ((s.from && d < s.from) || (s.to && d > s.to)) continue;
      out.push(lesson(s.groupId, d));
    }
  }
  return out;
}
