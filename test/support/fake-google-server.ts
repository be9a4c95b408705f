/**
 * A small local stand-in for the Google REST APIs the Node adapters use, so googleapis
 * itself is exercised offline: point a client at it with `rootUrl: fake.url`.
 *
 * Sheets v4: GET spreadsheets/{id} (field masks honoured, grid data included when the
 * mask or includeGridData asks), GET values:batchGet, POST :batchUpdate (applied to a copy
 * and committed only when every request succeeds, as Google does; grid limits enforced),
 * POST values:batchUpdate (RAW only).
 * Docs v1: create, get, batchUpdate over a plain-text body (insertText, deleteContentRange,
 * replaceAllText, insertPageBreak; style requests are range-checked and recorded; tables
 * and images answer 400 so a renderer that needs them extends this first).
 * Drive v3: files create (metadata or multipart upload), get, update, list with the
 * common `q` clauses, delete, permissions.create.
 * OAuth: POST /token hands out access tokens for a refresh token, and for a service account's
 * signed JWT (the JWT bearer grant, verified with the account's registered public key; see
 * service-account-grant.ts), optionally as a Workspace user through domain-wide delegation.
 * Every request needs a Bearer token. failNext(status, count) answers the next requests
 * with Google's error shape; loseNextReply() applies the next write and loses its answer.
 * Limits: a request body over 2 MB and a spreadsheet over 10 M cells are refused (limits.ts).
 * The fake computes no formulas: a formula's value is its text.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import type { CellValue } from "../../src/core/cells.js";
import { checkCellLimit, checkRequestSize, type FakeLimits } from "./fake-google-limits.js";
import {
  type FakePrincipal,
  type GrantRegistry,
  jwtGrant,
  type ServiceAccountSeed,
} from "./service-account-grant.js";

type CellData = sheets_v4.Schema$CellData;
type GridRange = sheets_v4.Schema$GridRange;

export interface FakeSheet {
  properties: sheets_v4.Schema$SheetProperties & { gridProperties: sheets_v4.Schema$GridProperties };
  /** rows[r][c], 0-based; holes are empty cells. */
  rows: CellData[][];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
}

export interface FakeSpreadsheet {
  spreadsheetId: string;
  properties: { title: string; locale: string; timeZone: string };
  sheets: FakeSheet[];
  nextProtectedRangeId: number;
  /** Spreadsheet-level developer metadata (createDeveloperMetadata with location.spreadsheet). */
  developerMetadata?: sheets_v4.Schema$DeveloperMetadata[];
  lastMetadataId?: number;
}

export interface FakeDocument {
  documentId: string;
  title: string;
  /** Body text; always ends with the final "\n". Body index i is text[i - 1]. */
  text: string;
  revision: number;
  /** Every request applied, in order (styles included). */
  requests: Record<string, unknown>[];
}

export interface FakeFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  appProperties: Record<string, string>;
  description?: string;
  /** Uploaded media, if any. */
  content?: Buffer;
  permissions: { id: string; role: string; type: string; emailAddress?: string }[];
}

export interface FakeState {
  spreadsheets: Map<string, FakeSpreadsheet>;
  documents: Map<string, FakeDocument>;
  files: Map<string, FakeFile>;
  /** Access tokens handed out by /token. */
  tokens: string[];
  /** Who each handed-out access token acts as. */
  principals: Map<string, FakePrincipal>;
}

export interface FakeCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
}

export interface FakeGoogle {
  /** Root URL for googleapis, ending in "/". */
  url: string;
  state: FakeState;
  /** Every HTTP request received, in order. */
  calls: FakeCall[];
  /** Answer the next `count` API requests (not /token) with this HTTP error. */
  failNext(status: number, count?: number, reason?: string, only?: RegExp): void;
  /**
   * Apply the next `count` writes (POST …:batchUpdate) and lose their replies: the client
   * sees a 503 ("503") or a connection reset ("reset"), as when a reply is lost on the way.
   */
  loseNextReply(how?: "503" | "reset", count?: number): void;
  /** A service account whose signed JWTs /token accepts (public key in PEM). */
  addServiceAccount(seed: ServiceAccountSeed): void;
  /** Who the bearer token of a request acts as (undefined: a token this fake did not hand out). */
  whoIs(authorization: string | undefined): FakePrincipal | undefined;
  /** Refusal thresholds (bytes a request body, cells a spreadsheet); tests may lower them. */
  limits: FakeLimits;
  /** The largest request body received, in bytes. */
  largestRequestBytes(): number;
  /** A spreadsheet with these sheets and values (Dates get a DATE number format, like typed dates). */
  seedSpreadsheet(id: string, sheets: Record<string, CellValue[][]>, title?: string): FakeSpreadsheet;
  /** A sheet's raw cells, for assertions. */
  sheet(id: string, title: string): FakeSheet;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

const clone = <T>(v: T): T => structuredClone(v);

// ---------- field masks ("a.b(c,d),e") ----------

type Mask = Map<string, Mask | true>;

function mergeMask(m: Mask, key: string, v: Mask | true): void {
  const e = m.get(key);
  if (e === undefined) m.set(key, v);
  else if (e === true) return;
  else if (v === true) m.set(key, true);
  else for (const [k, x] of v) mergeMask(e, k, x);
}

export function parseMask(s: string): Mask {
  let i = 0;
  const list = (): Mask => {
    const m: Mask = new Map();
    for (;;) {
      const names: string[] = [];
      for (;;) {
        const start = i;
        while (i < s.length && /[A-Za-z0-9_*]/.test(s[i])) i++;
        if (i === start) throw new HttpError(400, `Invalid field selection at ${i}: ${s}`);
        names.push(s.slice(start, i));
        if (s[i] !== ".") break;
        i++;
      }
      let leaf: Mask | true = true;
      if (s[i] === "(") {
        i++;
        leaf = list();
        if (s[i] !== ")") throw new HttpError(400, `Invalid field selection: ${s}`);
        i++;
      }
      let sub: Mask | true = leaf;
      for (let k = names.length - 1; k > 0; k--) sub = new Map([[names[k], sub]]);
      mergeMask(m, names[0], sub);
      if (s[i] !== ",") return m;
      i++;
    }
  };
  const m = list();
  if (i !== s.length) throw new HttpError(400, `Invalid field selection: ${s}`);
  return m;
}

function applyMask(v: unknown, m: Mask): unknown {
  if (Array.isArray(v)) return v.map((x) => applyMask(x, m));
  if (v === null || typeof v !== "object" || m.has("*")) return v;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of m) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = sub === true ? x : applyMask(x, sub);
  }
  return out;
}

