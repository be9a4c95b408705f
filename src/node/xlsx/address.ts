/** A1 references in sheet XML: `AB12` <-> row and column, ranges as rectangles. */

export const MAX_ROW = 1048576;
export const MAX_COL = 16384;

/** Column letters to a 1-based number: A -> 1, AA -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** `AB12` -> { row: 12, col: 28 }; `$A$1` too. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
}

/** An inclusive rectangle, 1-based. */
export interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** `A1:B5`, `A1`, `A:C` (whole columns) or `2:4` (whole rows) -> a box; null if unreadable. */
export function parseBox(range: string): Box | null {
  const [a, b = a] = range.replace(/\$/g, "").split(":");
  const end = (s: string, isEnd: boolean): { row: number; col: number } | null => {
    if (/^[A-Z]+$/.test(s)) return { row: isEnd ? MAX_ROW : 1, col: columnNumber(s) };
    if (/^\d+$/.test(s)) return { row: Number(s), col: isEnd ? MAX_COL : 1 };
    return parseRef(s);
  };
  const p = end(a, false);
  const q = end(b, true);
  if (!p || !q) return null;
  return {
    r1: Math.min(p.row, q.row),
    c1: Math.min(p.col, q.col),
    r2: Math.max(p.row, q.row),
    c2: Math.max(p.col, q.col),
  };
}

function letters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function refOf(row: number, col: number): string {
  return `${letters(col)}${row}`;
}

export function boxText(b: Box): string {
  const a = refOf(b.r1, b.c1);
  return b.r1 === b.r2 && b.c1 === b.c2 ? a : `${a}:${refOf(b.r2, b.c2)}`;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

/** a without b: up to four boxes (above, below, left, right of the overlap). */
export function subtract(a: Box, b: Box): Box[] {
  if (!overlaps(a, b)) return [a];
  const out: Box[] = [];
  if (a.r1 < b.r1) out.push({ ...a, r2: b.r1 - 1 });
  if (a.r2 > b.r2) out.push({ ...a, r1: b.r2 + 1 });
  const r1 = Math.max(a.r1, b.r1);
  const r2 = Math.min(a.r2, b.r2);
  if (a.c1 < b.c1) out.push({ r1, r2, c1: a.c1, c2: b.c1 - 1 });
  if (a.c2 > b.c2) out.push({ r1, r2, c1: b.c2 + 1, c2: a.c2 });
  return out;
}
