/**
 * Google recommends at most ~2 MB a Sheets API request ("Usage limits": larger payloads are
 * slow and may time out), and counts 60 write requests a minute per user. A planned batch is
 * cut into consecutive batchUpdate bodies under a byte budget, in order: addSheet and grid
 * growth come first in a plan, so every later chunk finds its sheet and its rows. A single
 * updateCells / appendCells larger than the budget is split by rows. Pure: no I/O, no Buffer.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import { a1Range } from "../core/cells.js";

type Request = sheets_v4.Schema$Request;

export const REQUEST_BYTES = 2_000_000;

/** UTF-8 bytes of a string (Cyrillic is 2 bytes a letter), counted without Node's Buffer. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const bytesOf = (r: unknown) => utf8Bytes(JSON.stringify(r));

/** An oversized row-carrying request as several, each under `max` (rows keep their order). */
function splitRows(r: Request, max: number): Request[] {
  const u = r.updateCells;
  const a = r.appendCells;
  const rows = u?.rows ?? a?.rows;
  if (!rows || rows.length < 2 || (u && !u.start)) return [r];
  const parts: Request[] = [];
  let from = 0;
  let size = 0;
  const flush = (to: number) => {
    const slice = rows.slice(from, to);
    if (u?.start)
      parts.push({
        updateCells: { ...u, start: { ...u.start, rowIndex: (u.start.rowIndex ?? 0) + from }, rows: slice },
      });
    else if (a) parts.push({ appendCells: { ...a, rows: slice } });
    from = to;
    size = 0;
  };
  rows.forEach((row, i) => {
    const b = bytesOf(row) + 1;
    if (size + b > max * 0.9 && i > from) flush(i);
    size += b;
  });
  flush(rows.length);
  return parts;
}

/** The requests as batchUpdate bodies of at most `max` bytes each (one body when they fit). */
export function chunkRequests(requests: readonly Request[], max = REQUEST_BYTES): Request[][] {
  const chunks: Request[][] = [];
  let current: Request[] = [];
  let size = 0;
  for (const big of requests) {
    for (const r of bytesOf(big) > max ? splitRows(big, max) : [big]) {
      const b = bytesOf(r) + 1;
      if (current.length && size + b > max - 64) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push(r);
      size += b;
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

type ValueRange = sheets_v4.Schema$ValueRange;

/** What chunkValues needs of a value block (sheets-requests.ts ValueBlock). */
interface Block {
  sheet: string;
  row: number;
  col: number;
  values: (string | number | boolean)[][];
}

/** A block's exact A1 range, the sheet title quoted ('It''s' for an apostrophe). */
export function blockRange(b: Block): string {
  const width = b.values.reduce((w, l) => Math.max(w, l.length), 1);
  const title = `'${b.sheet.replace(/'/g, "''")}'`;
  return `${title}!${a1Range(b.row, b.col, Math.max(1, b.values.length), width)}`;
}

/**
 * Value blocks as spreadsheets.values.batchUpdate `data` lists of at most `max` bytes each;
 * a block larger than that is cut by rows (each part with its own range).
 */
export function chunkValues(blocks: readonly Block[], max = REQUEST_BYTES): ValueRange[][] {
  const chunks: ValueRange[][] = [];
  let current: ValueRange[] = [];
  let size = 0;
  const add = (b: Block, bytes: number) => {
    if (current.length && size + bytes > max - 256) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push({ range: blockRange(b), values: b.values });
    size += bytes;
  };
  for (const b of blocks) {
    if (!b.values.length) continue;
    let from = 0;
    let part = 0;
    b.values.forEach((line, i) => {
      const bytes = utf8Bytes(JSON.stringify(line)) + 1;
      if (part + bytes > max * 0.9 && i > from) {
        add({ ...b, row: b.row + from, values: b.values.slice(from, i) }, part);
        from = i;
        part = 0;
      }
      part += bytes;
    });
    add({ ...b, row: b.row + from, values: b.values.slice(from) }, part + 100);
  }
  if (current.length) chunks.push(current);
  return chunks;
}
