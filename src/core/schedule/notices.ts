/**
 * Texts the coordinator sends about schedule changes not yet marked «Сообщено» / «Notified»:
 * which group, which date, what changed, why, and who is affected.
 */
import { a1 } from "../cells.js";
import { ruDate } from "../dates.js";
import { type Lang, plural } from "../i18n.js";
import type { Lesson, Model } from "../model.js";
import type { ScheduleChange } from "../records.js";
import { SHEETS } from "../schema.js";
import { enrollmentCovers, regularLessonsOn } from "./expand.js";

export interface Notice {
  /** 1-based row of the change. */
  row: number;
  /** The row's «Сообщено» / «Notified» cell, where the send date goes. */
  cell: string;
  groupId: string;
  text: string;
}

/**
 * The Notified column of the changes sheet; when the sheet has none, the column it would get:
 * its place in the format for a sheet without a header map, else the first after the known ones.
 */
function notifiedColumn(model: Model): number {
  const cols = model.columns.changes;
  if (cols?.notified) return cols.notified;
  const known = Object.values(cols ?? {});
  return known.length
    ? Math.max(...known) + 1
    : SHEETS.changes.columns.findIndex((c) => c.key === "notified") + 1;
}

function times(lessons: readonly Pick<Lesson, "start" | "end">[]): string {
  return lessons.map((l) => `${l.start}–${l.end}`).join(", ");
}

function noticeText(model: Model, lessons: readonly Lesson[], c: ScheduleChange, lang: Lang): string {
  const ru = lang === "ru";
  const date = c.date!;
  const d = (iso: string) => (ru ? ruDate(iso) : iso);
  const group = model.groups.find((g) => g.id === c.groupId);
  const title = group?.title ? (ru ? ` «${group.title}»` : ` "${group.title}"`) : "";
  // The lesson as it was, from the weekly slots: a cancel with Start names one; a move takes
  // the one starting at Start, else the first of the day (as expandLessons does).
  const regular = regularLessonsOn(model, c.groupId, date);
  let was = "";
  if (c.kind === "cancel")
    was = c.start ? times(regular.filter((l) => l.start === c.start)) || c.start : times(regular);
  else if (c.kind === "move") {
    const m = regular.find((l) => l.start === c.start) ?? regular[0];
    was = m ? times([m]) : "";
  }
  const wasPart = was ? ` (${was})` : "";
  let what: string;
  if (c.kind === "cancel") {
    what = ru ? `урок ${d(date)}${wasPart} отменён` : `the lesson on ${d(date)}${wasPart} is cancelled`;
  } else if (c.kind === "move") {
    const moved = lessons.find((l) => l.source.sheet === "changes" && l.source.row === c.row);
    const newDate = moved?.date ?? c.newDate;
    const start = moved?.start ?? c.start;
    const end = moved?.end ?? c.end;
    const at = start ? `, ${start}${end ? `–${end}` : ""}` : "";
    const to = newDate ? `${d(newDate)}${at}` : ru ? "другую дату" : "another date";
    what = ru
      ? `урок ${d(date)}${wasPart} перенесён на ${to}`
      : `the lesson on ${d(date)}${wasPart} is moved to ${to}`;
  } else {
    const at = c.start ? `, ${c.start}${c.end ? `–${c.end}` : ""}` : "";
    if (c.kind === "extra")
      what = ru ? `дополнительный урок ${d(date)}${at}` : `extra lesson on ${d(date)}${at}`;
    else what = ru ? `консультация ${d(date)}${at}` : `consultation on ${d(date)}${at}`;
  }
  const staff = (id: string | undefined) => (id ? (model.staff.find((s) => s.id === id)?.name ?? id) : "");
  const teacher = staff(group?.teacherId);
  const tutor = staff(group?.tutorId);
  const students = new Set(
    model.enrollments
      .filter((e) => e.groupId === c.groupId && enrollmentCovers(e, date))
      .map((e) => e.studentId),
  ).size;
  const who = [
    teacher ? (ru ? `преподаватель ${teacher}` : `teacher ${teacher}`) : "",
    tutor ? (ru ? `тьютор ${tutor}` : `tutor ${tutor}`) : "",
    ru
      ? plural("ru", students, { one: "учащийся", few: "учащихся", many: "учащихся", other: "учащихся" })
      : plural("en", students, { one: "student", other: "students" }),
  ].filter(Boolean);
  const why = c.reason.trim().replace(/[.!]+$/, "");
  const reason = why ? (ru ? ` Причина: ${why}.` : ` Reason: ${why}.`) : "";
  const head = ru ? `Группа ${c.groupId}${title}: ` : `Group ${c.groupId}${title}: `;
  const affects = ru ? ` Касается: ${who.join(", ")}.` : ` Affects: ${who.join(", ")}.`;
  return `${head}${what}.${reason}${affects}`;
}

/** One notice per change without a Notified date, in row order. */
export function pendingNotices(model: Model, lessons: readonly Lesson[], lang: Lang): Notice[] {
  const col = notifiedColumn(model);
  return model.changes
    .filter((c) => c.notified === null && c.date !== null && c.kind !== null && c.groupId !== "")
    .sort((a, b) => a.row - b.row)
    .map((c) => ({
      row: c.row,
      cell: a1(c.row, col),
      groupId: c.groupId,
      text: noticeText(model, lessons, c, lang),
    }));
}
