/**
 * Saving lessons of one group — one lesson (the lesson flow) or a week of them (the week
 * view) — in one lock and one write batch: the journal update that adds missing columns and
 * rows (once, up to the latest date), one cell block per lesson's column, the topic-row cells,
 * the absence reasons appended to «Причины пропусков», and one audit append. A loaded cell
 * that changed meanwhile refuses the whole save, naming the student and the cell.
 */

import { type AbsenceReasons, readAbsenceReasons, reasonKey } from "../../core/absence/reasons.js";
import { lessonWriteRefusal, writerOf } from "../../core/access/lesson.js";
import { a1, a1Range, type CellValue, cellText, type WriteValue } from "../../core/cells.js";
import { ruDate } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Msg } from "../../core/i18n.js";
import { isAbsence, parseJournalCell } from "../../core/journal/grammar.js";
import { parseJournal } from "../../core/journal/parse.js";
import { joinTopic } from "../../core/journal/topic.js";
import type { ParsedJournal } from "../../core/journal/types.js";
import { lessonHeader, planJournalUpdate } from "../../core/journal/update.js";
import type { Model } from "../../core/model.js";
import { enrollmentCovers } from "../../core/schedule/expand.js";
import type { SheetWrite } from "../../ports.js";
import {
  appendRows,
  audit,
  conflict,
  notFound,
  type SidebarPorts,
  type Snapshot,
  stamp,
  who,
} from "./common.js";
import { groupOf, journalOf, overlay, scheduled, toCell } from "./lesson-view.js";

/** One lesson's part of a save, checked for shape by the caller. */
export interface LessonPart {
  date: string;
  index: number;
  expected: Record<string, string>;
  values: Record<string, string>;
  /** The topic row's cell as loaded, and the new topic and homework; null: unchanged. */
  topic: { expected: string; topic: string; homework: string } | null;
  /** studentId -> reason ("" withdraws one). */
  reasons: Record<string, string>;
}

export interface SavedLessons {
  snap: Snapshot;
  sheet: string;
  /** The journal as it is after the save. */
  journal: ParsedJournal | undefined;
  today: string;
  changed: number;
  ranges: string[];
  /** The absence reasons in force after the save. */
  reasons: AbsenceReasons;
}

type Audited = { sheet: string; cell: string; old: string; new: string };
const bad = (m: Msg) => new UserError("bad-args", m);

/** Refusals before anything is read from the journal: the access rule, the grammar, enrollment. */
function checkParts(
  p: SidebarPorts,
  model: Model,
  groupId: string,
  parts: readonly LessonPart[],
  today: string,
) {
  const group = groupOf(model, groupId);
  const writer = writerOf(model.staff, p.user);
  for (const part of parts) {
    const refusal = lessonWriteRefusal(writer, group, part.date, today);
    if (refusal) throw new UserError("no-access", refusal);
    for (const [id, v] of Object.entries(part.values)) {
      if (!parseJournalCell(v).ok)
        throw bad({
          ru: `${who(model, id)}: «${v}» — не отметка и не код посещаемости (5, 4, 3, 2, 1, 5/4, зач, незач, н, у, б, оп, осв, нз, оп 4, нз 2)`,
          en: `${who(model, id)}: "${v}" is not a mark or attendance code (5, 4, 3, 2, 1, 5/4, pass, fail, a, e, s, l, x, m, l 4, m 2)`,
        });
    }
    for (const id of new Set([...Object.keys(part.values), ...Object.keys(part.reasons)])) {
      const enrolled = model.enrollments.some(
        (e) => e.groupId === groupId && e.studentId === id && enrollmentCovers(e, part.date),
      );
      if (!enrolled)
        throw bad({
          ru: `${who(model, id)} не записан(а) в группу ${groupId} на ${ruDate(part.date)}`,
          en: `${who(model, id)} is not enrolled in group ${groupId} on ${part.date}`,
        });
    }
  }
  return group;
}

