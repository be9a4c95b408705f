/**
 * SheetWrites as Sheets API v4 batchUpdate requests. Pure (no I/O, type-only googleapis
 * import): the Apps Script Sheets advanced service takes the same REST shapes, so this
 * one builder serves both.
 *
 * Text: every value goes through safeCell. A neutralised string ("'=x") is sent as
 * stringValue "=x": the API never parses a stringValue as a formula, it stores exactly
 * the text, which is what the apostrophe means when typed (and what SpreadsheetApp's
 * setValues("'=x") stores). Sending the apostrophe too would make it visible text.
 * Only a program-made Formula goes out as formulaValue.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import { a1, isFormula, neutralize, safeCell, type WriteValue } from "../core/cells.js";
import type { Rect, SheetWrite, Validation } from "../ports.js";
import { REQUEST_BYTES, utf8Bytes } from "./request-chunks.js";

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;
type GridRange = sheets_v4.Schema$GridRange;

export interface ProtectedRangeInfo {
  /** Absent until the server assigned one. */
  protectedRangeId?: number;
  range: GridRange;
}

/** What the builder needs to know about a sheet (from spreadsheets.get). */
export interface SheetInfo {
  sheetId: number;
  title: string;
  hidden: boolean;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  protectedRanges: ProtectedRangeInfo[];
}

/** A block of plain values for spreadsheets.values.batchUpdate (RAW), 1-based position. */
export interface ValueBlock {
  sheet: string;
  row: number;
  col: number;
  values: (string | number | boolean)[][];
}

export interface SheetPlan {
  requests: Request[];
  /**
   * Value-only blocks to send with spreadsheets.values.batchUpdate AFTER the requests (empty
   * when the plan fits one batchUpdate body): see planSheetWrites.
   */
  values: ValueBlock[];
  /** The sheets as they will be after the requests (new ones appended, grids grown). */
  sheets: SheetInfo[];
}

/** Google's size for a new sheet when none is given (1000 × 26): what the program no longer makes. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLS = 26;

/**
 * A spreadsheet holds at most 10,000,000 cells, blank ones included (rows × columns of every
 * sheet; Google Sheets help, "Files you can store in Google Drive"). 150 journals of 1000 × 26
 * reach it within a school year, so every sheet the program makes is sized to its data plus
 * this margin and grows (appendDimension) as lessons come.
 */
export const ROW_MARGIN = 10;
export const COL_MARGIN = 3;
export const CELL_LIMIT = 10_000_000;

/** The grid for `rows` × `cols` of data: the data plus the margin (at least 2 × 1, for a frozen header). */
export function sizedGrid(rows: number, cols: number): { rows: number; cols: number } {
  return { rows: Math.max(2, rows) + ROW_MARGIN, cols: Math.max(1, cols) + COL_MARGIN };
}

export const DATE_FORMAT: sheets_v4.Schema$NumberFormat = { type: "DATE", pattern: "dd.mm.yyyy" };
export const DATE_TIME_FORMAT: sheets_v4.Schema$NumberFormat = {
  type: "DATE_TIME",
  pattern: "dd.mm.yyyy hh:mm:ss",
};

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A port Date (UTC fields = what the user sees) as a Sheets serial number. */
export function dateToSerial(d: Date): number {
  return (d.getTime() - SERIAL_EPOCH) / DAY_MS;
}

/** A Sheets serial number as a port Date (rounded to the millisecond: serials are floats). */
export function serialToDate(serial: number): Date {
  return new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
}

const NEUTRALISED = /^'[=+\-@\t\r]/;

function hasTime(d: Date): boolean {
  return d.getTime() % DAY_MS !== 0;
}

