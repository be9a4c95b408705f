/**
 * The lesson screen inside the tutors' journal workbook (its own bound script, option (a)):
 * the same `LessonSheet` / `LessonSaved` the master's sidebar answers, so the Preact lesson
 * flow runs unchanged, but over one tab of this workbook only — the master is never read
 * (tutors cannot open it). Students are the tab's rows (ID, name as written), the lesson is a
 * column (date from its header), cells follow the journal grammar. A save re-reads the tab
 * under the lock, refuses when a loaded cell changed meanwhile and writes one block of the
 * column (plus the topic cell); strings are neutralised by the Workbook adapter. Who may save
 * a tab is what its protection says: the editors it lists (read with the sheet list).
 */
import { a1, a1Range, type CellValue, cellText, columnLetter, type WriteValue } from "../core/cells.js";
import { ruDate, todayIn } from "../core/dates.js";
import { UserError } from "../core/errors.js";
import type { Msg } from "../core/i18n.js";
import { parseJournalCell } from "../core/journal/grammar.js";
import { parseJournal } from "../core/journal/parse.js";
import { joinTopic, splitTopic } from "../core/journal/topic.js";
import type { ParsedJournal } from "../core/journal/types.js";
import { lessonHeader } from "../core/journal/update.js";
import { JOURNAL_MARKER_SHEET, type JournalMarker, readMarker } from "../core/journal-split/marker.js";
import { norm } from "../core/schema.js";
import type { Clock, Lock, SheetWrite, Workbook } from "../ports.js";
import type {
  LessonQuery,
  LessonSave,
  LessonSaved,
  LessonSheet,
  RpcEnvelope,
  SidebarContext,
} from "../rpc/contract.js";
import { conflict, notFound, obj, str } from "./sidebar/common.js";
import { grammarLists } from "./sidebar/context.js";
import { failure } from "./sidebar/dispatch.js";
import { lessonPart } from "./sidebar/lesson.js";
import type { LessonPart } from "./sidebar/lesson-save.js";
import { overlay, toCell } from "./sidebar/lesson-view.js";

export interface JournalLessonPorts {
  wb: Workbook;
  lock: Lock;
  clock: Clock;
  user: string;
  /** Per tab, the emails its protection lets edit (a tab missing here: no one is listed). */
  tabEditors(): ReadonlyMap<string, readonly string[]>;
}

const GROUP = { ru: "Группа", en: "Group" };
/** Used when the marker names no time zone (the settings' default). */
const DEFAULT_ZONE = "Europe/Moscow";

/** The marker of this workbook; not a journal workbook: refused. */
export function journalMarkerOf(wb: Workbook): JournalMarker {
  const names = wb.sheetNames();
  const m = names.includes(JOURNAL_MARKER_SHEET)
    ? readMarker(wb.read([JOURNAL_MARKER_SHEET]).get(JOURNAL_MARKER_SHEET)?.values ?? [])
    : null;
  if (!m)
    throw notFound({
      ru: `Это не книга журналов: нет листа «${JOURNAL_MARKER_SHEET}». Координатор создаёт её пунктом «Журналы для преподавателей: создать / обновить»`,
      en: `This is not a journal workbook: no «${JOURNAL_MARKER_SHEET}» sheet. The coordinator makes one with «Teachers' journals: create / update»`,
    });
  return m;
}

const today = (p: JournalLessonPorts, m: JournalMarker) => todayIn(p.clock.now(), m.timeZone || DEFAULT_ZONE);

function canEdit(p: JournalLessonPorts, sheet: string): boolean {
  const me = norm(p.user);
  return me !== "" && (p.tabEditors().get(sheet) ?? []).some((e) => norm(e) === me);
}

/** The tabs of this workbook the user may edit, as the sidebar's groups. */
export function journalContext(p: JournalLessonPorts): SidebarContext {
  const m = journalMarkerOf(p.wb);
  const names = new Set(p.wb.sheetNames());
  const groups = m.tabs
    .filter((t) => names.has(t.sheet) && canEdit(p, t.sheet))
    .map((t) => ({ id: t.groupId, title: t.sheet, subject: "", teacherId: "", tutorId: "", mine: true }));
  return {
    lang: m.lang,
    user: p.user,
    staffId: null,
    today: today(p, m),
    school: "",
    groups,
    staff: [],
    students: [],
    enrollments: [],
    nextStudentId: "",
    reportMonth: "",
    canReport: false,
    channels: [],
    ...grammarLists(m.lang),
    journalOnly: true,
  };
}

/** The marker and the group's tab, read in one batch. */
function readTab(p: JournalLessonPorts, groupId: string) {
  const m = journalMarkerOf(p.wb);
  const tab = m.tabs.find((t) => t.groupId === groupId);
  const grid = tab ? p.wb.read([tab.sheet]).get(tab.sheet)?.values : undefined;
  if (!tab || !grid)
    throw notFound({
      ru: `В книге журналов нет вкладки группы «${groupId}»`,
      en: `The journal workbook has no tab for group "${groupId}"`,
    });
  const journal = parseJournal(tab.sheet, grid);
  if (!journal.idCol)
    throw new UserError("bad-args", {
      ru: `На вкладке «${tab.sheet}» нет столбца «ID» — урок не открыть; верните столбец`,
      en: `Tab "${tab.sheet}" has no «ID» column — the lesson cannot be opened; put the column back`,
    });
  return { m, sheet: tab.sheet, grid: grid.map((r) => [...r]), journal };
}

