/**
 * spreadsheets.batchUpdate of the fake Sheets advanced service, applied to the same fake sheets
 * SpreadsheetApp sees: the requests the project's builder (src/google/sheets-requests.ts) makes.
 * Like the API, the batch is checked first and applied all or nothing; sizes follow Google's
 * limits (10 M cells, 50,000 characters a cell, writes inside the grid only).
 */
import { CELL_TEXT_LIMIT, type Cell, WallTime } from "./cells.js";
import type { FakeEnv } from "./env.js";
import type { FakeProtection } from "./protection.js";
import { FakeSheet } from "./sheet.js";
import type { FakeSpreadsheet } from "./spreadsheet.js";
import { FakeDataValidation } from "./validation.js";

// biome-ignore lint/suspicious/noExplicitAny: REST JSON of many shapes
type Json = Record<string, any>;

const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);
const DATE_PATTERN = /[dy]|h{1,2}:m/i;

const ids = new WeakMap<FakeProtection, number>();
let nextId = 1;
/** A protection's protectedRangeId, stable for the fake's life. */
export function protectionId(p: FakeProtection): number {
  let id = ids.get(p);
  if (id === undefined) {
    id = nextId++;
    ids.set(p, id);
  }
  return id;
}

export function apiError(message: string): Error {
  return new Error(
    `GoogleJsonResponseException: API call to sheets.spreadsheets.batchUpdate failed with error: ${message}`,
  );
}

function sheetOf(ss: FakeSpreadsheet, id: unknown): FakeSheet {
  const s = ss.sheets.find((x) => x.id === id);
  if (!s) throw apiError(`No grid with id: ${String(id)}`);
  return s;
}

/** A GridRange as 1-based rows/cols, open ends to the grid's edge. */
function rect(s: FakeSheet, r: Json) {
  const r0 = r.startRowIndex ?? 0;
  const c0 = r.startColumnIndex ?? 0;
  const r1 = r.endRowIndex ?? s.maxRows;
  const c1 = r.endColumnIndex ?? s.maxCols;
  if (r1 > s.maxRows || c1 > s.maxCols)
    throw apiError(
      `Range ('${s.name}'!R${r1}C${c1}) exceeds grid limits. Max rows: ${s.maxRows}, max columns: ${s.maxCols}`,
    );
  return { r0, c0, r1, c1 };
}

function forEachCell(s: FakeSheet, range: Json, fn: (c: Cell) => void): void {
  const { r0, c0, r1, c1 } = rect(s, range);
  for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) fn(s._cell(i + 1, j + 1, true)!);
}

/** A number shown with a date format is a date to SpreadsheetApp: keep the fake's model one. */
function settle(c: Cell): void {
  if (typeof c.v === "number" && c.nf && DATE_PATTERN.test(c.nf))
    c.v = new WallTime(EPOCH + Math.round(c.v * DAY));
  if (c.v instanceof WallTime && c.nf && !DATE_PATTERN.test(c.nf)) c.v = (c.v.wall - EPOCH) / DAY;
}

function hex(c: Json | undefined): string | undefined {
  if (!c || (c.red === undefined && c.green === undefined && c.blue === undefined)) return undefined;
  const p = (x: number | undefined) =>
    Math.round((x ?? 0) * 255)
      .toString(16)
      .padStart(2, "0");
  const h = `#${p(c.red)}${p(c.green)}${p(c.blue)}`;
  return h === "#ffffff" ? undefined : h;
}

function setValue(c: Cell, v: Json | undefined): void {
  delete c.f;
  delete c.fv;
  if (!v) c.v = null;
  else if (typeof v.formulaValue === "string") {
    c.f = v.formulaValue;
    c.v = null;
  } else if (typeof v.stringValue === "string") {
    if (v.stringValue.length > CELL_TEXT_LIMIT)
      throw apiError(
        `Your input contains more than the maximum of ${CELL_TEXT_LIMIT} characters in a single cell.`,
      );
    c.v = v.stringValue === "" ? null : v.stringValue;
  } else if (typeof v.numberValue === "number") c.v = v.numberValue;
  else if (typeof v.boolValue === "boolean") c.v = v.boolValue;
  else c.v = null;
}

function applyFormat(c: Cell, f: Json | undefined, fields: string): void {
  if (fields.includes("userEnteredFormat.numberFormat") || fields === "userEnteredFormat") {
    if (f?.numberFormat?.pattern) c.nf = f.numberFormat.pattern;
    else delete c.nf;
  }
  if (fields.includes("userEnteredFormat.backgroundColor")) c.bg = hex(f?.backgroundColor);
  if (fields.includes("userEnteredFormat.textFormat.bold")) c.fw = f?.textFormat?.bold ? "bold" : undefined;
}

function writeCell(c: Cell, data: Json, fields: string): void {
  if (fields.includes("userEnteredValue")) setValue(c, data.userEnteredValue);
  applyFormat(c, data.userEnteredFormat, fields);
  if (fields.includes("dataValidation") && !data.dataValidation) delete c.dv;
  settle(c);
}

