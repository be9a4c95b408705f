/**
 * What the lesson flow and the week view share: the group's scheduled lessons, its journal,
 * and one lesson as the sidebar shows it (options, students with their cells and absence
 * reasons, the topic and homework from the topic row).
 */
import type { AbsenceReasons } from "../../core/absence/reasons.js";
import { reasonKey } from "../../core/absence/reasons.js";
import { type CellValue, cellText, columnLetter, type WriteValue } from "../../core/cells.js";
import { addDays } from "../../core/dates.js";
import { splitTopic } from "../../core/journal/topic.js";
import type { ParsedJournal } from "../../core/journal/types.js";
import type { Lesson, Model } from "../../core/model.js";
import { enrollmentCovers, expandLessons } from "../../core/schedule/expand.js";
import { journalSheetName } from "../../core/schema.js";
import type { SheetWrite } from "../../ports.js";
import type { LessonOption, LessonSheet } from "../../rpc/contract.js";
import { schoolYearStart } from "../journals.js";
import { notFound } from "./common.js";

export const key = (date: string, index: number) => `${date}#${index}`;

/** The group's lessons from the schedule (with its changes) up to `until`. */
export function scheduled(model: Model, groupId: string, until: string): Lesson[] {
  const starts = model.slots.map((s) => s.from).filter((d): d is string => Boolean(d));
  const first = starts.length ? [...starts].sort()[0] : schoolYearStart(until);
  return expandLessons(model, first < until ? first : until, until).filter((l) => l.groupId === groupId);
}

export function groupOf(model: Model, groupId: string) {
  const g = model.groups.find((x) => x.id === groupId);
  if (!g)
    throw notFound({
      ru: `Группы «${groupId}» нет на листе «Группы»`,
      en: `Group "${groupId}" is not on the Groups sheet`,
    });
  return g;
}

export function journalOf(
  model: Model,
  groupId: string,
): { sheet: string; journal: ParsedJournal | undefined } {
  const journal = model.journals.find((j) => j.groupId === groupId);
  return { sheet: journal?.sheet ?? journalSheetName(groupId, model.settings.language), journal };
}

/** The lesson view: options, the chosen lesson (default: today's, else the last before today). */
export function view(
  model: Model,
  groupId: string,
  sheet: string,
  journal: ParsedJournal | undefined,
  today: string,
  want: { date?: string; index?: number },
  reasons: AbsenceReasons,
): LessonSheet {
  const horizon = addDays(today, 7);
  const until = want.date && want.date > horizon ? want.date : horizon;
  const options = new Map<string, LessonOption>();
  for (const l of scheduled(model, groupId, until))
    options.set(key(l.date, l.index), { date: l.date, index: l.index, scheduled: true, inJournal: false });
  for (const c of journal?.columns ?? []) {
    const o = options.get(key(c.date, c.index));
    if (o) o.inJournal = true;
    else
      options.set(key(c.date, c.index), { date: c.date, index: c.index, scheduled: false, inJournal: true });
  }
  const list = [...options.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index,
  );
  let date: string;
  let index: number;
  if (want.date) {
    date = want.date;
    index = want.index ?? list.find((o) => o.date === date)?.index ?? 1;
  } else {
    const pick =
      list.find((o) => o.date === today && o.scheduled) ??
      list.filter((o) => o.date < today && o.scheduled).at(-1) ??
      list.filter((o) => o.date < today).at(-1) ??
      list[0];
    date = pick?.date ?? today;
    index = pick?.index ?? 1;
  }
  const chosen = options.get(key(date, index));
  const col = journal?.columns.findIndex((c) => c.date === date && c.index === index) ?? -1;
  const rows = new Map<string, CellValue[]>();
  for (const r of journal?.rows ?? [])
    if (r.studentId && !rows.has(r.studentId)) rows.set(r.studentId, r.cells);
  const enrolled = new Set(
    model.enrollments
      .filter((e) => e.groupId === groupId && enrollmentCovers(e, date))
      .map((e) => e.studentId),
  );
  const students = model.students
    .filter((s) => s.id && enrolled.has(s.id))
    .filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i)
    .map((s) => ({
      id: s.id,
      name: s.name,
      className: s.className,
      cell: col >= 0 ? cellText(rows.get(s.id)?.[col] ?? null) : "",
      reason: reasons.byKey.get(reasonKey(s.id, groupId, date))?.reason ?? "",
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "ru") || (a.id < b.id ? -1 : 1));
  const topicCell = col >= 0 ? journal!.columns[col].topic : "";
  return {
    groupId,
    sheet,
    date,
    index,
    topicCell,
    ...splitTopic(topicCell),
    hasTopicRow: journal ? journal.hasTopicRow : true,
    options: list,
    known: Boolean(chosen),
    column: col >= 0 ? columnLetter(journal!.columns[col].col) : null,
    students,
  };
}

/** Copy of a grid with a write's cell blocks laid over it (to see the sheet as it will be). */
export function overlay(grid: readonly (readonly CellValue[])[], blocks: SheetWrite["cells"]): CellValue[][] {
  const out = grid.map((r) => [...r]);
  for (const b of blocks ?? [])
    b.values.forEach((line, i) => {
      line.forEach((v, j) => {
        const r = b.row + i - 1;
        while (out.length <= r) out.push([]);
        while (out[r].length < b.col + j) out[r].push(null);
        out[r][b.col + j - 1] = typeof v === "object" && v !== null && !(v instanceof Date) ? null : v;
      });
    });
  return out;
}

/** A token as a person would type it: a single mark is a number, blank is an empty cell. */
export function toCell(token: string): WriteValue {
  if (token === "") return null;
  return /^[1-5]$/.test(token) ? Number(token) : token;
}
