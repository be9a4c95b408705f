/**
 * Fake Sheet: a grid of cells with the real size limits (a new sheet has 1000 rows and 26
 * columns; getRange outside them throws until rows/columns are inserted).
 */
import { type Cell, parseA1, type Rect, type SeedValue, seedCell } from "./cells.js";
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";
import { FakeProtection, type ProtectionTypeValue } from "./protection.js";
import { clearContent, clearFormat, FakeRange } from "./range.js";
import type { FakeSpreadsheet } from "./spreadsheet.js";

export class FakeSheet {
  /** grid[row - 1][col - 1]; rows and cells are created on write. */
  readonly grid: (Cell | undefined)[][] = [];
  maxRows = 1000;
  maxCols = 26;
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  deleted = false;
  tabColor: string | null = null;
  readonly protections: FakeProtection[] = [];

  constructor(
    readonly env: FakeEnv,
    readonly parent: FakeSpreadsheet,
    public name: string,
    readonly id: number,
  ) {}

  // ---- internals for the other fakes (not counted) ----
  _live(): void {
    if (this.deleted) throw new Error("Exception: The sheet has been deleted.");
  }

  _cell(row: number, col: number, create = false): Cell | undefined {
    let r = this.grid[row - 1];
    if (!r) {
      if (!create) return undefined;
      while (this.grid.length < row) this.grid.push([]);
      r = this.grid[row - 1];
    }
    let c = r[col - 1];
    if (!c && create) {
      c = { v: null };
      r[col - 1] = c;
    }
    return c;
  }

  _timeZone(): string {
    return this.parent.timeZone;
  }

  _locale(): string {
    return this.parent.locale;
  }

  _writeContext(): { timeZone: string; locale: string; year: number } {
    const tz = this.parent.timeZone;
    const year = Number(
      new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric" }).format(this.env.now()),
    );
    return { timeZone: tz, locale: this.parent.locale, year };
  }

  _rangeOf(rect: Rect): FakeRange {
    return new FakeRange(this.env, this, rect);
  }

  _whole(): Rect {
    return { row: 1, col: 1, rows: this.maxRows, cols: this.maxCols };
  }

  _checkedRange(row: number, col: number, rows: number, cols: number): FakeRange {
    this._live();
    for (const [v, what] of [
      [row, "row"],
      [col, "column"],
      [rows, "rows"],
      [cols, "columns"],
    ] as const)
      if (typeof v !== "number" || !Number.isInteger(v))
        throw new Error(
          `Exception: The parameters (${typeof v}) don't match the method signature for ${what}.`,
        );
    if (row < 1) throw new Error("Exception: The starting row of the range is too small.");
    if (col < 1) throw new Error("Exception: The starting column of the range is too small.");
    if (rows < 1) throw new Error("Exception: The number of rows in the range must be at least 1.");
    if (cols < 1) throw new Error("Exception: The number of columns in the range must be at least 1.");
    if (row + rows - 1 > this.maxRows || col + cols - 1 > this.maxCols)
      throw new Error("Exception: The coordinates of the range are outside the dimensions of the sheet.");
    return this._rangeOf({ row, col, rows, cols });
  }

  _rangeOfA1(a1: string): FakeRange {
    const r = parseA1(a1, this.maxRows, this.maxCols);
    return this._checkedRange(r.row, r.col, r.rows, r.cols);
  }

  _addProtection(type: ProtectionTypeValue, rect: Rect | null): FakeProtection {
    this._live();
    const p = new FakeProtection(this.env, this, type, rect, this.parent.editors);
    this.protections.push(p);
    return p;
  }

  _dropProtection(p: FakeProtection): void {
    const i = this.protections.indexOf(p);
    if (i >= 0) this.protections.splice(i, 1);
  }

  _lastRow(): number {
    for (let r = this.grid.length; r >= 1; r--)
      if (this.grid[r - 1]?.some((c) => c && (c.v !== null || c.f !== undefined))) return r;
    return 0;
  }

  _lastCol(): number {
    let last = 0;
    for (const row of this.grid)
      for (let c = row.length; c > last; c--) {
        const cell = row[c - 1];
        if (cell && (cell.v !== null || cell.f !== undefined)) {
          last = c;
          break;
        }
      }
    return last;
  }

  /** Test helper: fill the sheet as a person would have typed it (Dates are wall-clock times). */
  _seed(values: readonly (readonly SeedValue[])[]): void {
    values.forEach((line, i) => {
      line.forEach((v, j) => {
        const cell = seedCell(v, this.parent.locale);
        if (cell) {
          while (this.grid.length <= i) this.grid.push([]);
          this.grid[i][j] = cell;
        }
      });
    });
    this.maxRows = Math.max(this.maxRows, values.length);
    this.maxCols = Math.max(this.maxCols, ...values.map((r) => r.length));
  }

  // ---- the real API ----
  getName(): string {
    return this.name;
  }
  getSheetName(): string {
    return this.name;
  }
  setName(name: string): this {
    this.parent._checkName(name, this);
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this.id;
  }
  getIndex(): number {
    return this.parent.sheets.indexOf(this) + 1;
  }
  getParent(): FakeSpreadsheet {
    return this.parent;
  }
  activate(): this {
    this.parent.active = this;
    this.hidden = false;
    return this;
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    if (typeof a === "string") return this._rangeOfA1(a);
    return this._checkedRange(a, column as number, numRows ?? 1, numColumns ?? 1);
  }

