/**
 * The fast read of a worksheet part nobody has edited: one pass over its XML, no row objects
 * kept. The XML is scanned as a one-byte (latin1) string, half the memory of decoded text and
 * faster to match; only a cell whose content has non-ASCII bytes is decoded as UTF-8.
 */
import type { CellValue } from "../../core/cells.js";
import { parseRef } from "./address.js";
import { type ReadContext, readCell } from "./cell-value.js";

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const R_ATTR = /\sr\s*=\s*"([^"]*)"/;
const HIGH = /[\x80-\xff]/;

const utf8 = (s: string) => (HIGH.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s);
const blank = (v: CellValue) => v === null || (typeof v === "string" && v.trim() === "");

/** Every row filled to `width` with null, in place: a second copy of 1 M cells costs memory. */
export function padRows(rows: CellValue[][], width: number): CellValue[][] {
  for (let r = 0; r < rows.length; r++) {
    const line = rows[r] ?? [];
    for (let i = 0; i < width; i++) if (line[i] === undefined) line[i] = null;
    rows[r] = line;
  }
  return rows;
}

/** The part's values, row 0 = sheet row 1, trailing blank rows and columns trimmed. */
export function readSheetBytes(bytes: Uint8Array, ctx: ReadContext): CellValue[][] {
  const xml = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const rows: CellValue[][] = [];
  let width = 0;
  let rowNum = 0;
  for (const row of xml.matchAll(ROW)) {
    const r = R_ATTR.exec(row[1]);
    rowNum = r ? Number(r[1]) : rowNum + 1;
    if (!row[2]) continue;
    let col = 0;
    for (const c of row[2].matchAll(CELL)) {
      const ref = R_ATTR.exec(c[1]);
      col = ref ? (parseRef(ref[1])?.col ?? col + 1) : col + 1;
      const v = readCell(c[1], utf8(c[2] ?? ""), ctx);
      if (blank(v)) continue;
      while (rows.length < rowNum) rows.push([]);
      rows[rowNum - 1][col - 1] = v;
      if (col > width) width = col;
    }
  }
  return padRows(rows, width);
}