/** One value as CellData; dates carry their number format only when `withFormat`. */
export function cellData(v: WriteValue, withFormat = false): CellData {
  const safe = safeCell(v);
  if (safe === null || safe === undefined) return {};
  if (isFormula(safe)) {
    const f = safe.formula.startsWith("=") ? safe.formula : `=${safe.formula}`;
    return { userEnteredValue: { formulaValue: f } };
  }
  if (typeof safe === "string")
    return { userEnteredValue: { stringValue: NEUTRALISED.test(safe) ? safe.slice(1) : safe } };
  if (typeof safe === "boolean") return { userEnteredValue: { boolValue: safe } };
  if (typeof safe === "number")
    return Number.isFinite(safe)
      ? { userEnteredValue: { numberValue: safe } }
      : { userEnteredValue: { stringValue: String(safe) } };
  if (Number.isNaN(safe.getTime())) throw new Error("Invalid Date in a sheet write");
  const cell: CellData = { userEnteredValue: { numberValue: dateToSerial(safe) } };
  if (withFormat) cell.userEnteredFormat = { numberFormat: hasTime(safe) ? DATE_TIME_FORMAT : DATE_FORMAT };
  return cell;
}

/**
 * One value as spreadsheets.values RAW input: RAW stores a string exactly as given, never as a
 * formula (Google: ValueInputOption RAW, "the values will not be parsed"), so a neutralised
 * string goes without its apostrophe, as in cellData; a date goes as its serial (its number
 * format comes from the batch's repeatCell); an empty string is an empty cell (null would
 * leave the old value).
 */
export function rawValue(v: WriteValue): string | number | boolean {
  const u = cellData(v).userEnteredValue;
  if (!u) return "";
  return u.stringValue ?? u.numberValue ?? u.boolValue ?? "";
}

export function gridRange(sheetId: number, r: Rect): GridRange {
  return {
    sheetId,
    startRowIndex: r.row - 1,
    endRowIndex: r.row - 1 + r.rows,
    startColumnIndex: r.col - 1,
    endColumnIndex: r.col - 1 + r.cols,
  };
}