/** Set (or clear, when the source lacks it) each dotted path of an update mask. */
function applyUpdateMask(dst: Record<string, unknown>, src: Record<string, unknown>, fields: string): void {
  if (fields.trim() === "*") {
    for (const k of Object.keys(dst)) delete dst[k];
    Object.assign(dst, clone(src));
    return;
  }
  for (const path of fields.split(",").map((f) => f.trim())) {
    if (!path || !/^[A-Za-z0-9_.]+$/.test(path)) throw new HttpError(400, `Invalid field mask: ${fields}`);
    const keys = path.split(".");
    let s: unknown = src;
    for (const k of keys) s = s && typeof s === "object" ? (s as Record<string, unknown>)[k] : undefined;
    let d = dst;
    const trail: [Record<string, unknown>, string][] = [];
    for (const k of keys.slice(0, -1)) {
      if (typeof d[k] !== "object" || d[k] === null) {
        if (s === undefined) break;
        d[k] = {};
      }
      trail.push([d, k]);
      d = d[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (trail.length === keys.length - 1) {
      if (s === undefined) delete d[last];
      else d[last] = clone(s);
    }
    // Drop parents left empty by a clear.
    for (let t = trail.length - 1; t >= 0; t--) {
      const [parent, k] = trail[t];
      if (Object.keys(parent[k] as object).length === 0) delete parent[k];
    }
  }
}

// ---------- Sheets ----------

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

function typed(v: CellValue): CellData {
  if (v === null) return {};
  if (typeof v === "string") return { userEnteredValue: { stringValue: v } };
  if (typeof v === "number") return { userEnteredValue: { numberValue: v } };
  if (typeof v === "boolean") return { userEnteredValue: { boolValue: v } };
  return {
    userEnteredValue: { numberValue: (v.getTime() - SERIAL_EPOCH) / 86_400_000 },
    userEnteredFormat: { numberFormat: { type: "DATE", pattern: "dd.mm.yyyy" } },
  };
}

/** What Sheets derives from what was entered (no formula engine here). */
function settle(c: CellData): void {
  const u = c.userEnteredValue;
  if (u?.formulaValue) c.effectiveValue = { stringValue: u.formulaValue };
  else if (u && Object.keys(u).length) c.effectiveValue = clone(u);
  else delete c.effectiveValue;
  if (c.userEnteredFormat && Object.keys(c.userEnteredFormat).length)
    c.effectiveFormat = clone(c.userEnteredFormat);
  else delete c.effectiveFormat;
  if (c.userEnteredValue && !Object.keys(c.userEnteredValue).length) delete c.userEnteredValue;
}

const hasData = (c: CellData | undefined) => Boolean(c && Object.keys(c).length);

function findSheet(book: FakeSpreadsheet, sheetId: number | null | undefined): FakeSheet {
  const s = book.sheets.find((x) => (x.properties.sheetId ?? 0) === (sheetId ?? 0));
  if (!s) throw new HttpError(400, `No grid with id: ${sheetId ?? 0}`);
  return s;
}

function bounds(sheet: FakeSheet, r: GridRange): { r0: number; r1: number; c0: number; c1: number } {
  const g = sheet.properties.gridProperties;
  const b = {
    r0: r.startRowIndex ?? 0,
    r1: r.endRowIndex ?? g.rowCount ?? 0,
    c0: r.startColumnIndex ?? 0,
    c1: r.endColumnIndex ?? g.columnCount ?? 0,
  };
  checkGrid(sheet, b.r1 - 1, b.c1 - 1);
  if (b.r0 > b.r1 || b.c0 > b.c1 || b.r0 < 0 || b.c0 < 0) throw new HttpError(400, "Invalid range");
  return b;
}

function checkGrid(sheet: FakeSheet, row: number, col: number): void {
  const g = sheet.properties.gridProperties;
  if (row >= (g.rowCount ?? 0) || col >= (g.columnCount ?? 0))
    throw new HttpError(
      400,
      `Range ('${sheet.properties.title}'!R${row + 1}C${col + 1}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
}

function cellAt(sheet: FakeSheet, row: number, col: number): CellData {
  checkGrid(sheet, row, col);
  sheet.rows[row] ??= [];
  const line = sheet.rows[row];
  line[col] ??= {};
  return line[col];
}

function writeCell(sheet: FakeSheet, row: number, col: number, src: CellData, fields: string): void {
  const c = cellAt(sheet, row, col);
  applyUpdateMask(c as Record<string, unknown>, src as Record<string, unknown>, fields);
  settle(c);
}

function lastDataRow(sheet: FakeSheet): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--)
    if ((sheet.rows[r] ?? []).some((c) => c?.userEnteredValue)) return r;
  return -1;
}

function requireFields(fields: string | null | undefined, kind: string): string {
  if (!fields) throw new HttpError(400, `Invalid ${kind}: fields is required`);
  return fields;
}

type Reply = sheets_v4.Schema$Response;

/**
 * values:batchUpdate with valueInputOption RAW: strings stored as given (never a formula),
 * numbers and booleans as such, "" an empty cell, null skipped; a value outside its range or
 * the grid fails the whole call.
 */
function applyValues(book: FakeSpreadsheet, body: sheets_v4.Schema$BatchUpdateValuesRequest): number {
  if (body.valueInputOption !== "RAW")
    throw new HttpError(400, `Invalid valueInputOption: ${body.valueInputOption ?? "unspecified"}`);
  let n = 0;
  for (const vr of body.data ?? []) {
    const r = parseA1(String(vr.range));
    const sheet = book.sheets.find((x) => x.properties.title === r.title);
    if (!sheet) throw new HttpError(400, `Unable to parse range: ${vr.range}`);
    (vr.values ?? []).forEach((line: unknown[], i) => {
      line.forEach((v, j) => {
        const row = r.r0 + i;
        const col = r.c0 + j;
        if (row >= (r.r1 ?? Number.POSITIVE_INFINITY) || col >= (r.c1 ?? Number.POSITIVE_INFINITY))
          throw new HttpError(
            400,
            `Requested writing within range [${vr.range}], but tried writing to row [${row + 1}]`,
          );
        if (v === null || v === undefined) return;
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
          throw new HttpError(400, `Invalid value at data.values[${i}][${j}]`);
        writeCell(sheet, row, col, v === "" ? {} : typed(v), "userEnteredValue");
        n++;
      });
    });
  }
  return n;
}

function applySheetRequest(book: FakeSpreadsheet, req: sheets_v4.Schema$Request): Reply {
  const kinds = Object.keys(req);
  if (kinds.length !== 1) throw new HttpError(400, "Each request must set exactly one kind");
  const meta = developerMetadataRequest(book, req);
  if (meta) return meta;
  if (req.addSheet) {
    const p = clone(req.addSheet.properties ?? {});
    if (!p.title) throw new HttpError(400, "addSheet needs a title");
    if (book.sheets.some((s) => s.properties.title === p.title))
      throw new HttpError(
        400,
        `A sheet with the name "${p.title}" already exists. Please enter another name.`,
      );
    if (p.sheetId != null && book.sheets.some((s) => s.properties.sheetId === p.sheetId))
      throw new HttpError(400, `A sheet with the id ${p.sheetId} already exists`);
    p.sheetId ??= 1 + Math.max(0, ...book.sheets.map((s) => s.properties.sheetId ?? 0)) + 1000;
    const gridProperties = { rowCount: 1000, columnCount: 26, ...p.gridProperties };
    const index = Math.min(p.index ?? book.sheets.length, book.sheets.length);
    const sheet: FakeSheet = {
      properties: { ...p, index, sheetType: "GRID", gridProperties },
      rows: [],
      protectedRanges: [],
    };
    book.sheets.splice(index, 0, sheet);
    book.sheets.forEach((s, i) => {
      s.properties.index = i;
    });
    return { addSheet: { properties: clone(sheet.properties) } };
  }
  if (req.deleteSheet) {
    const s = findSheet(book, req.deleteSheet.sheetId);
    book.sheets.splice(book.sheets.indexOf(s), 1);
    book.sheets.forEach((x, i) => {
      x.properties.index = i;
    });
    return {};
  }
  if (req.updateSheetProperties) {
    const u = req.updateSheetProperties;
    const s = findSheet(book, u.properties?.sheetId);
    const fields = requireFields(u.fields, "updateSheetProperties");
    const next = clone(s.properties);
    applyUpdateMask(
      next as unknown as Record<string, unknown>,
      (u.properties ?? {}) as Record<string, unknown>,
      fields,
    );
    const g = next.gridProperties ?? {};
    if ((g.frozenRowCount ?? 0) >= (g.rowCount ?? 0))
      throw new HttpError(400, "You can't freeze all visible rows on the sheet.");
    s.properties = { ...next, gridProperties: g };
    return {};
  }
  if (req.appendDimension) {
    const a = req.appendDimension;
    const s = findSheet(book, a.sheetId);
    const n = a.length ?? 0;
    if (n <= 0) throw new HttpError(400, "appendDimension length must be positive");
    const g = s.properties.gridProperties;
    if (a.dimension === "ROWS") g.rowCount = (g.rowCount ?? 0) + n;
    else if (a.dimension === "COLUMNS") g.columnCount = (g.columnCount ?? 0) + n;
    else throw new HttpError(400, "appendDimension needs ROWS or COLUMNS");
    return {};
  }
  if (req.updateCells) {
    const u = req.updateCells;
    const fields = requireFields(u.fields, "updateCells");
    const rows = u.rows ?? [];
    if (u.start) {
      const s = findSheet(book, u.start.sheetId);
      rows.forEach((line, i) => {
        (line.values ?? []).forEach((c, j) => {
          writeCell(s, (u.start?.rowIndex ?? 0) + i, (u.start?.columnIndex ?? 0) + j, c, fields);
        });
      });
    } else if (u.range) {
      const s = findSheet(book, u.range.sheetId);
      const b = bounds(s, u.range);
      for (let r = b.r0; r < b.r1; r++)
        for (let c = b.c0; c < b.c1; c++) {
          const src = rows[r - b.r0]?.values?.[c - b.c0] ?? {};
          if (hasData(src) || hasData(s.rows[r]?.[c])) writeCell(s, r, c, src, fields);
        }
    } else throw new HttpError(400, "updateCells needs start or range");
    return {};
  }
  if (req.appendCells) {
    const a = req.appendCells;
    const s = findSheet(book, a.sheetId);
    const fields = requireFields(a.fields, "appendCells");
    const g = s.properties.gridProperties;
    const start = lastDataRow(s) + 1;
    const rows = a.rows ?? [];
    g.rowCount = Math.max(g.rowCount ?? 0, start + rows.length);
    rows.forEach((line, i) => {
      (line.values ?? []).forEach((c, j) => {
        writeCell(s, start + i, j, c, fields);
      });
    });
    return {};
  }
  if (req.repeatCell) {
    const rc = req.repeatCell;
    const s = findSheet(book, rc.range?.sheetId);
    const fields = requireFields(rc.fields, "repeatCell");
    const b = bounds(s, rc.range ?? {});
    for (let r = b.r0; r < b.r1; r++)
      for (let c = b.c0; c < b.c1; c++) writeCell(s, r, c, rc.cell ?? {}, fields);
    return {};
  }
  if (req.setDataValidation) {
    const v = req.setDataValidation;
    const s = findSheet(book, v.range?.sheetId);
    const b = bounds(s, v.range ?? {});
    for (let r = b.r0; r < b.r1; r++)
      for (let c = b.c0; c < b.c1; c++) {
        const cell = cellAt(s, r, c);
        if (v.rule) cell.dataValidation = clone(v.rule);
        else delete cell.dataValidation;
      }
    return {};
  }
  if (req.addProtectedRange) {
    const p = clone(req.addProtectedRange.protectedRange ?? {});
    const s = findSheet(book, p.range?.sheetId);
    if (p.range) bounds(s, p.range);
    if (p.warningOnly && p.editors)
      throw new HttpError(400, "Editors are not supported with warningOnly protection");
    p.protectedRangeId = book.nextProtectedRangeId++;
    s.protectedRanges.push(p);
    return { addProtectedRange: { protectedRange: clone(p) } };
  }
  if (req.updateProtectedRange) {
    const u = req.updateProtectedRange;
    const id = u.protectedRange?.protectedRangeId;
    const p = book.sheets.flatMap((s) => s.protectedRanges).find((x) => x.protectedRangeId === id);
    if (!p) throw new HttpError(400, `No protected range with id: ${id}`);
    applyUpdateMask(
      p as Record<string, unknown>,
      (u.protectedRange ?? {}) as Record<string, unknown>,
      requireFields(u.fields, "updateProtectedRange"),
    );
    return {};
  }
  if (req.deleteProtectedRange) {
    const id = req.deleteProtectedRange.protectedRangeId;
    const s = book.sheets.find((x) => x.protectedRanges.some((p) => p.protectedRangeId === id));
    if (!s) throw new HttpError(400, `No protected range with id: ${id}`);
    s.protectedRanges = s.protectedRanges.filter((p) => p.protectedRangeId !== id);
    return {};
  }
  if (req.deleteRange) {
    const d = req.deleteRange;
    const s = findSheet(book, d.range?.sheetId);
    const b = bounds(s, d.range ?? {});
    if (d.shiftDimension === "ROWS") {
      for (let c = b.c0; c < b.c1; c++) {
        const column = s.rows.map((line) => line?.[c]);
        column.splice(b.r0, b.r1 - b.r0);
        for (let r = 0; r < s.rows.length; r++) if (s.rows[r]) s.rows[r][c] = column[r] ?? {};
      }
    } else if (d.shiftDimension === "COLUMNS") {
      for (const line of s.rows) if (line) line.splice(b.c0, b.c1 - b.c0);
    } else throw new HttpError(400, "deleteRange needs shiftDimension ROWS or COLUMNS");
    return {};
  }
  if (req.deleteDimension) {
    const r = req.deleteDimension.range ?? {};
    const s = findSheet(book, r.sheetId);
    const g = s.properties.gridProperties;
    const i0 = r.startIndex ?? 0;
    const n = (r.endIndex ?? 0) - i0;
    if (r.dimension === "ROWS") {
      s.rows.splice(i0, n);
      g.rowCount = (g.rowCount ?? 0) - n;
    } else {
      for (const line of s.rows) if (line) line.splice(i0, n);
      g.columnCount = (g.columnCount ?? 0) - n;
    }
    return {};
  }
  throw new HttpError(400, `Unsupported request kind in the fake: ${kinds[0]}`);
}

/**
 * Spreadsheet-level developer metadata only (the location the CLI's write marker uses).
 * Google: "CreateDeveloperMetadataRequest … DeveloperMetadataLocation.spreadsheet: True when
 * metadata is associated with an entire spreadsheet"; DeleteDeveloperMetadataRequest deletes
 * the entries its dataFilter matches.
 */
function developerMetadataRequest(book: FakeSpreadsheet, req: sheets_v4.Schema$Request): Reply | undefined {
  if (req.createDeveloperMetadata) {
    const m = clone(req.createDeveloperMetadata.developerMetadata ?? {});
    if (!m.metadataKey) throw new HttpError(400, "developerMetadata.metadataKey is required");
    if (!m.location?.spreadsheet) throw new HttpError(400, "The fake keeps spreadsheet-level metadata only");
    if (!m.visibility) throw new HttpError(400, "developerMetadata.visibility is required");
    book.developerMetadata ??= [];
    const list = book.developerMetadata;
    // IDs are never reused, as Google's are unique per spreadsheet.
    book.lastMetadataId = Math.max(book.lastMetadataId ?? 0, ...list.map((x) => x.metadataId ?? 0));
    m.metadataId ??= ++book.lastMetadataId;
    if (list.some((x) => x.metadataId === m.metadataId))
      throw new HttpError(400, `Developer metadata with id ${m.metadataId} already exists`);
    m.location = { locationType: "SPREADSHEET", spreadsheet: true };
    list.push(m);
    return { createDeveloperMetadata: { developerMetadata: clone(m) } };
  }
  if (req.deleteDeveloperMetadata) {
    const lookup = req.deleteDeveloperMetadata.dataFilter?.developerMetadataLookup;
    if (!lookup) throw new HttpError(400, "deleteDeveloperMetadata needs a developerMetadataLookup");
    const hit = (x: sheets_v4.Schema$DeveloperMetadata) =>
      (lookup.metadataKey == null || x.metadataKey === lookup.metadataKey) &&
      (lookup.metadataId == null || x.metadataId === lookup.metadataId);
    const gone = (book.developerMetadata ?? []).filter(hit);
    // Strict where Google's reference is silent: a delete by an ID that matches nothing fails.
    if (lookup.metadataId != null && gone.length === 0)
      throw new HttpError(400, `No developer metadata with id ${lookup.metadataId}`);
    book.developerMetadata = (book.developerMetadata ?? []).filter((x) => !hit(x));
    return { deleteDeveloperMetadata: { deletedDeveloperMetadata: gone } };
  }
  return undefined;
}

function gridData(sheet: FakeSheet): sheets_v4.Schema$GridData[] {
  let height = sheet.rows.length;
  while (height > 0 && !(sheet.rows[height - 1] ?? []).some(hasData)) height--;
  const rowData: sheets_v4.Schema$RowData[] = [];
  for (let r = 0; r < height; r++) {
    const line = sheet.rows[r] ?? [];
    let width = line.length;
    while (width > 0 && !hasData(line[width - 1])) width--;
    rowData.push(width ? { values: Array.from({ length: width }, (_, c) => clone(line[c] ?? {})) } : {});
  }
  return [{ rowData }];
}

function spreadsheetJson(book: FakeSpreadsheet, withData: boolean): sheets_v4.Schema$Spreadsheet {
  return {
    spreadsheetId: book.spreadsheetId,
    properties: clone(book.properties),
    ...(book.developerMetadata?.length ? { developerMetadata: clone(book.developerMetadata) } : {}),
    sheets: book.sheets.map((s) => ({
      properties: clone(s.properties),
      ...(s.protectedRanges.length ? { protectedRanges: clone(s.protectedRanges) } : {}),
      ...(withData ? { data: gridData(s) } : {}),
    })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.spreadsheetId}/edit`,
  };
}

function parseA1(range: string): { title: string; r0: number; c0: number; r1?: number; c1?: number } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))(?:!([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?)?$/.exec(range);
  if (!m) throw new HttpError(400, `Unable to parse range: ${range}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const title = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  if (!m[3]) return { title, r0: 0, c0: 0 };
  const r0 = Number(m[4]) - 1;
  const c0 = col(m[3]);
  return m[5]
    ? { title, r0, c0, r1: Number(m[6]), c1: col(m[5]) + 1 }
    : { title, r0, c0, r1: r0 + 1, c1: c0 + 1 };
}

function renderValue(c: CellData | undefined, option: string): unknown {
  if (option === "FORMULA" && c?.userEnteredValue?.formulaValue) return c.userEnteredValue.formulaValue;
  const v = c?.effectiveValue;
  if (!v) return "";
  const raw = v.stringValue ?? v.numberValue ?? v.boolValue ?? (v.errorValue ? "#ERROR!" : "");
  return option === "UNFORMATTED_VALUE" || option === "FORMULA" ? raw : String(raw);
}

function batchGet(book: FakeSpreadsheet, query: URLSearchParams): unknown {
  const option = query.get("valueRenderOption") ?? "FORMATTED_VALUE";
  const valueRanges = query.getAll("ranges").map((range) => {
    const a = parseA1(range);
    const s = book.sheets.find((x) => x.properties.title === a.title);
    if (!s) throw new HttpError(400, `Unable to parse range: ${range}`);
    const r1 = Math.min(a.r1 ?? s.rows.length, s.rows.length);
    const values: unknown[][] = [];
    for (let r = a.r0; r < r1; r++) {
      const line = s.rows[r] ?? [];
      const c1 = Math.min(a.c1 ?? line.length, line.length);
      const out: unknown[] = [];
      for (let c = a.c0; c < c1; c++) out.push(renderValue(line[c], option));
      while (out.length && out[out.length - 1] === "") out.pop();
      values.push(out);
    }
    while (values.length && !values[values.length - 1].length) values.pop();
    return { range, majorDimension: "ROWS", ...(values.length ? { values } : {}) };
  });
  return { spreadsheetId: book.spreadsheetId, valueRanges };
}

// ---------- Docs ----------

function documentJson(d: FakeDocument): unknown {
  const content: unknown[] = [{ endIndex: 1, sectionBreak: { sectionStyle: {} } }];
  let index = 1;
  for (const line of d.text.match(/[^\n]*\n/g) ?? []) {
    const end = index + line.length;
    content.push({
      startIndex: index,
      endIndex: end,
      paragraph: {
        elements: [{ startIndex: index, endIndex: end, textRun: { content: line, textStyle: {} } }],
        paragraphStyle: { namedStyleType: "NORMAL_TEXT" },
      },
    });
    index = end;
  }
  return { documentId: d.documentId, title: d.title, revisionId: `rev-${d.revision}`, body: { content } };
}

function applyDocRequest(d: FakeDocument, req: Record<string, unknown>): unknown {
  const kind = Object.keys(req)[0];
  const r = req[kind] as Record<string, unknown>;
  const end = d.text.length; // body index of the final "\n"
  const checkRange = (range: unknown, max = end + 1) => {
    const { startIndex, endIndex } = (range ?? {}) as { startIndex?: number; endIndex?: number };
    if (
      startIndex === undefined ||
      endIndex === undefined ||
      startIndex < 1 ||
      endIndex > max ||
      startIndex >= endIndex
    )
      throw new HttpError(400, `Invalid range ${startIndex}..${endIndex} (document body ends at ${end + 1})`);
    return { startIndex, endIndex };
  };
  const at = (): number => {
    if (r.endOfSegmentLocation) return end;
    const i = (r.location as { index?: number } | undefined)?.index;
    if (i === undefined || i < 1 || i > end)
      throw new HttpError(400, `Index ${i} must be inside the document body (1..${end})`);
    return i;
  };
  switch (kind) {
    case "insertText": {
      const i = at();
      d.text = d.text.slice(0, i - 1) + String(r.text ?? "") + d.text.slice(i - 1);
      return {};
    }
    case "insertPageBreak": {
      const i = at();
      d.text = `${d.text.slice(0, i - 1)}\f${d.text.slice(i - 1)}`;
      return {};
    }
    case "deleteContentRange": {
      const { startIndex, endIndex } = checkRange(r.range, end);
      d.text = d.text.slice(0, startIndex - 1) + d.text.slice(endIndex - 1);
      return {};
    }
    case "replaceAllText": {
      const c = r.containsText as { text: string; matchCase?: boolean };
      const re = new RegExp(c.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), c.matchCase ? "g" : "gi");
      const body = d.text.slice(0, -1);
      const n = body.match(re)?.length ?? 0;
      d.text = `${body.replace(re, () => String(r.replaceText ?? ""))}\n`;
      return { replaceAllText: { occurrencesChanged: n } };
    }
    case "updateTextStyle":
    case "updateParagraphStyle":
    case "createParagraphBullets":
    case "deleteParagraphBullets":
      checkRange(r.range);
      return {};
    default:
      throw new HttpError(400, `Unsupported request kind in the fake: ${kind}`);
  }
}

// ---------- Drive ----------

/** What a Drive `q` can test (the Docs server's items have these too). */
export type Queryable = Pick<FakeFile, "name" | "mimeType" | "parents" | "trashed" | "appProperties">;

export function driveQuery(q: string): (f: Queryable) => boolean {
  const tests: ((f: Queryable) => boolean)[] = [];
  const str = String.raw`'((?:[^'\\]|\\.)*)'`;
  const unq = (s: string) => s.replace(/\\(.)/g, "$1");
  const clauses: [RegExp, (m: RegExpExecArray) => (f: Queryable) => boolean][] = [
    [new RegExp(`^name\\s*(=|!=|contains)\\s*${str}`), (m) => (f) => cmp(f.name, m[1], unq(m[2]))],
    [new RegExp(`^mimeType\\s*(=|!=|contains)\\s*${str}`), (m) => (f) => cmp(f.mimeType, m[1], unq(m[2]))],
    [new RegExp(`^${str}\\s+in\\s+parents`), (m) => (f) => f.parents.includes(unq(m[1]))],
    [/^trashed\s*=\s*(true|false)/, (m) => (f) => f.trashed === (m[1] === "true")],
    [
      new RegExp(`^appProperties\\s+has\\s*\\{\\s*key\\s*=\\s*${str}\\s+and\\s+value\\s*=\\s*${str}\\s*\\}`),
      (m) => (f) => f.appProperties[unq(m[1])] === unq(m[2]),
    ],
  ];
  let rest = q.trim();
  while (rest) {
    const hit = clauses.map(([re, mk]) => [re.exec(rest), mk] as const).find(([m]) => m);
    if (!hit?.[0]) throw new HttpError(400, `Invalid Value: the fake does not understand q near: ${rest}`);
    tests.push(hit[1](hit[0]));
    rest = rest.slice(hit[0][0].length).trim();
    if (rest && !/^and\s/i.test(rest))
      throw new HttpError(400, `Invalid Value: expected "and" near: ${rest}`);
    rest = rest.replace(/^and\s+/i, "");
  }
  return (f) => tests.every((t) => t(f));
}

