/**
 * Fake Sheets advanced service (Sheets API v4, `Sheets` in appsscript.json) over the same fake
 * spreadsheet SpreadsheetApp sees: spreadsheets.get and getByDataFilter (the POST form Google
 * advises when many ranges would overflow a GET URL) return sheet properties and, with grid
 * data, per cell the effective value and its number-format type, as the REST API does.
 * Field masks are not applied: the fake returns every field the project asks for.
 */
import { type Cell, WallTime } from "./cells.js";
import { countCalls } from "./counter.js";
import type { FakeDriveApp } from "./drive-app.js";
import type { FakeEnv } from "./env.js";
import type { FakeProtection } from "./protection.js";
import type { FakeSheet } from "./sheet.js";
import { applyBatch, applyValues, protectionId } from "./sheets-batch.js";
import { FakeSpreadsheet, type FakeSpreadsheetApp } from "./spreadsheet.js";

export const SHEET_MIME = "application/vnd.google-apps.spreadsheet";

const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

type Json = Record<string, unknown>;

function numberFormatType(cell: Cell, wall: number): string {
  const nf = cell.nf ?? "";
  const date = /[dy]/i.test(nf);
  const time = /[hs]/i.test(nf);
  if (date && time) return "DATE_TIME";
  if (date) return "DATE";
  if (time) return "TIME";
  if (wall >= EPOCH && wall < EPOCH + DAY) return "TIME";
  return wall % DAY === 0 ? "DATE" : "DATE_TIME";
}

function cellData(cell: Cell | undefined, evaluate: (f: string) => unknown): Json {
  if (!cell) return {};
  const v = cell.f !== undefined ? (cell.fv ?? evaluate(cell.f)) : cell.v;
  if (v === null || v === undefined || v === "") return {};
  if (v instanceof WallTime)
    return {
      effectiveValue: { numberValue: (v.wall - EPOCH) / DAY },
      effectiveFormat: { numberFormat: { type: numberFormatType(cell, v.wall) } },
    };
  if (typeof v === "number") return { effectiveValue: { numberValue: v } };
  if (typeof v === "boolean") return { effectiveValue: { boolValue: v } };
  return { effectiveValue: { stringValue: String(v) } };
}

function properties(s: FakeSheet): Json {
  return {
    sheetId: s.id,
    title: s.name,
    index: s.parent.sheets.indexOf(s),
    hidden: s.hidden,
    gridProperties: { rowCount: s.maxRows, columnCount: s.maxCols, frozenRowCount: s.frozenRows },
  };
}

function protectedRange(s: FakeSheet, p: FakeProtection): Json {
  const range: Json = { sheetId: s.id };
  if (p.type === "RANGE" && p.rect) {
    range.startRowIndex = p.rect.row - 1;
    range.endRowIndex = p.rect.row - 1 + p.rect.rows;
    // A band of rows from the top (the program's header) has no column bounds, as the API
    // reports a whole-row range; the fake's rect keeps the width it had when made.
    if (!(p.rect.col === 1 && p.rect.row === 1)) {
      range.startColumnIndex = p.rect.col - 1;
      range.endColumnIndex = p.rect.col - 1 + p.rect.cols;
    }
  }
  return {
    protectedRangeId: protectionId(p),
    range,
    description: p.description,
    warningOnly: p.warningOnly,
    editors: { users: [...p.editors], domainUsersCanEdit: p.domainEdit },
  };
}

/** "'Журнал G01'" or "Журнал G01!A1:B2" -> the sheet title. */
function titleOfRange(a1: string): string {
  const bang = a1.lastIndexOf("!");
  const name = bang < 0 ? a1 : a1.slice(0, bang);
  return name.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
}

export class FakeSheetsSpreadsheets {
  readonly Values: FakeSheetsValues;
  /** The Drive the created spreadsheets are filed in (set by createFakes): sharing goes through it. */
  drive: FakeDriveApp | null = null;

  constructor(
    readonly env: FakeEnv,
    private readonly app: FakeSpreadsheetApp,
  ) {
    this.Values = new FakeSheetsValues(env, (call, id) => this._file(call, id));
  }

