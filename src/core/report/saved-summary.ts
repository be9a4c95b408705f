/**
 * The month's JSON summary as kept in the hidden sheet «_summary_json» (read back by the
 * municipal rollup and by next month's dynamics). Issue 13: at 2,000 students a summary is
 * 3 MB of JSON, written as text that is 6 MB of Sheets API request (every quote escaped),
 * three round trips of ~2 MB a month, and every month's were rewritten each time. Gzipped and
 * base64-encoded it is ~270 KB, and each month is one row written in place:
 *
 *   month | "gzip+base64" | part 1 | part 2 | …   (a cell holds at most 50,000 characters)
 *
 * The layout of earlier versions (a row per part: month | part number | JSON text) is still
 * read; the first write after it converts the whole sheet. Pure: fflate's gzip is plain
 * JavaScript, so the same code runs in Apps Script's V8 and in Node.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from "fflate";
import { fromBase64, toBase64 } from "../base64.js";
import { type CellValue, cellText, type WriteValue } from "../cells.js";

export const ENCODING = "gzip+base64";
/** Characters a part: under the 50,000 a cell allows. */
export const PART_CHARS = 40_000;
const HEADER: WriteValue[] = ["month", "encoding", "data"];

/** The summary as the parts of its row (after month and encoding). */
export function encodeSummary(json: unknown): string[] {
  const text = toBase64(gzipSync(strToU8(JSON.stringify(json)), { level: 6, mtime: 0 }));
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += PART_CHARS) parts.push(text.slice(i, i + PART_CHARS));
  return parts.length ? parts : [""];
}

export function decodeSummary(parts: readonly string[]): unknown {
  return JSON.parse(strFromU8(gunzipSync(fromBase64(parts.join("")))));
}

type Row = readonly CellValue[];

const isPacked = (r: Row) => cellText(r[1]) === ENCODING;
const isMonthRow = (r: Row) => /^\d{4}-\d{2}$/.test(cellText(r[0]));

/** The JSON text of `month` kept in the sheet's rows, in either layout; null when absent. */
export function savedSummaryJson(rows: readonly Row[], month: string): unknown | null {
  const mine = rows.filter((r) => cellText(r[0]) === month);
  const packed = mine.find(isPacked);
  if (packed) return decodeSummary(packed.slice(2).map(cellText));
  const parts = mine
    .filter((r) => /^\d+$/.test(cellText(r[1])))
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((r) => cellText(r[2]));
  return parts.length ? JSON.parse(parts.join("")) : null;
}

function tryJson(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return null;
  }
}

export interface SummaryRowsWrite {
  /** Cells to write, 1-based: [row, values] blocks, or the whole sheet when `rewrite`. */
  blocks: { row: number; values: WriteValue[][] }[];
  /** True when the sheet is rewritten from scratch (new, or in the old layout). */
  rewrite: boolean;
}

/**
 * What to write to keep `json` as `month`: its own row only (found, or after the last), or
 * — when the sheet is new or holds the old layout — every month repacked. A row's former
 * parts beyond the new ones are blanked, so a shorter summary leaves no stale tail.
 */
export function summaryRows(rows: readonly Row[], month: string, json: unknown): SummaryRowsWrite {
  const row: WriteValue[] = [month, ENCODING, ...encodeSummary(json)];
  const months = rows.filter(isMonthRow);
  if (rows.length === 0 || months.some((r) => !isPacked(r))) {
    const others = [...new Set(months.map((r) => cellText(r[0])))].filter((m) => m !== month).sort();
    const repacked = others.flatMap((m) => {
      // A damaged old entry is dropped rather than stopping this month's report: a saved
      // summary is a cache of figures the journals still hold (the rollup recomputes it).
      const saved = tryJson(() => savedSummaryJson(rows, m));
      return saved === null ? [] : [[m, ENCODING, ...encodeSummary(saved)]];
    });
    return { blocks: [{ row: 1, values: [HEADER, ...repacked, row] }], rewrite: true };
  }
  const at = rows.findIndex((r) => cellText(r[0]) === month);
  const index = at >= 0 ? at : rows.length;
  const width = at >= 0 ? rows[at].length : 0;
  while (row.length < width) row.push(null);
  return { blocks: [{ row: index + 1, values: [row] }], rewrite: false };
}