function updateCells(ss: FakeSpreadsheet, u: Json): void {
  const fields = String(u.fields ?? "");
  if (u.range) {
    const s = sheetOf(ss, u.range.sheetId);
    forEachCell(s, u.range, (c) => writeCell(c, {}, fields));
    return;
  }
  const s = sheetOf(ss, u.start.sheetId);
  (u.rows ?? []).forEach((row: Json, i: number) => {
    (row.values ?? []).forEach((data: Json, j: number) => {
      const r = (u.start.rowIndex ?? 0) + i + 1;
      const col = (u.start.columnIndex ?? 0) + j + 1;
      if (r > s.maxRows || col > s.maxCols)
        throw apiError(
          `Range ('${s.name}'!R${r}C${col}) exceeds grid limits. Max rows: ${s.maxRows}, max columns: ${s.maxCols}`,
        );
      writeCell(s._cell(r, col, true)!, data, fields);
    });
  });
}

function validation(env: FakeEnv, rule: Json): FakeDataValidation {
  const cond = rule.condition ?? {};
  const values = (cond.values ?? []).map((v: Json) => v.userEnteredValue);
  const isList = cond.type === "ONE_OF_LIST";
  return new FakeDataValidation(env, {
    type: isList ? "VALUE_IN_LIST" : "CUSTOM_FORMULA",
    values: isList ? [values, Boolean(rule.showCustomUi)] : values,
    allowInvalid: !rule.strict,
    helpText: rule.inputMessage ?? null,
  });
}

function protect(env: FakeEnv, ss: FakeSpreadsheet, body: Json): FakeProtection {
  const s = sheetOf(ss, body.range?.sheetId);
  const whole = body.range.startRowIndex === undefined && body.range.endRowIndex === undefined;
  // Internals only: the batchUpdate itself is the one round trip, not a Sheet.protect() call.
  const p = whole
    ? (s.protections.find((x) => x.type === "SHEET") ?? s._addProtection("SHEET", null))
    : s._addProtection("RANGE", { row: 1, col: 1, rows: body.range.endRowIndex, cols: s.maxCols });
  configure(env, p, body);
  return p;
}

function configure(env: FakeEnv, p: FakeProtection, body: Json): void {
  if (body.description !== undefined) p.description = body.description;
  if (body.warningOnly !== undefined) p.warningOnly = Boolean(body.warningOnly);
  // The owner and the user making the request always keep edit rights (as with SpreadsheetApp).
  const users: string[] = body.editors?.users ?? [];
  p.editors = new Set([env.owner, env.effectiveUser, ...users]);
  p.domainEdit = Boolean(body.editors?.domainUsersCanEdit);
}

/** One request; its reply as the API gives it (a new protected range carries its id). */
function one(env: FakeEnv, ss: FakeSpreadsheet, r: Json): Json {
  if (r.addProtectedRange) {
    const body = r.addProtectedRange.protectedRange;
    const p = protect(env, ss, body);
    return { addProtectedRange: { protectedRange: { ...body, protectedRangeId: protectionId(p) } } };
  }
  if (r.addSheet) {
    applyOne(env, ss, r);
    return { addSheet: { properties: r.addSheet.properties } };
  }
  applyOne(env, ss, r);
  return {};
}

function applyOne(env: FakeEnv, ss: FakeSpreadsheet, r: Json): void {
  if (r.addSheet) {
    const p = r.addSheet.properties ?? {};
    const g = p.gridProperties ?? {};
    const rows = g.rowCount ?? 1000;
    const cols = g.columnCount ?? 26;
    ss._checkCells(rows * cols);
    if (ss.sheets.some((s) => s.name === p.title))
      throw apiError(`A sheet with the name "${p.title}" already exists. Please enter another name.`);
    const sheet = new FakeSheet(env, ss, p.title, p.sheetId ?? ss.sheets.length + 1);
    sheet.maxRows = rows;
    sheet.maxCols = cols;
    ss.sheets.splice(p.index ?? ss.sheets.length, 0, sheet);
  } else if (r.appendDimension) {
    const a = r.appendDimension;
    const s = sheetOf(ss, a.sheetId);
    if (a.dimension === "ROWS") {
      ss._checkCells(a.length * s.maxCols);
      s.maxRows += a.length;
    } else {
      ss._checkCells(a.length * s.maxRows);
      s.maxCols += a.length;
    }
  } else if (r.updateCells) updateCells(ss, r.updateCells);
  else if (r.appendCells) {
    const a = r.appendCells;
    const s = sheetOf(ss, a.sheetId);
    const start = s._lastRow();
    const rows: Json[] = a.rows ?? [];
    const width = Math.max(0, ...rows.map((x) => (x.values ?? []).length));
    const grow = Math.max(0, start + rows.length - s.maxRows);
    ss._checkCells(grow * s.maxCols + Math.max(0, width - s.maxCols) * (s.maxRows + grow));
    s.maxRows += grow;
    s.maxCols = Math.max(s.maxCols, width);
    updateCells(ss, {
      start: { sheetId: a.sheetId, rowIndex: start, columnIndex: 0 },
      rows,
      fields: a.fields,
    });
  } else if (r.repeatCell) {
    const c = r.repeatCell;
    forEachCell(sheetOf(ss, c.range.sheetId), c.range, (cell) =>
      writeCell(cell, c.cell ?? {}, String(c.fields)),
    );
  } else if (r.updateSheetProperties) {
    const { properties: p, fields } = r.updateSheetProperties;
    const s = sheetOf(ss, p.sheetId);
    if (String(fields).includes("frozenRowCount")) {
      const n = p.gridProperties?.frozenRowCount ?? 0;
      if (n >= s.maxRows) throw apiError("You can't freeze all visible rows on the sheet.");
      s.frozenRows = n;
    }
    if (String(fields).includes("hidden")) s.hidden = Boolean(p.hidden);
  } else if (r.setDataValidation) {
    const v = r.setDataValidation;
    const rule = v.rule ? validation(env, v.rule) : undefined;
    forEachCell(sheetOf(ss, v.range.sheetId), v.range, (c) => {
      if (rule) c.dv = rule;
      else delete c.dv;
    });
  } else if (r.updateProtectedRange) {
    const body = r.updateProtectedRange.protectedRange;
    const p = ss.sheets.flatMap((s) => s.protections).find((x) => protectionId(x) === body.protectedRangeId);
    if (!p) throw apiError(`No protected range with id: ${body.protectedRangeId}`);
    configure(env, p, body);
  } else throw apiError(`fake: request not modelled: ${Object.keys(r).join(",")}`);
}

