/**
 * The week view's state as plain data: every cell's text and reason by «lesson:student», the
 * topics, and what changed against the loaded week (one request per changed lesson).
 */
import type { LessonSheet, SidebarContext, TopicSave, WeekSheet } from "../../src/rpc/contract.js";
import { isAway, parseCell, tokenOk } from "./cells.js";

export type Topic = { topic: string; homework: string };
export const cellKey = (lesson: number, id: string) => `${lesson}:${id}`;

export interface WeekEdits {
  cells: Record<string, string>;
  reasons: Record<string, string>;
  topics: Topic[];
}

export interface LessonChange {
  date: string;
  index: number;
  values: Record<string, string>;
  expected: Record<string, string>;
  reasons: Record<string, string>;
  topic: TopicSave | null;
}

type Ctx = Pick<SidebarContext, "attendanceWords" | "tokens" | "lang" | "words">;

export function editsOf(w: WeekSheet): WeekEdits {
  const cells: Record<string, string> = {};
  const reasons: Record<string, string> = {};
  w.lessons.forEach((l, k) => {
    for (const s of l.students) {
      cells[cellKey(k, s.id)] = s.cell;
      reasons[cellKey(k, s.id)] = s.reason;
    }
  });
  return { cells, reasons, topics: w.lessons.map((l) => ({ topic: l.topic, homework: l.homework })) };
}

/** Every student of the week by name (a lesson's cell exists only while they are enrolled). */
export function peopleOf(lessons: readonly LessonSheet[]): [string, string][] {
  const students = new Map<string, string>();
  for (const l of lessons) for (const s of l.students) students.set(s.id, s.name);
  return [...students].sort((a, b) => a[1].localeCompare(b[1], "ru"));
}

/** The cell holds an absence code (н, у, б): it may have a reason. */
export function isAwayCell(e: WeekEdits, k: number, id: string, ctx: Ctx): boolean {
  return isAway(parseCell(e.cells[cellKey(k, id)] ?? "", ctx).att);
}

export function changesOf(lessons: readonly LessonSheet[], e: WeekEdits, ctx: Ctx): LessonChange[] {
  const reasonNow = (k: number, id: string) =>
    isAwayCell(e, k, id, ctx) ? (e.reasons[cellKey(k, id)] ?? "").trim() : "";
  const out: LessonChange[] = [];
  lessons.forEach((l, k) => {
    const c: LessonChange = {
      date: l.date,
      index: l.index,
      values: {},
      expected: {},
      reasons: {},
      topic: null,
    };
    for (const s of l.students) {
      const now = (e.cells[cellKey(k, s.id)] ?? "").trim();
      if (now !== s.cell) {
        c.values[s.id] = now;
        c.expected[s.id] = s.cell;
      }
      if (reasonNow(k, s.id) !== s.reason) c.reasons[s.id] = reasonNow(k, s.id);
    }
    const tp = e.topics[k];
    if (tp && (tp.topic !== l.topic || tp.homework !== l.homework))
      c.topic = { expected: l.topicCell, ...tp };
    if (Object.keys(c.values).length + Object.keys(c.reasons).length > 0 || c.topic) out.push(c);
  });
  return out;
}

/** The first cell outside the grammar, if any. */
export function firstInvalid(lessons: readonly LessonSheet[], e: WeekEdits, ctx: Ctx) {
  for (const [k, l] of lessons.entries())
    for (const s of l.students) {
      const v = e.cells[cellKey(k, s.id)] ?? "";
      if (!tokenOk(v, ctx)) return { name: s.name, date: l.date, value: v };
    }
  return null;
}
