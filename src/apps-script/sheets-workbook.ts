/**
 * The Workbook port over SpreadsheetApp. Every service call costs tens of milliseconds, so a
 * read is one getDataRange().getValues() per sheet and a write costs a few calls per sheet,
 * block, validation and rectangle: never a call per cell.
 *
 * Two Sheets behaviours shape the write path:
 * - setValues() reads strings like typed input ("007" -> 7, "5/4" -> a date, "=x" -> a
 *   formula). Text that Sheets could turn into something else gets a leading apostrophe,
 *   which Sheets hides and does not store, so the cell keeps exactly the text written.
 * - Dates arrive as instants meaning the wall-clock time of the spreadsheet's time zone. The
 *   port wants Dates whose UTC fields are that wall-clock time; both directions convert
 *   with the spreadsheet's zone (Intl, no service call per cell).
 */
import { type CellValue, isFormula, safeCell, type WriteValue } from "../core/cells.js";
import { sizedGrid, writeExtent } from "../google/sheets-requests.js";
import type { Protection, Rect, SheetWrite, Table, Validation, Workbook } from "../ports.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Description of the protections this program makes; a rerun finds and updates them. */
export const HEADER_PROTECTION = "coordinator: header";
export const SHEET_PROTECTION = "coordinator: sheet";

const DATE_FORMAT = "dd.mm.yyyy";
const DATE_TIME_FORMAT = "dd.mm.yyyy hh:mm";
const TIME_FORMAT = "hh:mm";

// ---- time zones ----

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** ms whose UTC fields are the wall-clock time `zone` shows at `instant`. */
export function wallClock(instant: number, zone: string): number {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneFormats.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant)))
    if (part.type !== "literal") p[part.type] = Number(part.value);
  const ms = ((instant % 1000) + 1000) % 1000;
  // % 24: some V8 versions print midnight as hour 24 of the same day.
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second, ms);
}

/** The instant at which `zone` shows the wall-clock time `wall` (its UTC fields). */
export function instantOfWall(wall: number, zone: string): number {
  let t = wall - (wallClock(wall, zone) - wall);
  t = wall - (wallClock(t, zone) - t);
  return t;
}

function isDate(v: unknown): v is Date {
  // Not instanceof: values may come from another realm (a vm context in tests).
  return Object.prototype.toString.call(v) === "[object Date]";
}

// ---- values ----

/** Text Sheets would turn into a number, date, time or boolean, or whose apostrophe it would eat. */
const COERCIBLE = /\d|^\s*(true|false|истина|ложь)\s*$/i;

/** A string as it must be given to setValues so that the cell holds exactly that text. */
export function sheetText(s: string): string {
  const safe = safeCell(s) as string;
  if (safe !== s) return safe;
  return s.startsWith("'") || COERCIBLE.test(s) ? `'${s}` : s;
}

function fromSheet(v: unknown, zone: () => string): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (isDate(v)) return Number.isNaN(v.getTime()) ? null : new Date(wallClock(v.getTime(), zone()));
  return String(v);
}

function blank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

function trimTable(rows: CellValue[][]): CellValue[][] {
  while (rows.length && rows[rows.length - 1].every(blank)) rows.pop();
  let width = 0;
  for (const r of rows)
    for (let i = r.length - 1; i >= width; i--)
      if (!blank(r[i])) {
        width = i + 1;
        break;
      }
  return rows.map((r) => (r.length === width ? r : r.slice(0, width)));
}

function dateFormatOf(d: Date): string {
  const t = d.getTime();
  if (t >= Date.UTC(1899, 11, 30) && t < Date.UTC(1899, 11, 31)) return TIME_FORMAT;
  return t % 86400000 === 0 ? DATE_FORMAT : DATE_TIME_FORMAT;
}

/** `=OR(ISBLANK(C2),REGEXMATCH(TO_TEXT(C2),"…"))`: relative to the range's top-left cell. */
export function patternFormula(range: Rect, pattern: string): string {
  let col = "";
  for (let n = range.col; n > 0; n = Math.floor((n - 1) / 26))
    col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
  const cell = `${col}${range.row}`;
  return `=OR(ISBLANK(${cell}),REGEXMATCH(TO_TEXT(${cell}),"${pattern.replace(/"/g, '""')}"))`;
}