/** All or nothing: a failing request leaves the grids as they were (cells copied, not deep-cloned). */
export function applyBatch(env: FakeEnv, ss: FakeSpreadsheet, requests: readonly Json[]): Json[] {
  const replies: Json[] = [];
  atomically(ss, () => {
    for (const r of requests) replies.push(one(env, ss, r));
  });
  return replies;
}

function atomically(ss: FakeSpreadsheet, apply: () => void): void {
  const before = [...ss.sheets];
  const saved = before.map((s) => ({
    grid: s.grid.map((row) => row.map((c) => (c ? { ...c } : c))),
    rows: s.maxRows,
    cols: s.maxCols,
    frozen: s.frozenRows,
    hidden: s.hidden,
  }));
  try {
    apply();
  } catch (e) {
    ss.sheets.splice(0, ss.sheets.length, ...before);
    before.forEach((s, i) => {
      const b = saved[i];
      s.grid.splice(0, s.grid.length, ...b.grid);
      s.maxRows = b.rows;
      s.maxCols = b.cols;
      s.frozenRows = b.frozen;
      s.hidden = b.hidden;
    });
    throw e;
  }
}

const valuesError = (message: string) =>
  new Error(
    `GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchUpdate failed with error: ${message}`,
  );

/** "'Сводная 2026-10'!A1:C9" -> title and 1-based bounds (open end when only a start cell). */
function parseRange(range: string): { title: string; r0: number; c0: number; r1?: number; c1?: number } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m) throw valuesError(`Unable to parse range: ${range}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return {
    title: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2],
    r0: Number(m[4]),
    c0: col(m[3]),
    r1: m[6] ? Number(m[6]) : undefined,
    c1: m[5] ? col(m[5]) : undefined,
  };
}

/**
 * spreadsheets.values.batchUpdate: RAW stores strings as given (never a formula), numbers and
 * booleans as such, "" as an empty cell; null skips a cell (Google: ValueRange, "null values
 * will be skipped"). Values outside the range or the grid fail the whole call.
 */
export function applyValues(ss: FakeSpreadsheet, body: Json): Json {
  const option = body?.valueInputOption;
  if (option !== "RAW" && option !== "USER_ENTERED")
    throw valuesError("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
  if (option !== "RAW") throw valuesError("fake: only RAW is modelled");
  let cells = 0;
  atomically(ss, () => {
    for (const vr of (body.data ?? []) as Json[]) {
      const r = parseRange(String(vr.range));
      const s = ss.sheets.find((x) => x.name === r.title);
      if (!s) throw valuesError(`Unable to parse range: ${vr.range}`);
      (vr.values ?? []).forEach((line: unknown[], i: number) => {
        line.forEach((v, j) => {
          const row = r.r0 + i;
          const col = r.c0 + j;
          if ((r.r1 !== undefined && row > r.r1) || (r.c1 !== undefined && col > r.c1))
            throw valuesError(
              `Requested writing within range [${vr.range}], but tried writing to row [${row}]`,
            );
          if (row > s.maxRows || col > s.maxCols)
            throw valuesError(
              `Range ('${s.name}'!R${row}C${col}) exceeds grid limits. Max rows: ${s.maxRows}, max columns: ${s.maxCols}`,
            );
          if (v === null || v === undefined) return;
          const c = s._cell(row, col, true)!;
          if (typeof v === "string") setValue(c, { stringValue: v });
          else if (typeof v === "number") setValue(c, { numberValue: v });
          else if (typeof v === "boolean") setValue(c, { boolValue: v });
          else throw valuesError(`Invalid value at data[].values[${i}][${j}]`);
          settle(c);
          cells++;
        });
      });
    }
  });
  return { totalUpdatedCells: cells };
}