/** "#d9d9d9" / "#ddd" -> Sheets Color (0..1). */
export function color(hex: string): sheets_v4.Schema$Color {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`Bad colour ${hex}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  const part = (i: number) => Number.parseInt(h.slice(i, i + 2), 16) / 255;
  return { red: part(0), green: part(2), blue: part(4) };
}

function sameRange(a: GridRange, b: GridRange): boolean {
  const keys = ["sheetId", "startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"] as const;
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}

/** Rows and columns a write needs to exist (1-based extents); appends need only columns. */
export function writeExtent(w: SheetWrite): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  const rect = (r: Rect) => {
    rows = Math.max(rows, r.row + r.rows - 1);
    cols = Math.max(cols, r.col + r.cols - 1);
  };
  for (const b of w.cells ?? []) {
    rows = Math.max(rows, b.row + b.values.length - 1);
    for (const line of b.values) cols = Math.max(cols, b.col + line.length - 1);
  }
  for (const line of w.append ?? []) cols = Math.max(cols, line.length);
  for (const v of w.validations ?? []) rect(v.range);
  for (const b of w.backgrounds ?? []) rect(b.range);
  // Sheets refuses to freeze every row: keep one below the frozen ones.
  rows = Math.max(rows, w.boldRows ?? 0, w.protection?.rows ?? 0, (w.frozenRows ?? 0) + 1);
  return { rows, cols };
}

/**
 * Number formats for the date cells of a block: vertical runs per column, merged across
 * adjacent columns with the same span, so a header row of dates or a column of dates is
 * one repeatCell rather than one per cell.
 */
function dateFormats(
  sheetId: number,
  row: number,
  col: number,
  values: readonly (readonly WriteValue[])[],
): Request[] {
  type Run = { r0: number; r1: number; c0: number; c1: number; time: boolean };
  const runs: Run[] = [];
  const width = Math.max(0, ...values.map((l) => l.length));
  for (let j = 0; j < width; j++) {
    let open: Run | undefined;
    for (let i = 0; i < values.length; i++) {
      const v = values[i][j];
      if (!(v instanceof Date)) {
        open = undefined;
        continue;
      }
      const time = hasTime(v);
      if (open && open.time === time && open.r1 === i - 1) open.r1 = i;
      else {
        open = { r0: i, r1: i, c0: j, c1: j, time };
        runs.push(open);
      }
    }
  }
  const rects: Run[] = [];
  const last = new Map<string, Run>();
  for (const r of runs) {
    const key = `${r.r0}:${r.r1}:${r.time}`;
    const prev = last.get(key);
    if (prev && prev.c1 === r.c0 - 1) prev.c1 = r.c0;
    else {
      const rect = { ...r };
      rects.push(rect);
      last.set(key, rect);
    }
  }
  return rects.map((r) => ({
    repeatCell: {
      range: gridRange(sheetId, {
        row: row + r.r0,
        col: col + r.c0,
        rows: r.r1 - r.r0 + 1,
        cols: r.c1 - r.c0 + 1,
      }),
      cell: { userEnteredFormat: { numberFormat: r.time ? DATE_TIME_FORMAT : DATE_FORMAT } },
      fields: "userEnteredFormat.numberFormat",
    },
  }));
}

function validationRule(v: Validation): sheets_v4.Schema$DataValidationRule {
  let condition: sheets_v4.Schema$BooleanCondition;
  if (v.pattern) {
    // The exact grammar wins over a list of suggestions (Excel, without regex, uses the list).
    const cell = a1(v.range.row, v.range.col);
    const formula = `=REGEXMATCH(TO_TEXT(${cell}),"${v.pattern.replace(/"/g, '""')}")`;
    condition = { type: "CUSTOM_FORMULA", values: [{ userEnteredValue: formula }] };
  } else if (v.list?.length) {
    // Condition values are parsed as typed: neutralise them like cell text.
    condition = { type: "ONE_OF_LIST", values: v.list.map((x) => ({ userEnteredValue: neutralize(x) })) };
  } else {
    // Only a help text: a rule that accepts anything carries the input message.
    condition = { type: "CUSTOM_FORMULA", values: [{ userEnteredValue: "=TRUE" }] };
  }
  const rule: sheets_v4.Schema$DataValidationRule = {
    condition,
    strict: v.strict,
    showCustomUi: Boolean(v.list?.length) && !v.pattern,
  };
  if (v.help) rule.inputMessage = v.help;
  return rule;
}

/**
 * Values, then formats, then sheet properties, validations, backgrounds, bold, protection.
 * With `values`, value-only blocks go there instead of into updateCells.
 */
function sheetRequests(s: SheetInfo, w: SheetWrite, values?: ValueBlock[]): Request[] {
  const out: Request[] = [];
  const id = s.sheetId;
  if (w.clear)
    out.push({
      updateCells: {
        range: { sheetId: id },
        // Values, fills, number formats (a number must not show as a stale date) and rules go;
        // fonts, widths and everything else a person set stay.
        fields:
          "userEnteredValue,userEnteredFormat.backgroundColor,userEnteredFormat.numberFormat,dataValidation",
      },
    });
  for (const b of w.cells ?? []) {
    if (values && !b.values.some((line) => line.some(isFormula))) {
      values.push({ sheet: s.title, row: b.row, col: b.col, values: b.values.map((l) => l.map(rawValue)) });
      out.push(...dateFormats(id, b.row, b.col, b.values));
      continue;
    }
    out.push({
      updateCells: {
        start: { sheetId: id, rowIndex: b.row - 1, columnIndex: b.col - 1 },
        rows: b.values.map((line) => ({ values: line.map((v) => cellData(v)) })),
        fields: "userEnteredValue",
      },
    });
    out.push(...dateFormats(id, b.row, b.col, b.values));
  }
  if (w.append?.length) {
    // The server picks the row (after its last row with data): safe against a concurrent append.
    const dated = w.append.some((line) => line.some((v) => v instanceof Date));
    out.push({
      appendCells: {
        sheetId: id,
        rows: w.append.map((line) => ({ values: line.map((v) => cellData(v, dated)) })),
        fields: dated ? "userEnteredValue,userEnteredFormat.numberFormat" : "userEnteredValue",
      },
    });
  }
  const props: sheets_v4.Schema$SheetProperties = { sheetId: id };
  const fields: string[] = [];
  if (w.frozenRows !== undefined) {
    props.gridProperties = { frozenRowCount: w.frozenRows };
    fields.push("gridProperties.frozenRowCount");
    s.frozenRowCount = w.frozenRows;
  }
  if (w.hidden !== undefined) {
    props.hidden = w.hidden;
    fields.push("hidden");
    s.hidden = w.hidden;
  }
  if (fields.length) out.push({ updateSheetProperties: { properties: props, fields: fields.join(",") } });
  for (const v of w.validations ?? [])
    out.push({ setDataValidation: { range: gridRange(id, v.range), rule: validationRule(v) } });
  for (const bg of w.backgrounds ?? [])
    out.push({
      repeatCell: {
        range: gridRange(id, bg.range),
        cell: { userEnteredFormat: bg.color ? { backgroundColor: color(bg.color) } : {} },
        fields: "userEnteredFormat.backgroundColor",
      },
    });
  if (w.boldRows)
    out.push({
      repeatCell: {
        range: { sheetId: id, startRowIndex: 0, endRowIndex: w.boldRows },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: "userEnteredFormat.textFormat.bold",
      },
    });
  if (w.protection) out.push(...protect(s, w.protection));
  return out;
}