function cmp(a: string, op: string, b: string): boolean {
  return op === "=" ? a === b : op === "!=" ? a !== b : a.toLowerCase().includes(b.toLowerCase());
}

function fileJson(f: FakeFile): Record<string, unknown> {
  return {
    kind: "drive#file",
    id: f.id,
    name: f.name,
    mimeType: f.mimeType,
    parents: [...f.parents],
    trashed: f.trashed,
    appProperties: { ...f.appProperties },
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.content ? { size: String(f.content.length) } : {}),
    webViewLink: `https://drive.google.com/file/d/${f.id}/view`,
  };
}

function multipart(body: Buffer, contentType: string): { meta: Record<string, unknown>; media?: Buffer } {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return { meta: {}, media: body };
  const parts = body
    .toString("latin1")
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const cut = p.indexOf("\r\n\r\n");
      return Buffer.from(p.slice(cut + 4).replace(/\r\n$/, ""), "latin1");
    });
  return { meta: JSON.parse(parts[0]?.toString("utf8") || "{}"), media: parts[1] };
}

// ---------- server ----------

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const state: FakeState = {
    spreadsheets: new Map(),
    documents: new Map(),
    files: new Map(),
    tokens: [],
    principals: new Map(),
  };
  const calls: FakeCall[] = [];
  /** Canned failures; one with `only` waits for a request whose "METHOD path" matches. */
  const failures: { status: number; reason?: string; only?: RegExp }[] = [];
  const nextFailure = (line: string) => {
    const i = failures.findIndex((f) => !f.only || f.only.test(line));
    return i < 0 ? undefined : failures.splice(i, 1)[0];
  };
  const lost: ("503" | "reset")[] = [];
  const limits: FakeLimits = { requestBytes: 2 * 1024 * 1024, cells: 10_000_000 };
  let largest = 0;
  const grants: GrantRegistry = { accounts: new Map() };
  let serial = 0;
  const nextId = (prefix: string) => `${prefix}-${++serial}`;

  const newSpreadsheet = (id: string, title: string): FakeSpreadsheet => {
    const book: FakeSpreadsheet = {
      spreadsheetId: id,
      properties: { title, locale: "ru_RU", timeZone: "Europe/Moscow" },
      sheets: [],
      nextProtectedRangeId: 1_000_001,
    };
    state.spreadsheets.set(id, book);
    return book;
  };

  const book = (id: string) => {
    const b = state.spreadsheets.get(id);
    if (!b) throw new HttpError(404, "Requested entity was not found.");
    return b;
  };

  const handle = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    raw: Buffer,
    ct: string,
  ) => {
    /** The decoded id when method and path match the route. */
    const route = (verb: string, re: RegExp): string | undefined => {
      const x = method === verb ? re.exec(path) : null;
      return x ? decodeURIComponent(x[1] ?? "") : undefined;
    };
    let id: string | undefined;
    const fields = query.get("fields");
    const masked = (v: unknown) => (fields ? applyMask(v, parseMask(fields)) : v);
    // Sheets
    id = route("GET", /^\/v4\/spreadsheets\/([^/:]+)$/);
    if (id !== undefined) {
      const b = book(id);
      return masked(spreadsheetJson(b, Boolean(fields) || query.get("includeGridData") === "true"));
    }
    id = route("GET", /^\/v4\/spreadsheets\/([^/:]+)\/values:batchGet$/);
    if (id !== undefined) return masked(batchGet(book(id), query));
    id = route("POST", /^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/);
    if (id !== undefined) {
      const b = book(id);
      const work = clone(b);
      const requests = ((body as { requests?: sheets_v4.Schema$Request[] }).requests ??
        []) as sheets_v4.Schema$Request[];
      const replies = requests.map((req, i) => {
        try {
          const reply = applySheetRequest(work, req);
          const over = checkCellLimit(work.sheets, limits.cells);
          if (over) throw new HttpError(400, over);
          return reply;
        } catch (e) {
          if (e instanceof HttpError) throw new HttpError(e.status, `Invalid requests[${i}]: ${e.message}`);
          throw e;
        }
      });
      state.spreadsheets.set(b.spreadsheetId, work);
      return { spreadsheetId: b.spreadsheetId, replies };
    }
    id = route("POST", /^\/v4\/spreadsheets\/([^/:]+)\/values:batchUpdate$/);
    if (id !== undefined) {
      const b = book(id);
      const work = clone(b);
      const totalUpdatedCells = applyValues(work, body as sheets_v4.Schema$BatchUpdateValuesRequest);
      state.spreadsheets.set(b.spreadsheetId, work);
      return { spreadsheetId: b.spreadsheetId, totalUpdatedCells };
    }
    if (path === "/v4/spreadsheets" && method === "POST") {
      const b = newSpreadsheet(
        nextId("sheet"),
        (body as { properties?: { title?: string } }).properties?.title ?? "",
      );
      applySheetRequest(b, { addSheet: { properties: { title: "Sheet1", sheetId: 0 } } });
      return masked(spreadsheetJson(b, false));
    }
    // Docs
    if (path === "/v1/documents" && method === "POST") {
      const d: FakeDocument = {
        documentId: nextId("doc"),
        title: String((body as { title?: string }).title ?? ""),
        text: "\n",
        revision: 1,
        requests: [],
      };
      state.documents.set(d.documentId, d);
      return masked(documentJson(d));
    }
    id = route("GET", /^\/v1\/documents\/([^/:]+)$/);
    if (id !== undefined) {
      const d = state.documents.get(id);
      if (!d) throw new HttpError(404, "Requested entity was not found.");
      return masked(documentJson(d));
    }
    id = route("POST", /^\/v1\/documents\/([^/:]+):batchUpdate$/);
    if (id !== undefined) {
      const d = state.documents.get(id);
      if (!d) throw new HttpError(404, "Requested entity was not found.");
      const work = clone(d);
      const requests = ((body as { requests?: Record<string, unknown>[] }).requests ?? []) as Record<
        string,
        unknown
      >[];
      const replies = requests.map((req, i) => {
        try {
          work.requests.push(clone(req));
          return applyDocRequest(work, req);
        } catch (e) {
          if (e instanceof HttpError) throw new HttpError(e.status, `Invalid requests[${i}]: ${e.message}`);
          throw e;
        }
      });
      work.revision++;
      state.documents.set(d.documentId, work);
      return {
        documentId: d.documentId,
        replies,
        writeControl: { requiredRevisionId: `rev-${work.revision}` },
      };
    }
    // Drive
    const upload = path.startsWith("/upload/");
    const drivePath = upload ? path.slice("/upload".length) : path;
    if (drivePath === "/drive/v3/files" && method === "POST") {
      const { meta, media } = upload
        ? multipart(raw, ct)
        : { meta: body as Record<string, unknown>, media: undefined };
      const f: FakeFile = {
        id: nextId("file"),
        name: String(meta.name ?? "Untitled"),
        mimeType: String(meta.mimeType ?? (media ? "application/octet-stream" : "application/octet-stream")),
        parents: (meta.parents as string[] | undefined) ?? ["root"],
        trashed: false,
        appProperties: { ...(meta.appProperties as Record<string, string> | undefined) },
        description: meta.description as string | undefined,
        content: media,
        permissions: [],
      };
      state.files.set(f.id, f);
      // A Google Doc or Sheet made through Drive exists for its own API too.
      if (f.mimeType === "application/vnd.google-apps.document")
        state.documents.set(f.id, { documentId: f.id, title: f.name, text: "\n", revision: 1, requests: [] });
      if (f.mimeType === "application/vnd.google-apps.spreadsheet")
        applySheetRequest(newSpreadsheet(f.id, f.name), {
          addSheet: { properties: { title: "Sheet1", sheetId: 0 } },
        });
      return fields
        ? masked(fileJson(f))
        : { kind: "drive#file", id: f.id, name: f.name, mimeType: f.mimeType };
    }
    const fileId = /^\/drive\/v3\/files\/([^/]+)$/.exec(drivePath)?.[1];
    if (fileId !== undefined) {
      const f = state.files.get(decodeURIComponent(fileId));
      if (!f) throw new HttpError(404, `File not found: ${decodeURIComponent(fileId)}.`, "notFound");
      if (method === "GET") return masked(fileJson(f));
      if (method === "DELETE") {
        state.files.delete(f.id);
        return undefined;
      }
      if (method === "PATCH") {
        const meta = upload ? multipart(raw, ct).meta : ((body ?? {}) as Record<string, unknown>);
        if (upload) f.content = multipart(raw, ct).media;
        if (typeof meta.name === "string") f.name = meta.name;
        if (typeof meta.description === "string") f.description = meta.description;
        if (typeof meta.trashed === "boolean") f.trashed = meta.trashed;
        if (meta.appProperties) Object.assign(f.appProperties, meta.appProperties);
        const add = query.get("addParents")?.split(",").filter(Boolean) ?? [];
        const remove = new Set(query.get("removeParents")?.split(",").filter(Boolean) ?? []);
        f.parents = [
          ...f.parents.filter((p) => !remove.has(p)),
          ...add.filter((p) => !f.parents.includes(p)),
        ];
        return fields
          ? masked(fileJson(f))
          : { kind: "drive#file", id: f.id, name: f.name, mimeType: f.mimeType };
      }
    }
    if (drivePath === "/drive/v3/files" && method === "GET") {
      const q = query.get("q");
      const keep = q ? driveQuery(q) : () => true;
      const files = [...state.files.values()].filter(keep).map(fileJson);
      return masked({ kind: "drive#fileList", files });
    }
    id = route("POST", /^\/drive\/v3\/files\/([^/]+)\/permissions$/);
    if (id !== undefined) {
      const f = state.files.get(id);
      if (!f) throw new HttpError(404, `File not found: ${id}.`, "notFound");
      const b = body as { role?: string; type?: string; emailAddress?: string };
      if (!b.role || !b.type) throw new HttpError(400, "role and type are required");
      const p = { id: nextId("perm"), role: b.role, type: b.type, emailAddress: b.emailAddress };
      f.permissions.push(p);
      return masked({ kind: "drive#permission", ...p });
    }
    throw new HttpError(404, `The fake has no route for ${method} ${path}`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      const ct = req.headers["content-type"] ?? "";
      let body: unknown;
      if (ct.includes("json") && raw.length) body = JSON.parse(raw.toString("utf8"));
      else if (ct.includes("x-www-form-urlencoded"))
        body = Object.fromEntries(new URLSearchParams(raw.toString()));
      const call: FakeCall = { method, path: u.pathname, query: u.searchParams, body, status: 200 };
      calls.push(call);
      const send = (status: number, payload: unknown) => {
        call.status = status;
        res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
        res.end(payload === undefined ? "" : JSON.stringify(payload));
      };
      const fail = (e: HttpError) =>
        send(e.status, {
          error: {
            code: e.status,
            message: e.message,
            status: STATUS[e.status] ?? "UNKNOWN",
            errors: [
              { message: e.message, domain: "global", reason: e.reason ?? STATUS[e.status] ?? "unknown" },
            ],
          },
        });
      if (u.pathname === "/token" && method === "POST") {
        const f = body as Record<string, string> | undefined;
        let who: FakePrincipal;
        if (f?.grant_type === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
          const g = jwtGrant(grants, f.assertion ?? "");
          if ("error" in g) return send(g.status, { error: g.error, error_description: g.description });
          who = g;
        } else if (f?.grant_type === "refresh_token" && f.refresh_token)
          who = { email: "teacher@school.example", serviceAccount: false, scopes: [] };
        else return send(400, { error: "invalid_grant", error_description: "Bad Request" });
        const token = nextId("access");
        state.tokens.push(token);
        state.principals.set(token, who);
        return send(200, { access_token: token, expires_in: 3599, token_type: "Bearer" });
      }
      largest = Math.max(largest, raw.length);
      const tooBig = checkRequestSize(raw.length, limits.requestBytes);
      if (tooBig) return fail(new HttpError(400, tooBig, "badRequest"));
      const failure = nextFailure(`${method} ${u.pathname}`);
      if (failure)
        return fail(new HttpError(failure.status, `Canned failure ${failure.status}`, failure.reason));
      if (!/^Bearer \S+/.test(req.headers.authorization ?? ""))
        return fail(new HttpError(401, "Request is missing required authentication credential."));
      try {
        const answer = handle(method, u.pathname, u.searchParams, body ?? {}, raw, ct);
        const lose = method === "POST" && u.pathname.endsWith(":batchUpdate") ? lost.shift() : undefined;
        if (lose === "reset") return req.socket.destroy();
        if (lose === "503") return fail(new HttpError(503, "The service is currently unavailable."));
        send(200, answer);
      } catch (e) {
        if (e instanceof HttpError) fail(e);
        else send(500, { error: { code: 500, message: String(e), status: "INTERNAL" } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    state,
    calls,
    failNext(status, count = 1, reason, only) {
      for (let i = 0; i < count; i++) failures.push({ status, reason, only });
    },
    loseNextReply(how = "503", count = 1) {
      for (let i = 0; i < count; i++) lost.push(how);
    },
    addServiceAccount(seed) {
      grants.accounts.set(seed.email, seed);
    },
    whoIs(authorization) {
      const token = /^Bearer (\S+)/.exec(authorization ?? "")?.[1];
      return token ? state.principals.get(token) : undefined;
    },
    limits,
    largestRequestBytes: () => largest,
    seedSpreadsheet(id, sheets, title = id) {
      const b = newSpreadsheet(id, title);
      Object.entries(sheets).forEach(([name, values], index) => {
        const cols = Math.max(0, ...values.map((r) => r.length));
        const sheet: FakeSheet = {
          properties: {
            sheetId: index === 0 ? 0 : 100 + index,
            title: name,
            index,
            sheetType: "GRID",
            gridProperties: { rowCount: Math.max(1000, values.length), columnCount: Math.max(26, cols) },
          },
          rows: values.map((r) =>
            r.map((v) => {
              const c = typed(v);
              settle(c);
              return c;
            }),
          ),
          protectedRanges: [],
        };
        b.sheets.push(sheet);
      });
      return b;
    },
    sheet(id, title) {
      const s = book(id).sheets.find((x) => x.properties.title === title);
      if (!s) throw new Error(`No sheet ${title} in ${id}`);
      return s;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