/** The sheet's grid size, asked once per write and grown when a write needs more room. */
class Size {
  private rows = 0;
  private cols = 0;
  private known = false;

  constructor(
    private readonly sheet: Sheet,
    known?: { rows: number; cols: number },
  ) {
    if (known) {
      this.rows = known.rows;
      this.cols = known.cols;
      this.known = true;
    }
  }

  ensure(rows: number, cols: number): void {
    if (!this.known) {
      this.rows = this.sheet.getMaxRows();
      this.cols = this.sheet.getMaxColumns();
      this.known = true;
    }
    if (rows > this.rows) {
      this.sheet.insertRowsAfter(this.rows, rows - this.rows);
      this.rows = rows;
    }
    if (cols > this.cols) {
      this.sheet.insertColumnsAfter(this.cols, cols - this.cols);
      this.cols = cols;
    }
  }

  all(): { rows: number; cols: number } {
    this.ensure(1, 1);
    return { rows: this.rows, cols: this.cols };
  }
}

/**
 * insertSheet makes 1000 × 26 cells; 150 journals of that, grown by a column a lesson, pass
 * the spreadsheet's 10,000,000 cells within a school year. A new sheet is cut to its data plus
 * a small margin (two calls) and grows with the writes that need more.
 */
function fitNewSheet(sheet: Sheet, w: SheetWrite): Size {
  const e = writeExtent(w);
  const grid = sizedGrid(e.rows + (w.append?.length ?? 0), e.cols);
  const NEW_ROWS = 1000;
  const NEW_COLS = 26;
  if (grid.rows < NEW_ROWS) sheet.deleteRows(grid.rows + 1, NEW_ROWS - grid.rows);
  else if (grid.rows > NEW_ROWS) sheet.insertRowsAfter(NEW_ROWS, grid.rows - NEW_ROWS);
  if (grid.cols < NEW_COLS) sheet.deleteColumns(grid.cols + 1, NEW_COLS - grid.cols);
  else if (grid.cols > NEW_COLS) sheet.insertColumnsAfter(NEW_COLS, grid.cols - NEW_COLS);
  return new Size(sheet, grid);
}

export class SheetsWorkbook implements Workbook {
  private readonly sheets = new Map<string, Sheet>();
  private zone: string | undefined;

  constructor(readonly spreadsheet: Spreadsheet) {}

  private timeZone(): string {
    this.zone ??= this.spreadsheet.getSpreadsheetTimeZone();
    return this.zone;
  }

  private sheet(name: string): Sheet | null {
    const cached = this.sheets.get(name);
    if (cached) return cached;
    const s = this.spreadsheet.getSheetByName(name);
    if (s) this.sheets.set(name, s);
    return s;
  }