/** The journal with every lesson's column and every student's row (updated in memory if needed). */
function ensureJournal(snap: Snapshot, groupId: string, parts: readonly LessonPart[]) {
  const { model, tables } = snap;
  const group = groupOf(model, groupId);
  const located = journalOf(model, groupId);
  const { sheet } = located;
  const existing = located.journal ? (tables.get(sheet)?.values ?? []) : null;
  let grid: CellValue[][] = (existing ?? []).map((r) => [...r]);
  let journal = located.journal;
  const colOf = (j: ParsedJournal | undefined, part: LessonPart) =>
    j?.columns.find((c) => c.date === part.date && c.index === part.index);
  const hasRow = (j: ParsedJournal | undefined, id: string) =>
    j?.rows.some((r) => r.studentId === id) ?? false;
  const needed = parts.some(
    (part) => !colOf(journal, part) || Object.keys(part.values).some((id) => !hasRow(journal, id)),
  );
  let plan: SheetWrite | null = null;
  const entries: Audited[] = [];
  if (needed) {
    const until = parts
      .map((x) => x.date)
      .sort()
      .at(-1)!;
    const lessons = scheduled(model, groupId, until);
    for (const part of parts)
      if (!colOf(journal, part) && !lessons.some((l) => l.date === part.date && l.index === part.index))
        throw notFound({
          ru: `У группы ${groupId} нет урока ${lessonHeader(part.date, part.index)} в расписании; добавьте доп. урок в «Изменения расписания»`,
          en: `Group ${groupId} has no lesson ${lessonHeader(part.date, part.index)} in the schedule; add an extra lesson in "Schedule changes"`,
        });
    const email = new Map(model.staff.map((s) => [s.id, s.email]));
    const update = planJournalUpdate({
      groupId,
      sheetName: sheet,
      lang: model.settings.language,
      lessons,
      students: model.students,
      enrollments: model.enrollments.filter((e) => e.groupId === groupId),
      existing,
      staffEmails: [email.get(group.teacherId), email.get(group.tutorId)].filter((x): x is string =>
        Boolean(x),
      ),
      until,
    });
    if (update.changed || existing === null) {
      plan = update.write;
      grid = overlay(grid, update.write.cells);
      journal = parseJournal(sheet, grid);
    }
    for (const part of parts)
      if (!colOf(journal, part))
        throw bad(
          update.issues[0]?.message ?? {
            ru: `В журнале «${sheet}» нет столбца урока ${lessonHeader(part.date, part.index)}`,
            en: `Journal "${sheet}" has no column for lesson ${lessonHeader(part.date, part.index)}`,
          },
        );
    // What the update adds is audited too: the sheet, the lessons' columns, new student rows.
    if (plan && !located.journal)
      entries.push({ sheet, cell: "", old: "", new: lessonHeader(parts[0].date, parts[0].index) });
    else if (plan) {
      for (const c of journal!.columns)
        if (!located.journal!.columns.some((x) => x.date === c.date && x.index === c.index))
          entries.push({ sheet, cell: a1(1, c.col), old: "", new: lessonHeader(c.date, c.index) });
      for (const r of journal!.rows)
        if (r.studentId && !hasRow(located.journal, r.studentId))
          entries.push({ sheet, cell: a1(r.row, journal!.idCol), old: "", new: r.studentId });
    }
  }
  return {
    sheet,
    grid,
    journal: journal!,
    plan,
    entries,
    colOf: (part: LessonPart) => colOf(journal, part)!,
  };
}

type Block = NonNullable<SheetWrite["cells"]>[number];

/** One lesson's changed cells as one block of its column (rows between kept as they are). */
function lessonBlock(
  model: Model,
  sheet: string,
  journal: ParsedJournal,
  grid: CellValue[][],
  col: number,
  part: LessonPart,
): { block: Block | null; entries: Audited[]; range: string } {
  const rowOf = new Map<string, number>();
  for (const r of journal.rows) if (r.studentId && !rowOf.has(r.studentId)) rowOf.set(r.studentId, r.row);
  const current = (row: number | undefined) => (row ? cellText(grid[row - 1]?.[col - 1] ?? null) : "");
  for (const [id, was] of Object.entries(part.expected)) {
    const row = rowOf.get(id);
    const now = current(row);
    const where = row ? `${sheet}!${a1(row, col)}` : `${sheet} (${lessonHeader(part.date, part.index)})`;
    if (now !== was)
      throw conflict({
        ru: `${who(model, id)}: ячейку ${where} уже изменили после загрузки (было «${was}», сейчас «${now}»). Загрузите урок заново и повторите`,
        en: `${who(model, id)}: cell ${where} was changed after the sidebar loaded it (was "${was}", now "${now}"). Reload the lesson and try again`,
      });
  }
  const changes = Object.entries(part.values)
    .map(([id, v]) => ({ id, row: rowOf.get(id)!, old: current(rowOf.get(id)), value: v }))
    .filter((c) => c.old !== c.value)
    .sort((a, b) => a.row - b.row);
  if (!changes.length) return { block: null, entries: [], range: "" };
  const top = changes[0].row;
  const bottom = changes[changes.length - 1].row;
  const byRow = new Map(changes.map((c) => [c.row, c]));
  const values: WriteValue[][] = [];
  for (let r = top; r <= bottom; r++) {
    const c = byRow.get(r);
    values.push([c ? toCell(c.value) : (grid[r - 1]?.[col - 1] ?? null)]);
  }
  return {
    block: { row: top, col, values },
    entries: changes.map((c) => ({ sheet, cell: a1(c.row, col), old: c.old, new: c.value })),
    range: `${sheet}!${a1Range(top, col, bottom - top + 1, 1)}`,
  };
}

