/** Fake SpreadsheetApp and Spreadsheet: tabs, ids, time zone, locale, toasts, the Ui. */
import type { SeedValue } from "./cells.js";
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";
import { type FakeProtection, FakeUser, ProtectionType, type ProtectionTypeValue } from "./protection.js";
import type { FakeRange } from "./range.js";
import { FakeSheet } from "./sheet.js";
import { FakeUi } from "./ui.js";
import { DataValidationCriteria, FakeDataValidationBuilder } from "./validation.js";

export interface SpreadsheetOptions {
  id?: string;
  name?: string;
  /** Default Europe/Moscow. */
  timeZone?: string;
  /** Default ru_RU. */
  locale?: string;
  /** Tabs in order with their contents (Dates are what the user sees: UTC fields = wall time). */
  sheets?: Record<string, readonly (readonly SeedValue[])[]>;
  /** Other editors of the file (the owner always is one). */
  editors?: readonly string[];
}

/**
 * "Up to 10 million cells or 18,278 columns for spreadsheets created in or converted to Google
 * Sheets" (Google Drive help, files you can store): every cell of the grid counts, blank or not.
 */
export const CELL_LIMIT = 10_000_000;
/** insertSheet() makes 1000 rows × 26 columns. */
const NEW_SHEET_CELLS = 1000 * 26;

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  active!: FakeSheet;
  timeZone: string;
  locale: string;
  name: string;
  readonly id: string;
  readonly editors: string[];
  readonly toasts: { message: string; title: string; timeoutSeconds: number }[] = [];
  private sheetSeq = 0;

  constructor(
    readonly env: FakeEnv,
    opts: SpreadsheetOptions = {},
  ) {
    this.id = opts.id ?? env.nextId("fake-spreadsheet-");
    this.name = opts.name ?? "Школа";
    this.timeZone = opts.timeZone ?? "Europe/Moscow";
    this.locale = opts.locale ?? "ru_RU";
    this.editors = [...new Set([env.owner, ...(opts.editors ?? [])])];
    const seeds = Object.entries(opts.sheets ?? {});
    if (seeds.length === 0) seeds.push([this.locale.startsWith("ru") ? "Лист1" : "Sheet1", []]);
    for (const [name, values] of seeds) this._addSheet(name, values);
    this.active = this.sheets[0];
  }

  /** Test helper: every sheet cut to its data plus the program's margin (10 rows, 3 columns). */
  _fitToData(): void {
    for (const s of this.sheets) {
      s.maxRows = Math.max(2, s._lastRow()) + 10;
      s.maxCols = Math.max(1, s._lastCol()) + 3;
    }
  }

  /** Cells of every sheet's grid (rows × columns, blank ones too). */
  _cells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }

  /** Throws as Sheets does when growing by `more` cells would pass the limit. */
  _checkCells(more: number): void {
    if (more > 0 && this._cells() + more > CELL_LIMIT)
      throw new Error(
        `Exception: This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
      );
  }

  /** Test helper: append a tab with contents, as if a person had made it. */
  _addSheet(name: string, values: readonly (readonly SeedValue[])[] = []): FakeSheet {
    this._checkName(name);
    // The first tab of a new file has gid 0; later ones get large pseudo-random ids.
    const seq = this.sheetSeq++;
    const id = seq === 0 ? 0 : (seq * 2654435761) % 2147483647;
    const sheet = new FakeSheet(this.env, this, name, id);
    sheet._seed(values);
    this.sheets.push(sheet);
    return sheet;
  }

  _checkName(name: string, self?: FakeSheet): void {
    if (typeof name !== "string" || name.trim() === "")
      throw new Error("Exception: Invalid argument: sheetName");
    if (name.length > 100) throw new Error("Exception: The sheet name cannot be longer than 100 characters.");
    if (this.sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase()))
      throw new Error(
        `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
      );
  }

  /** Test helper: a sheet by name without counting a call. */
  _sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  getId(): string {
    return this.id;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getName(): string {
    return this.name;
  }
  rename(newName: string): void {
    this.name = newName;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    this.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.locale = locale;
  }
  getOwner(): FakeUser {
    return new FakeUser(this.env, this.env.owner);
  }
  getEditors(): FakeUser[] {
    return this.editors.map((e) => new FakeUser(this.env, e));
  }

  getSheets(): FakeSheet[] {
    return [...this.sheets];
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  getSheetById(id: number): FakeSheet | null {
    return this.sheets.find((s) => s.id === id) ?? null;
  }
  getActiveSheet(): FakeSheet {
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    sheet._live();
    this.active = sheet;
    sheet.hidden = false;
    return sheet;
  }

  /**
   * insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index). Without an
   * index the tab goes right after the active one; the new tab becomes active.
   */
  insertSheet(a?: string | number, b?: number): FakeSheet {
    const name =
      typeof a === "string"
        ? a
        : `${this.locale.startsWith("ru") ? "Лист" : "Sheet"}${this.sheets.length + 1}`;
    const index = typeof a === "number" ? a : b;
    if (index !== undefined && (index < 0 || index > this.sheets.length || !Number.isInteger(index)))
      throw new Error("Exception: Invalid argument: sheetIndex");
    this._checkCells(NEW_SHEET_CELLS);
    const sheet = this._addSheet(name);
    this.sheets.pop();
    const at = index ?? this.sheets.indexOf(this.active) + 1;
    this.sheets.splice(at, 0, sheet);
    this.active = sheet;
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    sheet._live();
    if (this.sheets.length === 1)
      throw new Error("Exception: You can't remove all the sheets in a document.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.sheets[0];
  }

  /** "Name!A1:B2" or an A1 range on the active sheet. */
  getRange(a1Notation: string): FakeRange {
    const bang = a1Notation.lastIndexOf("!");
    if (bang < 0) return this.active._rangeOfA1(a1Notation);
    const name = a1Notation
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error("Exception: Range not found");
    return sheet._rangeOfA1(a1Notation.slice(bang + 1));
  }

  getProtections(type: ProtectionTypeValue): FakeProtection[] {
    return this.sheets.flatMap((s) => s.protections.filter((p) => p.type === type));
  }

  toast(message: string, title = "", timeoutSeconds = 5): void {
    this.toasts.push({ message: String(message), title, timeoutSeconds });
  }
}
countCalls(FakeSpreadsheet, "Spreadsheet");

export class FakeSpreadsheetApp {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly files = new Map<string, FakeSpreadsheet>();
  readonly ui: FakeUi;
  /** null: a standalone script (getActive() returns null). */
  activeFile: FakeSpreadsheet | null;
  flushes = 0;

  constructor(
    readonly env: FakeEnv,
    active: FakeSpreadsheet | null,
  ) {
    this.ui = new FakeUi(env);
    this.activeFile = active;
    if (active) this.files.set(active.id, active);
  }

  getActive(): FakeSpreadsheet | null {
    return this.activeFile;
  }
  getActiveSpreadsheet(): FakeSpreadsheet | null {
    return this.activeFile;
  }
  setActiveSpreadsheet(ss: FakeSpreadsheet): void {
    this.activeFile = ss;
  }
  getActiveSheet(): FakeSheet {
    if (!this.activeFile) throw new Error("Exception: No active spreadsheet.");
    return this.activeFile.active;
  }
  getUi(): FakeUi {
    if (!this.env.uiAvailable)
      throw new Error("Exception: Cannot call SpreadsheetApp.getUi() from this context.");
    return this.ui;
  }
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.env);
  }
  flush(): void {
    this.flushes++;
  }
  create(name: string): FakeSpreadsheet {
    const ss = new FakeSpreadsheet(this.env, { name });
    this.files.set(ss.id, ss);
    return ss;
  }
  openById(id: string): FakeSpreadsheet {
    const ss = this.files.get(id);
    if (!ss)
      throw new Error(
        "Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.",
      );
    return ss;
  }
  openByUrl(url: string): FakeSpreadsheet {
    const m = /\/d\/([^/]+)/.exec(url);
    return this.openById(m ? m[1] : url);
  }
}
countCalls(FakeSpreadsheetApp, "SpreadsheetApp");
