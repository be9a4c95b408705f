/**
 * How the fake sheet stores a cell and how Sheets interprets what a script writes:
 * setValues parses strings like typed input ("007" -> 7, "01.09.2026" -> a date,
 * "=..." -> a formula, a leading apostrophe forces text and is not stored), keeps a
 * date as the wall-clock time of the spreadsheet's zone, and reads blanks back as "".
 */
import { instantOf, wallOf } from "./utilities.js";

/** A date/time cell: ms whose UTC fields are what the spreadsheet shows. */
export class WallTime {
  constructor(readonly wall: number) {}
}

export type Stored = string | number | boolean | WallTime | null;

export interface Cell {
  v: Stored;
  /** Formula text ("=..."), when the cell holds a formula. */
  f?: string;
  /** Value a seeded formula shows (otherwise env.evaluate decides). */
  fv?: string | number | boolean;
  bg?: string;
  fw?: string;
  nf?: string;
  /** Data validation rule (opaque to this module). */
  dv?: unknown;
}

/** What tests seed: Dates are wall-clock times (their UTC fields are what the user sees). */
export type SeedValue =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; value?: string | number | boolean };

export const DEFAULT_NUMBER_FORMAT = "0.###############";
export const TEXT_FORMAT = "@";
export const CELL_TEXT_LIMIT = 50000;

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

function wallDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0): WallTime | null {
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  return new WallTime(Date.UTC(y, m - 1, d, h, mi, s));
}

/** A string as Sheets reads typed input (the subset that matters: numbers, booleans, dates, times). */
export function parseEntered(
  text: string,
  locale: string,
  year: number,
): { value: Stored } | { formula: string } {
  if (text === "") return { value: null };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith("=") && text.length > 1) return { formula: text };
  const ru = locale.toLowerCase().startsWith("ru");
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  if (ru && /^(истина|ложь)$/i.test(t)) return { value: t.toLowerCase() === "истина" };
  const dec = ru ? "," : ".";
  const num = new RegExp(`^[+-]?(\\d+(\\${dec}\\d*)?|\\${dec}\\d+)([eE][+-]?\\d+)?(%?)$`);
  const n = num.exec(t);
  if (n) {
    const value = Number(t.replace("%", "").replace(dec, "."));
    return { value: n[4] ? value / 100 : value };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return orText(text, wallDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})([./])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(t);
  if (m && (m[2] === "/" || ru)) {
    const y = m[4] === undefined ? year : m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    const [a, b] = [Number(m[1]), Number(m[3])];
    // ru_RU reads day first, en_US month first.
    return orText(text, ru ? wallDate(y, b, a) : wallDate(y, a, b));
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) return orText(text, wallDate(1899, 12, 30, Number(m[1]), Number(m[2]), Number(m[3] ?? 0)));
  return { value: text };
}

function orText(text: string, w: WallTime | null): { value: Stored } {
  return { value: w ?? text };
}

/** One value from setValues into a cell (mutates it). */
export function writeValue(
  cell: Cell,
  raw: unknown,
  ctx: { timeZone: string; locale: string; year: number },
): void {
  const before = cell.f;
  const cached = cell.fv;
  delete cell.f;
  delete cell.fv;
  if (raw === null || raw === undefined) {
    cell.v = null;
    return;
  }
  if (typeof raw === "string") {
    if (raw.length > CELL_TEXT_LIMIT)
      throw new Error(
        "Exception: Your input contains more than the maximum of 50000 characters in a single cell.",
      );
    if (cell.nf === TEXT_FORMAT) {
      const text = raw.startsWith("'") ? raw.slice(1) : raw;
      cell.v = text === "" ? null : text;
      return;
    }
    const p = parseEntered(raw, ctx.locale, ctx.year);
    if ("formula" in p) {
      cell.f = p.formula;
      cell.v = null;
      // The same formula written again shows the same result (the fakes do not recompute).
      if (p.formula === before && cached !== undefined) cell.fv = cached;
    } else {
      cell.v = p.value;
      if (p.value instanceof WallTime && (cell.nf === undefined || cell.nf === DEFAULT_NUMBER_FORMAT))
        cell.nf = dateFormat(p.value, ctx.locale);
    }
    return;
  }
  if (typeof raw === "number" || typeof raw === "boolean") {
    cell.v = raw;
    return;
  }
  if (isDate(raw)) {
    const t = raw.getTime();
    if (Number.isNaN(t)) throw new Error("Exception: Invalid argument: Invalid Date");
    cell.v = new WallTime(wallOf(t, ctx.timeZone));
    if (cell.nf === undefined || cell.nf === DEFAULT_NUMBER_FORMAT) cell.nf = dateFormat(cell.v, ctx.locale);
    return;
  }
  // Real Sheets would write "[object Object]"; the fake refuses so that an adapter passing a
  // {formula} object (or any object) by mistake fails loudly.
  throw new TypeError(`fake Sheets: cannot write a ${Array.isArray(raw) ? "array" : typeof raw} into a cell`);
}

