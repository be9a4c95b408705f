/**
 * Lesson entry, the most frequent task: one lesson of one group, its enrolled students, one
 * cell each, the topic and homework, the absence reasons. Loading reads only what the lesson
 * needs; saving (lesson-save.ts) re-reads under the lock, refuses when a loaded cell changed
 * meanwhile, and writes one block of the lesson's column plus one audit append — the same
 * few service calls for 10 students or 200.
 */
import { type AbsenceReasons, readAbsenceReasons } from "../../core/absence/reasons.js";
import { todayIn } from "../../core/dates.js";
import type { SheetKey } from "../../core/schema.js";
import type { LessonQuery, LessonSave, LessonSaved, LessonSheet } from "../../rpc/contract.js";
import { isoDate, loadSheets, obj, type SidebarPorts, type Snapshot, str, strMap } from "./common.js";
import { type LessonPart, saveLessons } from "./lesson-save.js";
import { groupOf, journalOf, view } from "./lesson-view.js";

export const LESSON_SHEETS: readonly SheetKey[] = [
  "students",
  "staff",
  "groups",
  "enrollments",
  "schedule",
  "changes",
  "holidays",
  "absenceReasons",
];
const GROUP = { ru: "Группа", en: "Group" };
const DATE = { ru: "Дата", en: "Date" };
const CELL = { ru: "Отметка", en: "Entry" };
const TOPIC = { ru: "Тема", en: "Topic" };
const REASON = { ru: "Причина пропуска", en: "Absence reason" };

/** The reasons sheet of a snapshot, read (empty when the workbook has none yet). */
export function reasonsOf(snap: Snapshot): AbsenceReasons {
  const tab = snap.model.tabs.absenceReasons;
  return readAbsenceReasons(tab ?? "", tab ? (snap.tables.get(tab)?.values ?? []) : []);
}

export function lessonLoad(p: SidebarPorts, payload: LessonQuery): LessonSheet {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const date = isoDate(req.date, DATE, { required: false });
  const index = typeof req.index === "number" && req.index >= 1 ? Math.floor(req.index) : undefined;
  const snap = loadSheets(p.wb, LESSON_SHEETS, [groupId]);
  const { model } = snap;
  groupOf(model, groupId);
  const { sheet, journal } = journalOf(model, groupId);
  const today = todayIn(p.clock.now(), model.settings.timeZone);
  return view(model, groupId, sheet, journal, today, { date: date || undefined, index }, reasonsOf(snap));
}

/** One lesson of a save request, its shape checked (the rules are checked in saveLessons). */
export function lessonPart(payload: unknown): LessonPart {
  const req = obj(payload);
  const t = req.topic === undefined || req.topic === null ? null : obj(req.topic);
  return {
    date: isoDate(req.date, DATE),
    index: typeof req.index === "number" && req.index >= 1 ? Math.floor(req.index) : 1,
    expected: strMap(req.expected, CELL),
    values: strMap(req.values, CELL),
    topic: t
      ? {
          expected: str(t.expected, TOPIC, { max: 4000 }),
          topic: str(t.topic, TOPIC, { max: 1000 }),
          homework: str(t.homework, TOPIC, { max: 1000 }),
        }
      : null,
    reasons: strMap(req.reasons, REASON),
  };
}

export function lessonSave(p: SidebarPorts, payload: LessonSave): LessonSaved {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const part = lessonPart(payload);
  return p.lock.withLock(() => {
    const snap = loadSheets(p.wb, LESSON_SHEETS, [groupId]);
    const today = todayIn(p.clock.now(), snap.model.settings.timeZone);
    const saved = saveLessons(p, snap, groupId, [part], today);
    return {
      changed: saved.changed,
      range: saved.ranges[0] ?? "",
      lesson: view(snap.model, groupId, saved.sheet, saved.journal, today, part, saved.reasons),
    };
  });
}