/**
 * The same protections as the SpreadsheetApp path: `rows` protects the header rows (editable by
 * the owner and the user running the program), `editors` the whole sheet (editable by them
 * besides the owner); a write may ask for both. An existing protection of the same range is
 * updated, never doubled.
 */
function protect(s: SheetInfo, p: NonNullable<SheetWrite["protection"]>): Request[] {
  const out: Request[] = [];
  if (p.rows) {
    const r = protectRange(
      s,
      { sheetId: s.sheetId, startRowIndex: 0, endRowIndex: p.rows },
      [],
      p.description,
    );
    if (r) out.push(r);
  }
  if (p.editors) {
    const r = protectRange(s, { sheetId: s.sheetId }, p.editors, p.description);
    if (r) out.push(r);
  }
  return out;
}

function protectRange(
  s: SheetInfo,
  range: GridRange,
  editors: readonly string[],
  description: string | undefined,
): Request | undefined {
  // Nobody edits through the domain: only the listed people (and the owner, who always can).
  const body: sheets_v4.Schema$ProtectedRange = {
    range,
    warningOnly: false,
    editors: { users: [...editors], domainUsersCanEdit: false },
  };
  const fields = ["warningOnly", "editors"];
  if (description !== undefined) {
    body.description = description;
    fields.push("description");
  }
  const existing = s.protectedRanges.find((x) => sameRange(x.range, range));
  if (existing?.protectedRangeId !== undefined) {
    const { range: _r, ...rest } = body;
    return {
      updateProtectedRange: {
        protectedRange: { protectedRangeId: existing.protectedRangeId, ...rest },
        fields: fields.join(","),
      },
    };
  }
  if (existing) return undefined; // already being added by this batch
  s.protectedRanges.push({ range });
  return { addProtectedRange: { protectedRange: body } };
}

/**
 * All writes as one list of requests for one batchUpdate: addSheet for missing sheets
 * first (sheetIds chosen here), then grid growth for positions beyond the current size,
 * then each write in order. Throws (before anything is sent) on a missing sheet without
 * `create`, a bad colour or an invalid Date.
 *
 * A plan that fits one batchUpdate body (~2 MB) is sent as that one atomic body. A larger one
 * (the monthly summary of a 2,000-student school is ~9 MB of CellData) is cut into bodies
 * anyway, so it is no longer atomic; then the value-only blocks of the last write to each
 * sheet (no formulas, no appends after them) go as spreadsheets.values.batchUpdate RAW
 * instead: `0` instead of `{"userEnteredValue":{"numberValue":0}}`, about a third of the
 * bytes, so fewer round trips. Only the last write to a sheet: values are applied after the
 * batch, and nothing of the batch may come after them on that sheet.
 */