  /** Per sheet, the editors of its whole-sheet protection (warning-only ones protect nothing). */
  tabEditors(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const s of this.spreadsheet.getSheets()) {
      const p = s.getProtections(SpreadsheetApp.ProtectionType.SHEET).find((x) => !x.isWarningOnly());
      if (p)
        out.set(
          s.getName(),
          p.getEditors().map((u) => u.getEmail()),
        );
    }
    return out;
  }

  sheetNames(): string[] {
    return this.spreadsheet.getSheets().map((s) => {
      const name = s.getName();
      this.sheets.set(name, s);
      return name;
    });
  }

  /** Sheet name -> gid, for links to cells. */
  sheetIds(): Map<string, number> {
    return new Map(this.spreadsheet.getSheets().map((s) => [s.getName(), s.getSheetId()]));
  }

  gridSizes(): { sheet: string; rows: number; cols: number }[] {
    return this.spreadsheet.getSheets().map((s) => {
      const sheet = s.getName();
      this.sheets.set(sheet, s);
      return { sheet, rows: s.getMaxRows(), cols: s.getMaxColumns() };
    });
  }

  read(names: readonly string[]): Map<string, Table> {
    const out = new Map<string, Table>();
    const zone = () => this.timeZone();
    for (const name of new Set(names)) {
      const sheet = this.sheet(name);
      if (!sheet) continue;
      const raw = sheet.getDataRange().getValues();
      const rows = raw.map((r) => r.map((v) => fromSheet(v, zone)));
      out.set(name, { sheet: name, values: trimTable(rows) });
    }
    return out;
  }

  write(batch: readonly SheetWrite[]): void {
    for (const w of batch) this.writeSheet(w);
  }

  private writeSheet(w: SheetWrite): void {
    let sheet = this.sheet(w.sheet);
    const created = !sheet;
    if (!sheet) {
      if (!w.create) throw new Error(`No sheet ${w.sheet}`);
      sheet = this.spreadsheet.insertSheet(w.sheet, this.spreadsheet.getNumSheets());
      this.sheets.set(w.sheet, sheet);
    }
    const size = created ? fitNewSheet(sheet, w) : new Size(sheet);
    if (w.clear && !created) {
      sheet.clear();
      const { rows, cols } = size.all();
      sheet.getRange(1, 1, rows, cols).clearDataValidations();
    }
    for (const b of w.cells ?? []) this.writeBlock(sheet, size, b.row, b.col, b.values, false);
    if (w.append?.length) this.writeBlock(sheet, size, sheet.getLastRow() + 1, 1, w.append, true);
    if (w.frozenRows !== undefined) {
      if (w.frozenRows > 0) size.ensure(w.frozenRows + 1, 1);
      sheet.setFrozenRows(w.frozenRows);
    }
    for (const v of w.validations ?? []) this.validate(sheet, size, v);
    if (w.backgrounds?.length) this.paint(sheet, size, w.backgrounds);
    if (w.boldRows) {
      size.ensure(w.boldRows, 1);
      sheet.getRange(`1:${w.boldRows}`).setFontWeight("bold");
    }
    if (w.protection) this.protect(sheet, size, w.protection);
    // Widths in characters, about 7 px each; one call per column and per number-format range.
    w.columnWidths?.forEach((width, i) => {
      size.ensure(1, i + 1);
      sheet.setColumnWidth(i + 1, Math.round(width * 7));
    });
    for (const { range, format } of w.numberFormats ?? []) {
      size.ensure(range.row + range.rows - 1, range.col + range.cols - 1);
      sheet.getRange(range.row, range.col, range.rows, range.cols).setNumberFormat(format);
    }
    if (w.hidden === true) sheet.hideSheet();
    else if (w.hidden === false) sheet.showSheet();
  }

  /**
   * Backgrounds in two calls whatever their number: read the colours of the rectangles'
   * bounding box, paint the rectangles in memory, write the box back (cells outside every
   * rectangle keep their colour).
   */
  private paint(sheet: Sheet, size: Size, list: readonly { range: Rect; color: string | null }[]): void {
    if (list.length === 1) {
      this.rect(sheet, size, list[0].range).setBackground(list[0].color);
      return;
    }
    const top = Math.min(...list.map((b) => b.range.row));
    const left = Math.min(...list.map((b) => b.range.col));
    const bottom = Math.max(...list.map((b) => b.range.row + b.range.rows - 1));
    const right = Math.max(...list.map((b) => b.range.col + b.range.cols - 1));
    const box = this.rect(sheet, size, {
      row: top,
      col: left,
      rows: bottom - top + 1,
      cols: right - left + 1,
    });
    const colors: (string | null)[][] = box.getBackgrounds();
    for (const { range: r, color } of list)
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.cols; j++) colors[r.row - top + i][r.col - left + j] = color;
    box.setBackgrounds(colors);
  }

  private rect(sheet: Sheet, size: Size, r: Rect): Range {
    size.ensure(r.row + r.rows - 1, r.col + r.cols - 1);
    return sheet.getRange(r.row, r.col, r.rows, r.cols);
  }

  /**
   * One setValues for a block. Short lines leave the cells to their right untouched (their
   * value or formula is read once and written back); append blocks are below the data, so
   * their gaps are simply blank. Dates get a date number format (one more read and write).
   */
  private writeBlock(
    sheet: Sheet,
    size: Size,
    row: number,
    col: number,
    lines: readonly (readonly WriteValue[])[],
    appending: boolean,
  ): void {
    const width = lines.reduce((m, l) => Math.max(m, l.length), 0);
    if (lines.length === 0 || width === 0) return;
    const range = this.rect(sheet, size, { row, col, rows: lines.length, cols: width });
    const ragged = !appending && lines.some((l) => l.length < width);
    const keep = ragged ? this.existing(range) : null;
    const grid = lines.map((line, i) =>
      Array.from({ length: width }, (_, j) =>
        j < line.length ? this.toSheet(line[j]) : (keep?.[i][j] ?? ""),
      ),
    );
    range.setValues(grid);
    if (lines.some((l) => l.some(isDate))) {
      const formats = range.getNumberFormats();
      lines.forEach((line, i) => {
        line.forEach((v, j) => {
          if (isDate(v)) formats[i][j] = dateFormatOf(v);
        });
      });
      range.setNumberFormats(formats);
    }
  }

  /** What a range holds now, in the form setValues needs to write it back unchanged. */
  private existing(range: Range): unknown[][] {
    const values = range.getValues();
    const formulas = range.getFormulas();
    return values.map((r, i) =>
      r.map((v, j) => {
        if (formulas[i][j]) return formulas[i][j];
        return typeof v === "string" ? sheetText(v) : v;
      }),
    );
  }

  private toSheet(v: WriteValue): unknown {
    if (v === null || v === undefined) return "";
    if (isFormula(v)) return v.formula.startsWith("=") ? v.formula : `=${v.formula}`;
    if (typeof v === "string") return sheetText(v);
    if (isDate(v)) return new Date(instantOfWall(v.getTime(), this.timeZone()));
    return v;
  }

  private validate(sheet: Sheet, size: Size, v: Validation): void {
    const range = this.rect(sheet, size, v.range);
    const rule = SpreadsheetApp.newDataValidation();
    // The exact grammar wins over a list of suggestions (Excel, without regex, uses the list).
    if (v.pattern) rule.requireFormulaSatisfied(patternFormula(v.range, v.pattern));
    else if (v.list?.length) rule.requireValueInList([...v.list], true);
    // A help-only rule accepts anything and still shows its hint, as in the xlsx adapter.
    else if (v.help) rule.requireFormulaSatisfied("=TRUE");
    else return;
    rule.setAllowInvalid(!v.strict);
    if (v.help) rule.setHelpText(v.help);
    range.setDataValidation(rule.build());
  }

  /**
   * rows: the header rows are protected (editable by the owner and the user running this).
   * editors: the whole sheet is editable only by them, the owner and the user running this.
   * Sheets never removes the owner or the running user from a protection; the running user is
   * added first (Google's advice: otherwise removing a group the user edits through throws).
   * Protections are found again by description, so a rerun updates instead of piling up.
   */
  private protect(sheet: Sheet, size: Size, p: Protection): void {
    const me = Session.getEffectiveUser();
    const restrict = (prot: GoogleAppsScript.Spreadsheet.Protection, editors: readonly string[]) => {
      prot.setWarningOnly(false);
      prot.addEditor(me);
      prot.removeEditors(prot.getEditors());
      if (editors.length) prot.addEditors([...editors]);
      if (prot.canDomainEdit()) prot.setDomainEdit(false);
    };
    if (p.rows) {
      size.ensure(p.rows, 1);
      const range = sheet.getRange(`1:${p.rows}`);
      const desc = p.description ?? HEADER_PROTECTION;
      const found = sheet
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)
        .find((x) => x.getDescription() === desc);
      const prot = found ? found.setRange(range) : range.protect().setDescription(desc);
      restrict(prot, []);
    }
    if (p.editors) {
      const prot = sheet.protect().setDescription(p.description ?? SHEET_PROTECTION);
      restrict(prot, p.editors);
    }
  }
}
