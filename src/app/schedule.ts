/** «Проверить расписание» / `coordinator schedule`: conflicts and notices for unsent changes. */

import type { Lang } from "../core/i18n.js";
import type { Issue } from "../core/issues.js";
import type { Model } from "../core/model.js";
import { findScheduleConflicts } from "../core/schedule/conflicts.js";
import { expandLessons } from "../core/schedule/expand.js";
import { type Notice, pendingNotices } from "../core/schedule/notices.js";

/** The dates the schedule covers: its slots' From..To and every change date. */
export function scheduleSpan(model: Model): { from: string; to: string } | null {
  const dates = [
    ...model.slots.flatMap((s) => [s.from, s.to]),
    ...model.changes.flatMap((c) => [c.date, c.newDate]),
  ].filter((d): d is string => Boolean(d));
  if (!dates.length) return null;
  dates.sort();
  return { from: dates[0], to: dates[dates.length - 1] };
}

export function scheduleConflicts(model: Model): Issue[] {
  const span = scheduleSpan(model);
  const lessons = span ? expandLessons(model, span.from, span.to) : [];
  return findScheduleConflicts(model, lessons);
}

export function scheduleNotices(model: Model, lang: Lang): Notice[] {
  const span = scheduleSpan(model);
  const lessons = span ? expandLessons(model, span.from, span.to) : [];
  return pendingNotices(model, lessons, lang);
}
