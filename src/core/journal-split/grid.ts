/**
 * A journal sheet as keyed cells: one key per (student, lesson) and per lesson's topic, so the
 * master and the journal workbook can hold their rows and columns in different orders.
 */
import type { CellValue } from "../cells.js";
import type { ParsedJournal } from "../journal/types.js";
import { lessonHeader } from "../journal/update.js";

/** The row ID of the topic row in keys and in the sync state. */
export const TOPIC_ROW = "#topic";

export const lessonKey = (date: string, index: number) => lessonHeader(date, index);
export const cellKey = (rowId: string, lesson: string) => `${rowId}\u0001${lesson}`;
export const splitKey = (key: string) => {
  const [rowId, lesson] = key.split("\u0001");
  return { rowId, lesson };
};

export interface KeyedJournal {
  values: Map<string, CellValue>;
  /** 1-based position of each key in its sheet. */
  at: Map<string, { row: number; col: number }>;
  /** Row of each student ID (the first, when an ID repeats). */
  rows: Map<string, number>;
  /** Column of each lesson key. */
  cols: Map<string, number>;
}

/** Every (student, lesson) cell of the sheet, blanks included, and the topics when there is a topic row. */
export function keyedJournal(pj: ParsedJournal): KeyedJournal {
  const out: KeyedJournal = { values: new Map(), at: new Map(), rows: new Map(), cols: new Map() };
  const lessons = pj.columns.map((c) => lessonKey(c.date, c.index));
  pj.columns.forEach((c, j) => {
    out.cols.set(lessons[j], c.col);
    if (!pj.hasTopicRow) return;
    const key = cellKey(TOPIC_ROW, lessons[j]);
    out.values.set(key, c.topic || null);
    out.at.set(key, { row: 2, col: c.col });
  });
  for (const r of pj.rows) {
    if (!r.studentId || out.rows.has(r.studentId)) continue;
    out.rows.set(r.studentId, r.row);
    pj.columns.forEach((c, j) => {
      const key = cellKey(r.studentId, lessons[j]);
      out.values.set(key, r.cells[j] ?? null);
      out.at.set(key, { row: r.row, col: c.col });
    });
  }
  return out;
}
