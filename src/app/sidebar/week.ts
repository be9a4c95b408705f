/**
 * The week view: a group's lessons of one week side by side (Monday to Sunday), from the
 * schedule with its changes and the journal's columns. Saved in one call: every changed lesson
 * in one lock and one write batch (lesson-save.ts), refused as a whole on a conflict.
 */

import type { AbsenceReasons } from "../../core/absence/reasons.js";
import { addDays, isoWeekday, todayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { ParsedJournal } from "../../core/journal/types.js";
import type { Model } from "../../core/model.js";
import type { WeekQuery, WeekSave, WeekSaved, WeekSheet } from "../../rpc/contract.js";
import { isoDate, loadSheets, obj, type SidebarPorts, str } from "./common.js";
import { LESSON_SHEETS, lessonPart, reasonsOf } from "./lesson.js";
import { saveLessons } from "./lesson-save.js";
import { groupOf, journalOf, view } from "./lesson-view.js";

const GROUP = { ru: "Группа", en: "Group" };
const DATE = { ru: "Дата", en: "Date" };
/** A week has at most 7 days × a few lessons; more in one request is not a week. */
const MAX_LESSONS = 21;

export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

function week(
  model: Model,
  groupId: string,
  sheet: string,
  journal: ParsedJournal | undefined,
  today: string,
  monday: string,
  reasons: AbsenceReasons,
): WeekSheet {
  const sunday = addDays(monday, 6);
  const all = view(model, groupId, sheet, journal, today, { date: sunday }, reasons).options;
  const lessons = all
    .filter((o) => o.date >= monday && o.date <= sunday)
    .map((o) => view(model, groupId, sheet, journal, today, { date: o.date, index: o.index }, reasons));
  return { groupId, monday, lessons };
}

export function weekLoad(p: SidebarPorts, payload: WeekQuery): WeekSheet {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const date = isoDate(req.date, DATE, { required: false });
  const snap = loadSheets(p.wb, LESSON_SHEETS, [groupId]);
  const { model } = snap;
  groupOf(model, groupId);
  const { sheet, journal } = journalOf(model, groupId);
  const today = todayIn(p.clock.now(), model.settings.timeZone);
  return week(model, groupId, sheet, journal, today, mondayOf(date || today), reasonsOf(snap));
}

export function weekSave(p: SidebarPorts, payload: WeekSave): WeekSaved {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  if (!Array.isArray(req.lessons) || req.lessons.length === 0 || req.lessons.length > MAX_LESSONS)
    throw new UserError("bad-args", {
      ru: `Неверный запрос панели: от 1 до ${MAX_LESSONS} уроков недели`,
      en: `Bad sidebar request: 1 to ${MAX_LESSONS} lessons of a week`,
    });
  const parts = req.lessons.map(lessonPart);
  const monday = mondayOf(parts.map((x) => x.date).sort()[0]);
  if (parts.some((x) => x.date > addDays(monday, 6)))
    throw new UserError("bad-args", {
      ru: "Неверный запрос панели: уроки не одной недели",
      en: "Bad sidebar request: the lessons are not of one week",
    });
  return p.lock.withLock(() => {
    const snap = loadSheets(p.wb, LESSON_SHEETS, [groupId]);
    const today = todayIn(p.clock.now(), snap.model.settings.timeZone);
    const saved = saveLessons(p, snap, groupId, parts, today);
    return {
      changed: saved.changed,
      ranges: saved.ranges,
      week: week(snap.model, groupId, saved.sheet, saved.journal, today, monday, saved.reasons),
    };
  });
}