/** The topic row's cell of a lesson, when it changes. */
function topicBlock(
  model: Model,
  sheet: string,
  journal: ParsedJournal,
  grid: CellValue[][],
  col: number,
  part: LessonPart,
): { block: Block; entry: Audited } | null {
  if (!part.topic) return null;
  const text = joinTopic(part.topic, model.settings.language);
  const now = cellText(grid[1]?.[col - 1] ?? null);
  if (text === now) return null;
  if (!journal.hasTopicRow)
    throw bad({
      ru: `В журнале «${sheet}» нет строки «Тема» (строка 2): тему урока записать некуда. Вставьте строку 2 с «Тема» в столбце A`,
      en: `Journal "${sheet}" has no «Topic» row (row 2): the topic has nowhere to go. Insert row 2 with «Topic» in column A`,
    });
  if (now !== part.topic.expected)
    throw conflict({
      ru: `Тему урока ${lessonHeader(part.date, part.index)} (${sheet}!${a1(2, col)}) уже изменили после загрузки. Загрузите заново и повторите`,
      en: `The topic of lesson ${lessonHeader(part.date, part.index)} (${sheet}!${a1(2, col)}) was changed after loading. Reload and try again`,
    });
  return {
    block: { row: 2, col, values: [[text || null]] },
    entry: { sheet, cell: a1(2, col), old: now, new: text },
  };
}

/** New «Причины пропусков» rows: only for cells that are an absence (н, у, б) after the save. */
function reasonRows(
  p: SidebarPorts,
  snap: Snapshot,
  groupId: string,
  journal: ParsedJournal,
  grid: CellValue[][],
  colOf: (part: LessonPart) => { col: number },
  parts: readonly LessonPart[],
): { rows: Record<string, WriteValue>[]; known: AbsenceReasons } {
  const { model, tables } = snap;
  const tab = model.tabs.absenceReasons;
  const known = readAbsenceReasons(tab ?? "", tab ? (tables.get(tab)?.values ?? []) : []);
  if (tab) model.columns.absenceReasons = known.columns;
  const at = stamp(p.clock, model.settings.timeZone);
  const rows: Record<string, WriteValue>[] = [];
  for (const part of parts) {
    const col = colOf(part).col;
    for (const [id, raw] of Object.entries(part.reasons)) {
      const reason = raw.replace(/\s+/g, " ").trim();
      if (reason === (known.byKey.get(reasonKey(id, groupId, part.date))?.reason ?? "")) continue;
      const row = journal.rows.find((r) => r.studentId === id)?.row;
      const cell = parseJournalCell(row ? (grid[row - 1]?.[col - 1] ?? null) : null);
      if (reason && !(cell.ok && isAbsence(cell.attendance)))
        throw bad({
          ru: `${who(model, id)}: причина пропуска — только для отметок «н», «у», «б» (урок ${ruDate(part.date)})`,
          en: `${who(model, id)}: an absence reason is only for "a", "e", "s" cells (lesson ${part.date})`,
        });
      rows.push({ studentId: id, groupId, date: part.date, reason, enteredBy: p.user || "?", at });
      const k = reasonKey(id, groupId, part.date);
      if (reason)
        known.byKey.set(k, { studentId: id, groupId, date: part.date, reason, enteredBy: p.user, row: 0 });
      else known.byKey.delete(k);
    }
  }
  return { rows, known };
}

export function saveLessons(
  p: SidebarPorts,
  snap: Snapshot,
  groupId: string,
  parts: readonly LessonPart[],
  today: string,
): SavedLessons {
  const { model } = snap;
  checkParts(p, model, groupId, parts, today);
  const j = ensureJournal(snap, groupId, parts);
  let grid = j.grid;
  const blocks: Block[] = [];
  const entries: Audited[] = [...j.entries];
  const ranges: string[] = [];
  let changed = 0;
  for (const part of parts) {
    const { col } = j.colOf(part);
    const l = lessonBlock(model, j.sheet, j.journal, grid, col, part);
    const t = topicBlock(model, j.sheet, j.journal, grid, col, part);
    for (const b of [l.block, t?.block]) if (b) blocks.push(b);
    grid = overlay(
      grid,
      [l.block, t?.block].filter((b): b is Block => Boolean(b)),
    );
    entries.push(...l.entries, ...(t ? [t.entry] : []));
    changed += l.entries.length;
    if (l.range) ranges.push(l.range);
  }
  const { rows: reasons, known } = reasonRows(p, snap, groupId, j.journal, grid, j.colOf, parts);
  const writes: SheetWrite[] = [];
  if (blocks.length || j.plan)
    writes.push(
      j.plan ? { ...j.plan, cells: [...(j.plan.cells ?? []), ...blocks] } : { sheet: j.sheet, cells: blocks },
    );
  if (reasons.length) {
    const add = appendRows(snap, "absenceReasons", reasons);
    writes.push(add.write);
    const tab = add.write.sheet;
    reasons.forEach((r, i) => {
      entries.push({ sheet: tab, cell: add.range(i), old: "", new: String(r.reason) });
    });
  }
  if (writes.length) p.wb.write([...writes, audit(p, model, "lesson", entries)]);
  return {
    snap,
    sheet: j.sheet,
    journal: parseJournal(j.sheet, grid),
    today,
    changed,
    ranges,
    reasons: known,
  };
}