  /**
   * spreadsheets.create: a new file in the running user's Drive, made by this app (so the
   * Drive API sees it under drive.file), with the sheets asked for (else one «Лист1»).
   */
  create(resource: {
    properties?: { title?: string; locale?: string; timeZone?: string };
    sheets?: { properties?: { title?: string } }[];
  }): Json {
    const titles = (resource?.sheets ?? []).map((s) => String(s.properties?.title ?? ""));
    const ss = new FakeSpreadsheet(this.env, {
      name: resource?.properties?.title ?? "Untitled spreadsheet",
      locale: resource?.properties?.locale,
      timeZone: resource?.properties?.timeZone,
      ...(titles.length ? { sheets: Object.fromEntries(titles.map((t) => [t, []])) } : {}),
    });
    this.app.files.set(ss.id, ss);
    if (this.drive) {
      this.drive.items.set(ss.id, {
        id: ss.id,
        name: ss.name,
        mimeType: SHEET_MIME,
        parents: ["root"],
        trashed: false,
        owner: this.env.effectiveUser,
        viewers: [],
        editors: [],
      });
      this.drive.madeByApp.add(ss.id);
    }
    return {
      spreadsheetId: ss.id,
      properties: { title: ss.name },
      sheets: ss.sheets.map((s) => this._sheet(s, false)),
    };
  }

  /** The bound spreadsheet, or another one the user may open (e.g. picked with the Picker). */
  private _file(call: string, id: string): FakeSpreadsheet {
    const ss = this.app.activeFile?.id === id ? this.app.activeFile : this.app.files.get(id);
    if (!ss)
      throw new Error(
        `GoogleJsonResponseException: API call to ${call} failed with error: Requested entity was not found.`,
      );
    return ss;
  }

  private _sheet(s: FakeSheet, withData: boolean): Json {
    const out: Json = {
      properties: properties(s),
      protectedRanges: s.protections.map((p) => protectedRange(s, p)),
    };
    if (!withData) return out;
    const rows = s._lastRow();
    const cols = s._lastCol();
    const rowData = Array.from({ length: rows }, (_, i) => ({
      values: Array.from({ length: cols }, (_, j) => cellData(s._cell(i + 1, j + 1), this.env.evaluate)),
    }));
    out.data = [{ startRow: 0, startColumn: 0, rowData }];
    return out;
  }

  get(spreadsheetId: string, optionalArgs: { fields?: string; includeGridData?: boolean } = {}): Json {
    const ss = this._file("sheets.spreadsheets.get", spreadsheetId);
    const withData = Boolean(optionalArgs.includeGridData) || /\bdata\b/.test(optionalArgs.fields ?? "");
    return {
      spreadsheetId,
      properties: { title: ss.name, timeZone: ss.timeZone, locale: ss.locale },
      sheets: ss.sheets.map((s) => this._sheet(s, withData)),
    };
  }

  /** Every request in order, all or nothing (the API applies a batch atomically). */
  batchUpdate(resource: { requests?: Json[] }, spreadsheetId: string): Json {
    const ss = this._file("sheets.spreadsheets.batchUpdate", spreadsheetId);
    return { spreadsheetId, replies: applyBatch(this.env, ss, resource?.requests ?? []) };
  }

  getByDataFilter(
    resource: { dataFilters?: { a1Range?: string }[]; includeGridData?: boolean },
    spreadsheetId: string,
    _optionalArgs?: { fields?: string },
  ): Json {
    const ss = this._file("sheets.spreadsheets.getByDataFilter", spreadsheetId);
    const wanted = new Set((resource?.dataFilters ?? []).map((f) => titleOfRange(String(f.a1Range ?? ""))));
    for (const name of wanted)
      if (!ss.sheets.some((s) => s.name === name))
        throw new Error(
          `GoogleJsonResponseException: API call to sheets.spreadsheets.getByDataFilter failed with error: Unable to parse range: ${name}`,
        );
    // Every sheet comes back; only the filtered ones carry data (as the API does).
    return {
      spreadsheetId,
      properties: { title: ss.name },
      sheets: ss.sheets.map((s) => this._sheet(s, Boolean(resource?.includeGridData) && wanted.has(s.name))),
    };
  }
}
countCalls(FakeSheetsSpreadsheets, "Sheets.Spreadsheets");

/** spreadsheets.values, as far as the project uses it: batchUpdate (RAW). */
export class FakeSheetsValues {
  constructor(
    readonly env: FakeEnv,
    private readonly file: (call: string, id: string) => FakeSpreadsheet,
  ) {}

  batchUpdate(resource: Json, spreadsheetId: string): Json {
    const ss = this.file("sheets.spreadsheets.values.batchUpdate", spreadsheetId);
    return { spreadsheetId, ...applyValues(ss, resource) };
  }
}
countCalls(FakeSheetsValues, "Sheets.Spreadsheets.Values");

export class FakeSheetsService {
  readonly Spreadsheets: FakeSheetsSpreadsheets;
  constructor(env: FakeEnv, app: FakeSpreadsheetApp) {
    this.Spreadsheets = new FakeSheetsSpreadsheets(env, app);
  }
}