function dateFormat(w: WallTime, locale: string): string {
  const ru = locale.toLowerCase().startsWith("ru");
  const timeOnly = w.wall >= SERIAL_EPOCH && w.wall < SERIAL_EPOCH + 86400000;
  if (timeOnly) return "H:mm:ss";
  const hasTime = w.wall % 86400000 !== 0;
  const date = ru ? "dd.MM.yyyy" : "M/d/yyyy";
  return hasTime ? `${date} H:mm:ss` : date;
}

/** What getValues() returns for a cell. */
export function readValue(
  cell: Cell | undefined,
  timeZone: string,
  evaluate: (f: string) => unknown,
): unknown {
  if (!cell) return "";
  if (cell.f !== undefined) return cell.fv ?? evaluate(cell.f);
  if (cell.v === null) return "";
  if (cell.v instanceof WallTime) return new Date(instantOf(cell.v.wall, timeZone));
  return cell.v;
}

/** What getDisplayValues() returns: a simplified rendering of the cell's format. */
export function displayValue(
  cell: Cell | undefined,
  locale: string,
  evaluate: (f: string) => unknown,
): string {
  if (!cell) return "";
  const ru = locale.toLowerCase().startsWith("ru");
  const v = cell.f !== undefined ? (cell.fv ?? evaluate(cell.f)) : cell.v;
  if (v === null || v === undefined) return "";
  if (v instanceof WallTime) {
    const fmt = cell.nf && /[yd]|[hH]|s/.test(cell.nf) ? cell.nf : dateFormat(v, locale);
    return renderDate(new Date(v.wall), fmt);
  }
  if (typeof v === "boolean") return ru ? (v ? "ИСТИНА" : "ЛОЖЬ") : v ? "TRUE" : "FALSE";
  if (typeof v === "number") return ru ? String(v).replace(".", ",") : String(v);
  return String(v);
}

/**
 * A date/time number format applied to a wall-clock time: yyyy yy M MM d dd H HH h hh s ss,
 * and m/mm, which (as in Sheets) means minutes right after an hour or before seconds, else month.
 */
export function renderDate(d: Date, format: string): string {
  const tokens = format.match(/yyyy|yy|M{1,2}|m{1,2}|d{1,2}|H{1,2}|h{1,2}|s{1,2}|"[^"]*"|./g) ?? [];
  const p = (n: number, w: number) => String(n).padStart(w, "0");
  let afterHour = false;
  return tokens
    .map((t, i) => {
      const c = t[0];
      const w = t.length;
      if (c === '"') return t.slice(1, -1);
      if (c === "y") return w === 2 ? p(d.getUTCFullYear() % 100, 2) : String(d.getUTCFullYear());
      if (c === "d") return p(d.getUTCDate(), w);
      if (c === "M") return p(d.getUTCMonth() + 1, w);
      if (c === "H" || c === "h") {
        afterHour = true;
        return p(d.getUTCHours(), w);
      }
      if (c === "s") return p(d.getUTCSeconds(), w);
      if (c === "m") {
        const beforeSeconds = tokens.slice(i + 1).find((x) => /^[yMmdHhs]/.test(x))?.[0] === "s";
        const minutes = afterHour || beforeSeconds;
        afterHour = false;
        return p(minutes ? d.getUTCMinutes() : d.getUTCMonth() + 1, w);
      }
      if (/[a-zA-Z]/.test(c)) afterHour = false;
      return t;
    })
    .join("");
}

/** A seed value (test setup) into a cell: text is stored exactly, Dates are wall-clock times. */
export function seedCell(v: SeedValue, locale: string): Cell | undefined {
  if (v === null || v === "") return undefined;
  if (isDate(v)) {
    const w = new WallTime(v.getTime());
    return { v: w, nf: dateFormat(w, locale) };
  }
  if (typeof v === "object")
    return { v: null, f: v.formula, ...(v.value !== undefined ? { fv: v.value } : {}) };
  return { v };
}

// ---- A1 notation ----

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B2", "A1:C3", "A:C", "1:2", "A2:C" (open end) within a sheet of maxRows x maxCols. */
export function parseA1(a1: string, maxRows: number, maxCols: number): Rect {
  const part = /^\$?([A-Za-z]*)\$?(\d*)$/;
  const [from, to = from] = a1.replace(/^.*!/, "").split(":");
  const a = part.exec(from.trim());
  const b = part.exec(to.trim());
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) throw new Error(`Exception: Range not found`);
  const c1 = a[1] ? colNumber(a[1]) : 1;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c2 = b[1] ? colNumber(b[1]) : maxCols;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function a1Of(r: Rect): string {
  const tl = `${colLetters(r.col)}${r.row}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${colLetters(r.col + r.cols - 1)}${r.row + r.rows - 1}`;
}
