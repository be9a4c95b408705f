/**
 * Lesson entry, the most frequent task: one lesson of one group, its enrolled students, one
 * cell each. Loading reads only what the lesson needs; saving re-reads under the lock, refuses
 * when a loaded cell changed meanwhile, and writes one block of the lesson's column plus one
 * audit append — the same few service calls for 10 students or 200.
 */
import { lessonWriteRefusal, writerOf } from "../../core/access/lesson.js";
import { a1, a1Range, type CellValue, cellText, columnLetter, type WriteValue } from "../../core/cells.js";
import { addDays, ruDate, todayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import { parseJournalCell } from "../../core/journal/grammar.js";
import { parseJournal } from "../../core/journal/parse.js";
import type { ParsedJournal } from "../../core/journal/types.js";
import { lessonHeader, planJournalUpdate } from "../../core/journal/update.js";
import type { Lesson, Model } from "../../core/model.js";
import { enrollmentCovers, expandLessons } from "../../core/schedule/expand.js";
import { journalSheetName, type SheetKey } from "../../core/schema.js";
import type { SheetWrite } from "../../ports.js";
import type { LessonOption, LessonQuery, LessonSave, LessonSaved, LessonSheet } from "../../rpc/contract.js";
import { schoolYearStart } from "../journals.js";
import {
  audit,
  conflict,
  isoDate,
  loadSheets,
  notFound,
  obj,
  type SidebarPorts,
  str,
  strMap,
  who,
} from "./common.js";

const KEYS: readonly SheetKey[] = [
  "students",
  "staff",
  "groups",
  "enrollments",
  "schedule",
  "changes",
  "holidays",
];
const GROUP = { ru: "Группа", en: "Group" };
const DATE = { ru: "Дата", en: "Date" };
const CELL = { ru: "Отметка", en: "Entry" };

/** The group's lessons from the schedule (with its changes) up to `until`. */
function scheduled(model: Model, groupId: string, until: string): Lesson[] {
  const starts = model.slots.map((s) => s.from).filter((d): d is string => Boolean(d));
  const first = starts.length ? [...starts].sort()[0] : schoolYearStart(until);
  return expandLessons(model, first < until ? first : until, until).filter((l) => l.groupId === groupId);
}

function groupOf(model: Model, groupId: string) {
  const g = model.groups.find((x) => x.id === groupId);
  if (!g)
    throw notFound({
      ru: `Группы «${groupId}» нет на листе «Группы»`,
      en: `Group "${groupId}" is not on the Groups sheet`,
    });
  return g;
}

function journalOf(model: Model, groupId: string): { sheet: string; journal: ParsedJournal | undefined } {
  const journal = model.journals.find((j) => j.groupId === groupId);
  return { sheet: journal?.sheet ?? journalSheetName(groupId, model.settings.language), journal };
}

const key = (date: string, index: number) => `${date}#${index}`;

/** The lesson view: options, the chosen lesson (default: today's, else the last before today). */
function view(
  model: Model,
  groupId: string,
  sheet: string,
  journal: ParsedJournal | undefined,
  today: string,
  want: { date?: string; index?: number },
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
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "ru") || (a.id < b.id ? -1 : 1));
  return {
    groupId,
    sheet,
    date,
    index,
    options: list,
    known: Boolean(chosen),
    column: col >= 0 ? columnLetter(journal!.columns[col].col) : null,
    students,
  };
}

export function lessonLoad(p: SidebarPorts, payload: LessonQuery): LessonSheet {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const date = isoDate(req.date, DATE, { required: false });
  const index = typeof req.index === "number" && req.index >= 1 ? Math.floor(req.index) : undefined;
  const { model } = loadSheets(p.wb, KEYS, [groupId]);
  groupOf(model, groupId);
  const { sheet, journal } = journalOf(model, groupId);
  const today = todayIn(p.clock.now(), model.settings.timeZone);
  return view(model, groupId, sheet, journal, today, { date: date || undefined, index });
}

