/**
 * The interfaces the application needs from the outside world. The core never calls out;
 * application functions (src/app) take these ports, adapters (src/apps-script, src/node)
 * implement them.
 */
import type { CellValue, WriteValue } from "./core/cells.js";
import type { Block } from "./core/report/model.js";

/** A sheet's values as read: row 0 is sheet row 1; trailing blank rows/columns trimmed. */
export interface Table {
  sheet: string;
  values: CellValue[][];
}

/** A rectangle inside a sheet, 1-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Validation {
  range: Rect;
  /** Allowed values (dropdown) ... */
  list?: readonly string[];
  /**
   * ... or a regular expression the text should match (Google: REGEXMATCH). With both, Google
   * checks the pattern and Excel (no regular expressions) offers the list as suggestions.
   */
  pattern?: string;
  /** true: invalid input is rejected; false: only a warning (a tutor is never blocked). */
  strict: boolean;
  help?: string;
}

export interface Protection {
  /** Protect only these first rows (header) ... */
  rows?: number;
  /** ... or the whole sheet, editable only by these emails (plus the owner). */
  editors?: readonly string[];
  description?: string;
}

/** One sheet's share of a write batch. Every string is neutralised by the adapter. */
export interface SheetWrite {
  sheet: string;
  /** Create the sheet if it does not exist (appended after the existing tabs). */
  create?: boolean;
  /** Clear all values (and backgrounds) before writing: a rerun replaces, never duplicates. */
  clear?: boolean;
  /** Rectangular blocks of values at 1-based positions. */
  cells?: readonly { row: number; col: number; values: readonly (readonly WriteValue[])[] }[];
  /** Rows appended after the last non-blank row. */
  append?: readonly (readonly WriteValue[])[];
  frozenRows?: number;
  /** Replaces the sheet's validations that the program set before (same ranges). */
  validations?: readonly Validation[];
  /** Cell backgrounds (null = none), e.g. grey outside an enrollment. */
  backgrounds?: readonly { range: Rect; color: string | null }[];
  /** Bold header row(s). */
  boldRows?: number;
  protection?: Protection;
  hidden?: boolean;
  /** Column widths in characters (Excel's unit; Google adapters use about 7 px a character). */
  columnWidths?: readonly number[];
  /** Number formats (spreadsheet codes, e.g. "0.0") of rectangles: a percentage shows one decimal. */
  numberFormats?: readonly { range: Rect; format: string }[];
  /**
   * Page setup for printing. Only the .xlsx adapter applies it: Google Sheets keeps print
   * settings out of SpreadsheetApp and the Sheets API (they are chosen in the print dialog).
   */
  print?: { landscape: boolean; fitToWidth: boolean; repeatRows?: number };
}

/**
 * A workbook read and written in batches: `read` is one batch for all named sheets,
 * `write` one batch for all changes. Adapters: .xlsx (the zip package patched in place), SpreadsheetApp, Sheets API.
 */
export interface Workbook {
  /** Tab names in order. */
  sheetNames(): string[];
  /** Values of the named sheets that exist (missing ones are absent from the map). */
  read(sheets: readonly string[]): Map<string, Table>;
  /** Apply all writes as one batch. */
  write(batch: readonly SheetWrite[]): void;
  /**
   * Every sheet's grid size (rows × columns, blank cells included), where the format has a
   * cell limit (Google Sheets: 10,000,000); absent for .xlsx.
   */
  gridSizes?(): { sheet: string; rows: number; cols: number }[];
}

/** The current time; tests pass a fake. */
export interface Clock {
  now(): Date;
}

/** Key-value store for small state (script properties). Values are JSON strings. */
export interface Store {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface Lock {
  /** Run fn holding the document lock; always released. */
  withLock<T>(fn: () => T): T;
}

/**
 * Where the report document goes: a Google Doc (DocumentApp or the Docs API) or, locally, a
 * .docx. One model in, the same text out. Blocks are appended in order so a long render can
 * stop after any block and continue later.
 */
export interface DocumentSink {
  /** Open the remembered document, or create one named `title` (in `folder` when given). */
  open(existingId: string | null, title: string, folder: string): { id: string; url: string };
  /** Empty the body: a rerun replaces the content in place. */
  /** …and set its running page header (school and period) when one is given. */
  clear(id: string, pageHeader?: string): void;
  append(id: string, blocks: readonly Block[]): void;
  /** Share with exactly these readers (besides the owner). */
  share(id: string, readers: readonly string[]): void;
}

export interface Mailer {
  /** Mails that can still be sent today (MailApp.getRemainingDailyQuota). */
  remainingQuota(): number;
  send(to: readonly string[], subject: string, body: string): void;
}
