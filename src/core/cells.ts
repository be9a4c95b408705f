/** Values as they come out of a sheet: what getValues() or the .xlsx reader give, normalised by the adapter. */
export type CellValue = string | number | boolean | Date | null;

/** A formula the program itself made: the only text that is written without neutralisation. */
export interface Formula {
  formula: string;
}

export type WriteValue = CellValue | Formula;

export function isFormula(v: unknown): v is Formula {
  return (
    typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as Formula).formula === "string"
  );
}

const INJECTION = /^[=+\-@\t\r]/;

/**
 * Neutralise formula injection: text that a spreadsheet would read as a formula gets a
 * leading apostrophe (Sheets hides it and stores the text; Excel shows the text as typed).
 * Every adapter's write path calls this for every string it writes.
 */
export function neutralize(value: string): string {
  return INJECTION.test(value) ? `'${value}` : value;
}

/** The write-side counterpart of neutralize, applied to any value. */
export function safeCell(v: WriteValue): WriteValue {
  return typeof v === "string" ? neutralize(v) : v;
}

/** Column number (1-based) to letters: 1 -> A, 27 -> AA. */
export function columnLetter(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 1-based row and column to an A1 address. */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** A rectangular A1 range, 1-based inclusive. */
export function a1Range(row: number, col: number, rows: number, cols: number): string {
  return `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** True when a cell holds nothing a person typed (null, empty or only spaces). */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Text of a cell as a person reads it, trimmed; dates as ISO; blank as "". */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  // An invalid Date (a broken cell) reads as what it is, never throws.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString().slice(0, 10);
  return String(v).trim();
}