/** Copy of a grid with a write's cell blocks laid over it (to see the sheet as it will be). */
function overlay(grid: readonly (readonly CellValue[])[], blocks: SheetWrite["cells"]): CellValue[][] {
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
function toCell(token: string): WriteValue {
  if (token === "") return null;
  return /^[1-5]$/.test(token) ? Number(token) : token;
}

export function lessonSave(p: SidebarPorts, payload: LessonSave): LessonSaved {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const date = isoDate(req.date, DATE);
  const index = typeof req.index === "number" && req.index >= 1 ? Math.floor(req.index) : 1;
  const expected = strMap(req.expected, CELL);
  const values = strMap(req.values, CELL);
  return p.lock.withLock(() => {
    const { model, tables } = loadSheets(p.wb, KEYS, [groupId]);
    const group = groupOf(model, groupId);
    const lang = model.settings.language;
    const today = todayIn(p.clock.now(), model.settings.timeZone);
    const lessonName = lessonHeader(date, index);
    const refusal = lessonWriteRefusal(writerOf(model.staff, p.user), group, date, today);
    if (refusal) throw new UserError("no-access", refusal);

    // What is sent must be in the grammar and for students enrolled on the date.
    for (const [id, v] of Object.entries(values)) {
      const parsed = parseJournalCell(v);
      if (!parsed.ok)
        throw new UserError("bad-args", {
          ru: `${who(model, id)}: «${v}» — не отметка и не код посещаемости (5, 4, 3, 2, 1, 5/4, зач, незач, н, у, б, оп, осв)`,
          en: `${who(model, id)}: "${v}" is not a mark or attendance code (5, 4, 3, 2, 1, 5/4, pass, fail, a, e, s, l, x)`,
        });
      const enrolled = model.enrollments.some(
        (e) => e.groupId === groupId && e.studentId === id && enrollmentCovers(e, date),
      );
      if (!enrolled)
        throw new UserError("bad-args", {
          ru: `${who(model, id)} не записан(а) в группу ${groupId} на ${ruDate(date)}`,
          en: `${who(model, id)} is not enrolled in group ${groupId} on ${date}`,
        });
    }

    const located = journalOf(model, groupId);
    const { sheet } = located;
    const existing = located.journal ? (tables.get(sheet)?.values ?? []) : null;
    let grid: CellValue[][] = (existing ?? []).map((r) => [...r]);
    let journal = located.journal;
    const colOf = (j: ParsedJournal | undefined) =>
      j?.columns.find((c) => c.date === date && c.index === index);
    const hasRow = (j: ParsedJournal | undefined, id: string) =>
      j?.rows.some((r) => r.studentId === id) ?? false;

    // A lesson without a column (or a student without a row): update this group's journal up
    // to the date first, in the same write batch.
    let plan: SheetWrite | null = null;
    if (!colOf(journal) || Object.keys(values).some((id) => !hasRow(journal, id))) {
      const lessons = scheduled(model, groupId, date);
      if (!colOf(journal) && !lessons.some((l) => l.date === date && l.index === index))
        throw notFound({
          ru: `У группы ${groupId} нет урока ${lessonName} в расписании; добавьте доп. урок в «Изменения расписания»`,
          en: `Group ${groupId} has no lesson ${lessonName} in the schedule; add an extra lesson in "Schedule changes"`,
        });
      const email = new Map(model.staff.map((s) => [s.id, s.email]));
      const update = planJournalUpdate({
        groupId,
        sheetName: sheet,
        lang,
        lessons,
        students: model.students,
        enrollments: model.enrollments.filter((e) => e.groupId === groupId),
        existing,
        staffEmails: [email.get(group.teacherId), email.get(group.tutorId)].filter((x): x is string =>
          Boolean(x),
        ),
        until: date,
      });
      if (update.changed || existing === null) {
        plan = update.write;
        grid = overlay(grid, update.write.cells);
        journal = parseJournal(sheet, grid);
      }
      if (!colOf(journal))
        throw new UserError(
          "bad-args",
          update.issues[0]?.message ?? {
            ru: `В журнале «${sheet}» нет столбца урока ${lessonName}`,
            en: `Journal "${sheet}" has no column for lesson ${lessonName}`,
          },
        );
    }
    const column = colOf(journal)!;
    const rowOf = new Map<string, number>();
    for (const r of journal!.rows) if (r.studentId && !rowOf.has(r.studentId)) rowOf.set(r.studentId, r.row);
    const current = (row: number | undefined) =>
      row ? cellText(grid[row - 1]?.[column.col - 1] ?? null) : "";

    // Refuse to overwrite what someone else typed since the sidebar loaded it.
    for (const [id, was] of Object.entries(expected)) {
      const row = rowOf.get(id);
      const now = current(row);
      const where = row ? `${sheet}!${a1(row, column.col)}` : `${sheet} (${lessonName})`;
      if (now !== was)
        throw conflict({
          ru: `${who(model, id)}: ячейку ${where} уже изменили после загрузки (было «${was}», сейчас «${now}»). Загрузите урок заново и повторите`,
          en: `${who(model, id)}: cell ${where} was changed after the sidebar loaded it (was "${was}", now "${now}"). Reload the lesson and try again`,
        });
    }

    const changes = Object.entries(values)
      .map(([id, v]) => ({ id, row: rowOf.get(id)!, old: current(rowOf.get(id)), value: v }))
      .filter((c) => c.old !== c.value)
      .sort((a, b) => a.row - b.row);
    const writes: SheetWrite[] = [];
    const entries: { sheet: string; cell: string; old: string; new: string }[] = [];
    let range = "";
    // What the journal update adds is audited too: the sheet, the lesson's column, new student rows.
    if (plan && !located.journal) entries.push({ sheet, cell: "", old: "", new: lessonName });
    else if (plan) {
      if (!colOf(located.journal)) entries.push({ sheet, cell: a1(1, column.col), old: "", new: lessonName });
      for (const r of journal!.rows)
        if (r.studentId && !hasRow(located.journal, r.studentId))
          entries.push({ sheet, cell: a1(r.row, journal!.idCol), old: "", new: r.studentId });
    }
    if (changes.length) {
      const top = changes[0].row;
      const bottom = changes[changes.length - 1].row;
      const byRow = new Map(changes.map((c) => [c.row, c]));
      const block: WriteValue[][] = [];
      for (let r = top; r <= bottom; r++) {
        const c = byRow.get(r);
        block.push([c ? toCell(c.value) : (grid[r - 1]?.[column.col - 1] ?? null)]);
      }
      const cells = { row: top, col: column.col, values: block };
      writes.push(plan ? { ...plan, cells: [...(plan.cells ?? []), cells] } : { sheet, cells: [cells] });
      grid = overlay(grid, [cells]);
      range = `${sheet}!${a1Range(top, column.col, bottom - top + 1, 1)}`;
      for (const c of changes) entries.push({ sheet, cell: a1(c.row, column.col), old: c.old, new: c.value });
    } else if (plan) writes.push(plan);
    if (writes.length) p.wb.write([...writes, audit(p, model, "lesson", entries)]);
    return {
      changed: changes.length,
      range,
      lesson: view(model, groupId, sheet, parseJournal(sheet, grid), today, { date, index }),
    };
  });
}
