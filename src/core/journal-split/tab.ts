/**
 * One group's tab of the journal workbook: ID, the name the names setting allows (a left
 * student kept and marked), the master's lesson columns with their topic row, the journal
 * cell validation and its help; the whole sheet editable only by the group's teacher and
 * tutor. Nothing else of the master (contacts, consent, notes) is ever written here.
 *
 * A new tab is written whole. An existing one keeps every cell where it is: missing lesson
 * columns are appended after the last column, missing students after the last row, and only
 * the cells the sync pushes (and names that changed) are written.
 */
import type { SheetWrite } from "../../ports.js";
import { type CellValue, cellText, type WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { parseLessonHeader } from "../journal/parse.js";
import type { ParsedJournal } from "../journal/types.js";
import { type Layout, validations } from "../journal/update.js";
import { cellKey, type KeyedJournal, lessonKey, TOPIC_ROW } from "./grid.js";
import type { CellChange } from "./merge.js";

const HEADERS = {
  ru: { id: "ID", name: "Учащийся", topic: "Тема" },
  en: { id: "ID", name: "Student", topic: "Topic" },
} as const;

export interface TabArgs {
  sheet: string;
  groupId: string;
  lang: Lang;
  /** The master's journal of the group. */
  master: ParsedJournal;
  /** Whether the tab exists in the journal workbook (it may exist empty: then it is written whole). */
  exists: boolean;
  /** The journal workbook's tab, parsed with its keys, or null when it is missing or empty. */
  journal: { pj: ParsedJournal; keyed: KeyedJournal; grid: readonly (readonly CellValue[])[] } | null;
  /** Name to show per student ID ("" = the ID alone), already marked when the student left. */
  names: ReadonlyMap<string, string>;
  /** The group's teacher and tutor. */
  editors: readonly string[];
  /** Cells the merge pushes into this tab. */
  pushes: readonly CellChange[];
}

function extent(grid: readonly (readonly CellValue[])[]): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  grid.forEach((line, r) => {
    line.forEach((v, c) => {
      if (cellText(v) === "") return;
      rows = r + 1;
      cols = Math.max(cols, c + 1);
    });
  });
  return { rows, cols };
}

/** Lesson keys and student IDs of the master in its order (a repeated ID counts once). */
function masterOrder(pj: ParsedJournal) {
  const lessons = pj.columns.map((c) => ({ key: lessonKey(c.date, c.index), date: c.date }));
  const ids = [...new Set(pj.rows.map((r) => r.studentId).filter(Boolean))];
  return { lessons, ids };
}

export function journalTabWrite(a: TabArgs): SheetWrite {
  const h = HEADERS[a.lang];
  const { lessons, ids } = masterOrder(a.master);
  const value = new Map(a.pushes.map((p) => [p.key, p.value as WriteValue]));
  const cells: { row: number; col: number; values: WriteValue[][] }[] = [];
  let layout: Layout;
  if (!a.journal) {
    const line = (rowId: string) => lessons.map((l) => value.get(cellKey(rowId, l.key)) ?? null);
    cells.push({
      row: 1,
      col: 1,
      values: [
        [h.id, h.name, ...lessons.map((l) => l.key)],
        [h.topic, null, ...line(TOPIC_ROW)],
        ...ids.map((id) => [id, a.names.get(id) || null, ...line(id)]),
      ],
    });
    layout = {
      headerRows: 2,
      lessonCols: lessons.map((l, i) => ({ col: 3 + i, date: l.date })),
      studentRows: ids.map((id, i) => ({ row: 3 + i, studentId: id })),
    };
  } else layout = extendTab(a, lessons, ids, cells, value);
  return {
    sheet: a.sheet,
    ...(a.exists ? {} : { create: true }),
    ...(cells.length ? { cells } : {}),
    frozenRows: layout.headerRows,
    boldRows: 1,
    validations: validations(layout, a.lang),
    protection: {
      editors: [...a.editors],
      description:
        a.lang === "ru"
          ? `Журнал ${a.groupId}: правят только преподаватель и тьютор группы`
          : `Journal ${a.groupId}: only the group's teacher and tutor edit it`,
    },
  };
}

/** Append what the tab lacks and place the pushed cells and changed names where they are. */
function extendTab(
  a: TabArgs,
  lessons: { key: string; date: string }[],
  ids: string[],
  cells: { row: number; col: number; values: WriteValue[][] }[],
  value: Map<string, WriteValue>,
): Layout {
  const j = a.journal!;
  const size = extent(j.grid);
  const cols = new Map(j.keyed.cols);
  const rows = new Map(j.keyed.rows);
  const newLessons = lessons.filter((l) => !cols.has(l.key));
  newLessons.forEach((l, i) => {
    cols.set(l.key, size.cols + 1 + i);
  });
  if (newLessons.length) cells.push({ row: 1, col: size.cols + 1, values: [newLessons.map((l) => l.key)] });
  const idCol = j.pj.idCol;
  const nameCol = j.pj.nameCol;
  const newIds = ids.filter((id) => !rows.has(id));
  newIds.forEach((id, i) => {
    rows.set(id, size.rows + 1 + i);
    cells.push({ row: size.rows + 1 + i, col: idCol, values: [[id]] });
  });
  // Without a name column (a tutor deleted it) no name is written: column B may hold marks now.
  for (const id of j.pj.nameCol ? ids : []) {
    const row = rows.get(id)!;
    const name = a.names.get(id) ?? "";
    if (cellText(j.grid[row - 1]?.[nameCol - 1]) !== name)
      cells.push({ row, col: nameCol, values: [[name || null]] });
  }
  for (const [key, v] of value) {
    const [rowId, lesson] = key.split("\u0001");
    const row = rowId === TOPIC_ROW ? (j.pj.hasTopicRow ? 2 : 0) : rows.get(rowId);
    const col = cols.get(lesson);
    if (row && col) cells.push({ row, col, values: [[v]] });
  }
  return {
    headerRows: j.pj.hasTopicRow ? 2 : 1,
    lessonCols: [...cols].map(([key, col]) => ({ col, date: parseLessonHeader(key)!.date })),
    studentRows: [...rows].map(([studentId, row]) => ({ row, studentId })),
  };
}