  getDataRange(): FakeRange {
    this._live();
    return this._rangeOf({
      row: 1,
      col: 1,
      rows: Math.max(1, this._lastRow()),
      cols: Math.max(1, this._lastCol()),
    });
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const rows = numRows === -1 ? Math.max(1, this._lastRow() - startRow + 1) : numRows;
    const cols = numColumns === -1 ? Math.max(1, this._lastCol() - startColumn + 1) : numColumns;
    return this._checkedRange(startRow, startColumn, rows, cols)._values();
  }

  getLastRow(): number {
    return this._lastRow();
  }
  getLastColumn(): number {
    return this._lastCol();
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxCols;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this._live();
    if (afterPosition < 1 || afterPosition > this.maxRows || howMany < 1)
      throw new Error("Exception: Those rows are out of bounds.");
    this.parent._checkCells(howMany * this.maxCols);
    if (afterPosition < this.grid.length)
      this.grid.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this._live();
    if (afterPosition < 1 || afterPosition > this.maxCols || howMany < 1)
      throw new Error("Exception: Those columns are out of bounds.");
    this.parent._checkCells(howMany * this.maxRows);
    for (const row of this.grid)
      if (afterPosition < row.length) row.splice(afterPosition, 0, ...new Array<undefined>(howMany));
    this.maxCols += howMany;
    return this;
  }

  /** Removes rows (and their cells) for good; a sheet keeps at least one row outside the frozen ones. */
  deleteRows(rowPosition: number, howMany: number): void {
    this._live();
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows)
      throw new Error("Exception: Those rows are out of bounds.");
    if (this.maxRows - howMany < 1 || this.maxRows - howMany <= this.frozenRows)
      throw new Error("Exception: You can't delete all the rows on the sheet.");
    this.grid.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this._live();
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxCols)
      throw new Error("Exception: Those columns are out of bounds.");
    if (this.maxCols - howMany < 1)
      throw new Error("Exception: You can't delete all the columns on the sheet.");
    for (const row of this.grid) row.splice(columnPosition - 1, howMany);
    this.maxCols -= howMany;
  }

  /** Appends after the last row with content, growing the sheet as needed (one call, like Sheets). */
  appendRow(rowContents: unknown[]): this {
    const row = this._lastRow() + 1;
    const rows = Math.max(this.maxRows, row);
    const cols = Math.max(this.maxCols, rowContents.length);
    this.parent._checkCells(rows * cols - this.maxRows * this.maxCols);
    this.maxRows = rows;
    this.maxCols = cols;
    this._rangeOf({ row, col: 1, rows: 1, cols: rowContents.length })._write([rowContents]);
    return this;
  }

  /** Contents and formats; data validation rules stay, as with Sheets' clear(). */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    this._live();
    const o = options ?? {};
    const both = !o.contentsOnly && !o.formatOnly;
    for (const row of this.grid)
      for (const cell of row) {
        if (!cell) continue;
        if (both || o.contentsOnly) clearContent(cell);
        if (both || o.formatOnly) clearFormat(cell);
      }
    return this;
  }
  clearContents(): this {
    return this._clearWith(clearContent);
  }
  clearFormats(): this {
    return this._clearWith(clearFormat);
  }
  private _clearWith(fn: (c: Cell) => void): this {
    this._live();
    for (const row of this.grid) for (const cell of row) if (cell) fn(cell);
    return this;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this._live();
    if (rows < 0 || rows >= this.maxRows)
      throw new Error("Exception: Sorry, it is not possible to freeze all rows.");
    this.frozenRows = rows;
  }
  getFrozenColumns(): number {
    return this.frozenCols;
  }
  setFrozenColumns(columns: number): void {
    this._live();
    if (columns < 0 || columns >= this.maxCols)
      throw new Error("Exception: Sorry, it is not possible to freeze all columns.");
    this.frozenCols = columns;
  }

  hideSheet(): this {
    this._live();
    if (this.parent.sheets.filter((s) => !s.hidden && s !== this).length === 0)
      throw new Error("Exception: You can't hide all the sheets in a document.");
    this.hidden = true;
    return this;
  }
  showSheet(): this {
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }

  getTabColor(): string | null {
    return this.tabColor;
  }
  setTabColor(color: string | null): this {
    this.tabColor = color;
    return this;
  }

  setColumnWidth(_column: number, _width: number): this {
    return this;
  }
  autoResizeColumns(_startColumn: number, _numColumns: number): this {
    return this;
  }

  /** The sheet protection: the existing one if the sheet is protected already. */
  protect(): FakeProtection {
    return this.protections.find((p) => p.type === "SHEET") ?? this._addProtection("SHEET", null);
  }

  getProtections(type: ProtectionTypeValue): FakeProtection[] {
    return this.protections.filter((p) => p.type === type);
  }
}
countCalls(FakeSheet, "Sheet");
