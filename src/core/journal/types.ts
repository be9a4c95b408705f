import type { CellValue } from "../cells.js";
import type { Issue } from "../issues.js";
import type { IsoDate } from "../records.js";
import type { JournalCell } from "./grammar.js";

/** One lesson column of a journal sheet. */
export interface JournalColumn {
  /** 1-based sheet column. */
  col: number;
  date: IsoDate;
  /** 1 for the first lesson on the date, 2 for «ДД.ММ.ГГГГ (2)», ... */
  index: number;
  /** Topic from the topic row, "" when none. */
  topic: string;
}

/** One student row of a journal sheet. */
export interface JournalRow {
  /** 1-based sheet row. */
  row: number;
  studentId: string;
  name: string;
  /** Cells of this row, one per entry of ParsedJournal.columns (same order). */
  cells: CellValue[];
  /** Parsed cells, same order. */
  entries: JournalCell[];
}

export interface ParsedJournal {
  sheet: string;
  groupId: string;
  /** True when row 2 starts with «Тема» / «Topic». */
  hasTopicRow: boolean;
  /** Columns of the ID and student name (1-based), or 0 when missing. */
  idCol: number;
  nameCol: number;
  columns: JournalColumn[];
  rows: JournalRow[];
  issues: Issue[];
}