export function planSheetWrites(
  writes: readonly SheetWrite[],
  before: readonly SheetInfo[],
  maxBytes = REQUEST_BYTES,
): SheetPlan {
  const atomic = planRequests(writes, before, false);
  if (requestBytes(atomic.requests) <= maxBytes) return atomic;
  return planRequests(writes, before, true);
}

function requestBytes(requests: readonly Request[]): number {
  let n = 0;
  for (const r of requests) {
    n += utf8Bytes(JSON.stringify(r)) + 1;
    if (n > REQUEST_BYTES * 64) break;
  }
  return n;
}

/** The writes each of which is the last to its sheet and appends nothing. */
function lastWrites(writes: readonly SheetWrite[]): Set<SheetWrite> {
  const last = new Map<string, SheetWrite>();
  for (const w of writes) last.set(w.sheet, w);
  return new Set([...last.values()].filter((w) => !w.append?.length));
}

function planRequests(
  writes: readonly SheetWrite[],
  before: readonly SheetInfo[],
  compact: boolean,
): SheetPlan {
  const sheets = before.map((s) => ({ ...s, protectedRanges: s.protectedRanges.map((p) => ({ ...p })) }));
  const byTitle = new Map(sheets.map((s) => [s.title, s]));
  let nextId = Math.max(-1, ...sheets.map((s) => s.sheetId)) + 1;
  const created: SheetInfo[] = [];
  const need = new Map<SheetInfo, { rows: number; cols: number; appended: number }>();
  for (const w of writes) {
    let s = byTitle.get(w.sheet);
    if (!s) {
      if (!w.create) throw new Error(`No sheet ${w.sheet}`);
      s = {
        sheetId: nextId++,
        title: w.sheet,
        hidden: false,
        rowCount: 0,
        columnCount: 0,
        frozenRowCount: 0,
        protectedRanges: [],
      };
      sheets.push(s);
      byTitle.set(w.sheet, s);
      created.push(s);
    }
    const e = writeExtent(w);
    const n = need.get(s) ?? { rows: 0, cols: 0, appended: 0 };
    need.set(s, {
      rows: Math.max(n.rows, e.rows),
      cols: Math.max(n.cols, e.cols),
      appended: n.appended + (w.append?.length ?? 0),
    });
  }
  const requests: Request[] = [];
  for (const s of created) {
    // A new sheet holds its blocks and its appended rows (appendCells adds rows past the grid
    // on an existing sheet, but sizing the new one to them leaves the margin below the data).
    const n = need.get(s)!;
    const grid = sizedGrid(n.rows + n.appended, n.cols);
    s.rowCount = grid.rows;
    s.columnCount = grid.cols;
    requests.push({
      addSheet: {
        properties: {
          sheetId: s.sheetId,
          title: s.title,
          gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount },
        },
      },
    });
  }
  for (const [s, n] of need) {
    if (n.rows > s.rowCount) {
      requests.push({
        appendDimension: { sheetId: s.sheetId, dimension: "ROWS", length: n.rows - s.rowCount },
      });
      s.rowCount = n.rows;
    }
    if (n.cols > s.columnCount) {
      requests.push({
        appendDimension: { sheetId: s.sheetId, dimension: "COLUMNS", length: n.cols - s.columnCount },
      });
      s.columnCount = n.cols;
    }
  }
  const values: ValueBlock[] = [];
  const movable = compact ? lastWrites(writes) : new Set<SheetWrite>();
  for (const w of writes)
    requests.push(...sheetRequests(byTitle.get(w.sheet)!, w, movable.has(w) ? values : undefined));
  return { requests, values, sheets };
}

/** The requests alone (see planSheetWrites). */
export function sheetWritesToRequests(batch: readonly SheetWrite[], sheets: readonly SheetInfo[]): Request[] {
  return planSheetWrites(batch, sheets).requests;
}