/** One lesson of the tab as the lesson flow shows it (options: the tab's lesson columns). */
export function tabLesson(
  groupId: string,
  sheet: string,
  journal: ParsedJournal,
  day: string,
  want: { date?: string; index?: number },
): LessonSheet {
  const options = journal.columns
    .map((c) => ({ date: c.date, index: c.index, scheduled: true, inJournal: true }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
  const pick = want.date
    ? { date: want.date, index: want.index ?? options.find((o) => o.date === want.date)?.index ?? 1 }
    : (options.find((o) => o.date === day) ?? options.filter((o) => o.date < day).at(-1) ?? options[0]);
  const date = pick?.date ?? day;
  const index = pick?.index ?? 1;
  const at = journal.columns.findIndex((c) => c.date === date && c.index === index);
  const seen = new Set<string>();
  const students = journal.rows
    .filter((r) => r.studentId && !seen.has(r.studentId) && seen.add(r.studentId))
    .map((r) => ({
      id: r.studentId,
      name: r.name || r.studentId,
      className: "",
      cell: at >= 0 ? cellText(r.cells[at] ?? null) : "",
      reason: "",
    }));
  const topicCell = at >= 0 ? journal.columns[at].topic : "";
  return {
    groupId,
    sheet,
    date,
    index,
    topicCell,
    ...splitTopic(topicCell),
    hasTopicRow: journal.hasTopicRow,
    options,
    known: at >= 0,
    column: at >= 0 ? columnLetter(journal.columns[at].col) : null,
    students,
  };
}

export function journalLessonLoad(p: JournalLessonPorts, payload: LessonQuery): LessonSheet {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const date = typeof req.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(req.date) ? req.date : undefined;
  const index = typeof req.index === "number" && req.index >= 1 ? Math.floor(req.index) : undefined;
  const t = readTab(p, groupId);
  return tabLesson(groupId, t.sheet, t.journal, today(p, t.m), { date, index });
}

const bad = (m: Msg) => new UserError("bad-args", m);

/** Refusals that need no cell: not the user's tab, a lesson ahead, a reason (kept in the master). */
function refusal(p: JournalLessonPorts, sheet: string, part: LessonPart, day: string): UserError | null {
  if (!canEdit(p, sheet))
    return new UserError("no-access", {
      ru: `Правило доступа: вкладку «${sheet}» правят только преподаватель и тьютор группы, указанные в её защите. ${p.user || "(адрес не известен)"} среди них нет — попросите координатора`,
      en: `Access rule: tab "${sheet}" is edited only by the group's teacher and tutor its protection lists. ${p.user || "(unknown)"} is not one of them — ask the coordinator`,
    });
  if (part.date > day)
    return new UserError("no-access", {
      ru: `Правило доступа: урок можно отметить не позже его дня. Урок ${ruDate(part.date)} ещё не прошёл (сегодня ${ruDate(day)})`,
      en: `Access rule: a lesson is entered on its day or later. The lesson of ${part.date} is still ahead (today is ${day})`,
    });
  if (Object.values(part.reasons).some((r) => r.trim() !== ""))
    return bad({
      ru: "Причины пропусков вносятся в основной книге (лист «Причины пропусков»): в книге журналов их записать некуда",
      en: "Absence reasons are entered in the master workbook (Absence reasons sheet): the journal workbook has nowhere to keep them",
    });
  return null;
}

export function journalLessonSave(p: JournalLessonPorts, payload: LessonSave): LessonSaved {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const part = lessonPart(payload);
  return p.lock.withLock(() => {
    const t = readTab(p, groupId);
    const day = today(p, t.m);
    const refused = refusal(p, t.sheet, part, day);
    if (refused) throw refused;
    const column = t.journal.columns.find((c) => c.date === part.date && c.index === part.index);
    if (!column)
      throw notFound({
        ru: `На вкладке «${t.sheet}» нет столбца урока ${lessonHeader(part.date, part.index)}: уроки добавляет синхронизация с основной книгой`,
        en: `Tab "${t.sheet}" has no column for lesson ${lessonHeader(part.date, part.index)}: lessons are added by the sync with the master`,
      });
    const blocks = saveBlocks(t.sheet, t.journal, t.grid, column.col, part, t.m.lang);
    if (blocks.cells.length) p.wb.write([{ sheet: t.sheet, cells: blocks.cells }]);
    const after = parseJournal(t.sheet, overlay(t.grid, blocks.cells));
    return {
      changed: blocks.changed,
      range: blocks.range,
      lesson: tabLesson(groupId, t.sheet, after, day, part),
    };
  });
}

type Block = NonNullable<SheetWrite["cells"]>[number];

/** The column's changed cells as one block (rows between kept as they are), and the topic cell. */
function saveBlocks(
  sheet: string,
  journal: ParsedJournal,
  grid: readonly (readonly CellValue[])[],
  col: number,
  part: LessonPart,
  lang: JournalMarker["lang"],
): { cells: Block[]; changed: number; range: string } {
  const rowOf = new Map<string, { row: number; name: string }>();
  for (const r of journal.rows) if (r.studentId && !rowOf.has(r.studentId)) rowOf.set(r.studentId, r);
  const current = (row: number) => cellText(grid[row - 1]?.[col - 1] ?? null);
  const named = (id: string) => (rowOf.get(id)?.name ? `${rowOf.get(id)!.name} (${id})` : id);
  for (const id of new Set([...Object.keys(part.expected), ...Object.keys(part.values)]))
    if (!rowOf.has(id))
      throw bad({
        ru: `${id}: такого учащегося нет на вкладке «${sheet}»; загрузите урок заново`,
        en: `${id}: no such student on tab "${sheet}"; reload the lesson`,
      });
  for (const [id, v] of Object.entries(part.values))
    if (!parseJournalCell(v).ok)
      throw bad({
        ru: `${named(id)}: «${v}» — не отметка и не код посещаемости (5, 4, 3, 2, 1, 5/4, зач, незач, н, у, б, оп, осв, нз, оп 4, нз 2)`,
        en: `${named(id)}: "${v}" is not a mark or attendance code (5, 4, 3, 2, 1, 5/4, pass, fail, a, e, s, l, x, m, l 4, m 2)`,
      });
  for (const [id, was] of Object.entries(part.expected)) {
    const row = rowOf.get(id)!.row;
    const now = current(row);
    if (now !== was)
      throw conflict({
        ru: `${named(id)}: ячейку ${sheet}!${a1(row, col)} уже изменили после загрузки (было «${was}», сейчас «${now}»). Загрузите урок заново и повторите`,
        en: `${named(id)}: cell ${sheet}!${a1(row, col)} was changed after the sidebar loaded it (was "${was}", now "${now}"). Reload the lesson and try again`,
      });
  }
  const changes = Object.entries(part.values)
    .map(([id, v]) => ({ row: rowOf.get(id)!.row, value: v }))
    .filter((c) => current(c.row) !== c.value)
    .sort((a, b) => a.row - b.row);
  const cells: Block[] = [];
  let range = "";
  if (changes.length) {
    const top = changes[0].row;
    const bottom = changes[changes.length - 1].row;
    const byRow = new Map(changes.map((c) => [c.row, c.value]));
    const values: WriteValue[][] = [];
    for (let r = top; r <= bottom; r++)
      values.push([byRow.has(r) ? toCell(byRow.get(r)!) : (grid[r - 1]?.[col - 1] ?? null)]);
    cells.push({ row: top, col, values });
    range = `${sheet}!${a1Range(top, col, bottom - top + 1, 1)}`;
  }
  const topic = topicCell(sheet, journal, grid, col, part, lang);
  if (topic) cells.push(topic);
  return { cells, changed: changes.length, range };
}

function topicCell(
  sheet: string,
  journal: ParsedJournal,
  grid: readonly (readonly CellValue[])[],
  col: number,
  part: LessonPart,
  lang: JournalMarker["lang"],
): Block | null {
  if (!part.topic) return null;
  const text = joinTopic(part.topic, lang);
  const now = cellText(grid[1]?.[col - 1] ?? null);
  if (text === now) return null;
  if (!journal.hasTopicRow)
    throw bad({
      ru: `На вкладке «${sheet}» нет строки «Тема» (строка 2): тему урока записать некуда`,
      en: `Tab "${sheet}" has no «Topic» row (row 2): the topic has nowhere to go`,
    });
  if (now !== part.topic.expected)
    throw conflict({
      ru: `Тему урока ${lessonHeader(part.date, part.index)} (${sheet}!${a1(2, col)}) уже изменили после загрузки. Загрузите заново и повторите`,
      en: `The topic of lesson ${lessonHeader(part.date, part.index)} (${sheet}!${a1(2, col)}) was changed after loading. Reload and try again`,
    });
  return { row: 2, col, values: [[text || null]] };
}

/** The only calls the journal workbook's sidebar answers; every other name is refused. */
export const JOURNAL_RPC = ["context", "lessonLoad", "lessonSave"] as const;

export function journalDispatch(
  p: JournalLessonPorts,
  method: unknown,
  payload: unknown,
  log: (e: unknown) => void,
): RpcEnvelope<unknown> {
  if (!(JOURNAL_RPC as readonly unknown[]).includes(method))
    return {
      ok: false,
      error: {
        code: "bad-args",
        ru: `В книге журналов панель только для уроков: действие «${String(method)}» выполняется в основной книге`,
        en: `In the journal workbook the sidebar is for lessons only: "${String(method)}" is done in the master workbook`,
      },
    };
  try {
    const req = payload ?? {};
    const value =
      method === "context"
        ? journalContext(p)
        : method === "lessonLoad"
          ? journalLessonLoad(p, req as LessonQuery)
          : journalLessonSave(p, req as LessonSave);
    return { ok: true, value };
  } catch (e) {
    return failure(e, log);
  }
}
