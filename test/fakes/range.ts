/**
 * Fake Range: values, formulas, formats, validation and protection of a rectangle of a
 * fake sheet. Dimension checks throw the messages Sheets gives.
 */
import {
  a1Of,
  type Cell,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  type Rect,
  readValue,
  writeValue,
} from "./cells.js";
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";
import type { FakeProtection } from "./protection.js";
import type { FakeSheet } from "./sheet.js";
import type { FakeDataValidation } from "./validation.js";

const WHITE = "#ffffff";

function normColor(c: string | null): string | undefined {
  if (c === null || c === undefined || c === "") return undefined;
  const s = c.trim().toLowerCase();
  return s === "white" || s === WHITE ? undefined : s;
}

export class FakeRange {
  constructor(
    readonly env: FakeEnv,
    readonly sheet: FakeSheet,
    private readonly rect: Rect,
  ) {}

  _rect(): Rect {
    return { ...this.rect };
  }

  private _each(fn: (cell: Cell | undefined, i: number, j: number) => void): void {
    const { row, col, rows, cols } = this.rect;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) fn(this.sheet._cell(row + i, col + j), i, j);
  }

  private _map<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = Array.from({ length: this.rect.rows }, () => []);
    this._each((cell, i) => {
      out[i].push(fn(cell));
    });
    return out;
  }

  private _put(fn: (cell: Cell, i: number, j: number) => void): this {
    this.sheet._live();
    const { row, col, rows, cols } = this.rect;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) fn(this.sheet._cell(row + i, col + j, true)!, i, j);
    return this;
  }

  /** Visit only the cells that exist (clearing never needs to create one). */
  private _clearEach(fn: (cell: Cell) => void): this {
    this.sheet._live();
    this._each((cell) => {
      if (cell) fn(cell);
    });
    return this;
  }

  private _checkGrid(data: unknown, what: string): unknown[][] {
    if (!Array.isArray(data) || data.some((r) => !Array.isArray(r)))
      throw new Error(`Exception: The parameters (${what}) don't match the method signature.`);
    const grid = data as unknown[][];
    if (grid.length !== this.rect.rows)
      throw new Error(
        `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${this.rect.rows}.`,
      );
    for (const r of grid)
      if (r.length !== this.rect.cols)
        throw new Error(
          `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${this.rect.cols}.`,
        );
    return grid;
  }

  // ---- geometry ----
  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.col;
  }
  getNumRows(): number {
    return this.rect.rows;
  }
  getNumColumns(): number {
    return this.rect.cols;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.rows - 1;
  }
  getLastColumn(): number {
    return this.rect.col + this.rect.cols - 1;
  }
  getA1Notation(): string {
    return a1Of(this.rect);
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getCell(row: number, column: number): FakeRange {
    if (row < 1 || column < 1 || row > this.rect.rows || column > this.rect.cols)
      throw new Error("Exception: Cell reference out of range");
    return this.sheet._rangeOf({
      row: this.rect.row + row - 1,
      col: this.rect.col + column - 1,
      rows: 1,
      cols: 1,
    });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    return this.sheet._checkedRange(
      this.rect.row + rowOffset,
      this.rect.col + columnOffset,
      numRows ?? this.rect.rows,
      numColumns ?? this.rect.cols,
    );
  }
  activate(): this {
    return this;
  }
  isBlank(): boolean {
    let blank = true;
    this._each((c) => {
      if (c && (c.v !== null || c.f !== undefined)) blank = false;
    });
    return blank;
  }

  // ---- values ----
  getValues(): unknown[][] {
    return this._values();
  }

  _values(): unknown[][] {
    const tz = this.sheet._timeZone();
    return this._map((c) => readValue(c, tz, this.env.evaluate));
  }

  getValue(): unknown {
    return readValue(
      this.sheet._cell(this.rect.row, this.rect.col),
      this.sheet._timeZone(),
      this.env.evaluate,
    );
  }

  getDisplayValues(): string[][] {
    const locale = this.sheet._locale();
    return this._map((c) => displayValue(c, locale, this.env.evaluate));
  }

  getDisplayValue(): string {
    return displayValue(
      this.sheet._cell(this.rect.row, this.rect.col),
      this.sheet._locale(),
      this.env.evaluate,
    );
  }

  setValues(values: unknown[][]): this {
    return this._write(values);
  }

  _write(values: unknown[][]): this {
    const grid = this._checkGrid(values, "Object[][]");
    const ctx = this.sheet._writeContext();
    return this._put((cell, i, j) => writeValue(cell, grid[i][j], ctx));
  }

  /** Sets every cell of the range to the same value, as Range.setValue does. */
  setValue(value: unknown): this {
    const ctx = this.sheet._writeContext();
    return this._put((cell) => writeValue(cell, value, ctx));
  }

  getFormulas(): string[][] {
    return this._map((c) => c?.f ?? "");
  }

  getFormula(): string {
    return this.sheet._cell(this.rect.row, this.rect.col)?.f ?? "";
  }

  setFormulas(formulas: string[][]): this {
    const grid = this._checkGrid(formulas, "String[][]");
    const ctx = this.sheet._writeContext();
    return this._put((cell, i, j) => writeValue(cell, formulaText(grid[i][j]), ctx));
  }

  setFormula(formula: string): this {
    const ctx = this.sheet._writeContext();
    return this._put((cell) => writeValue(cell, formulaText(formula), ctx));
  }

  // ---- formats ----
  getBackground(): string {
    return this.sheet._cell(this.rect.row, this.rect.col)?.bg ?? WHITE;
  }
  getBackgrounds(): string[][] {
    return this._map((c) => c?.bg ?? WHITE);
  }
  setBackground(color: string | null): this {
    const bg = normColor(color);
    return this._put((cell) => {
      cell.bg = bg;
    });
  }
  setBackgrounds(colors: (string | null)[][]): this {
    const grid = this._checkGrid(colors, "String[][]");
    return this._put((cell, i, j) => {
      cell.bg = normColor(grid[i][j] as string | null);
    });
  }
  getFontWeight(): string {
    return this.sheet._cell(this.rect.row, this.rect.col)?.fw ?? "normal";
  }
  getFontWeights(): string[][] {
    return this._map((c) => c?.fw ?? "normal");
  }
  setFontWeight(fontWeight: string | null): this {
    return this._put((cell) => {
      cell.fw = fontWeight === null || fontWeight === "normal" ? undefined : fontWeight;
    });
  }
  setFontWeights(weights: (string | null)[][]): this {
    const grid = this._checkGrid(weights, "String[][]");
    return this._put((cell, i, j) => {
      const w = grid[i][j] as string | null;
      cell.fw = w === null || w === "normal" ? undefined : w;
    });
  }
  getNumberFormat(): string {
    return this.sheet._cell(this.rect.row, this.rect.col)?.nf ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this._map((c) => c?.nf ?? DEFAULT_NUMBER_FORMAT);
  }
  setNumberFormat(numberFormat: string): this {
    return this._put((cell) => {
      cell.nf = numberFormat;
    });
  }
  setNumberFormats(formats: string[][]): this {
    const grid = this._checkGrid(formats, "String[][]");
    return this._put((cell, i, j) => {
      cell.nf = String(grid[i][j]);
    });
  }

  // ---- validation ----
  getDataValidation(): FakeDataValidation | null {
    return (this.sheet._cell(this.rect.row, this.rect.col)?.dv as FakeDataValidation | undefined) ?? null;
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    return this._map((c) => (c?.dv as FakeDataValidation | undefined) ?? null);
  }
  setDataValidation(rule: FakeDataValidation | null): this {
    return this._put((cell) => {
      cell.dv = rule ?? undefined;
    });
  }
  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    const grid = this._checkGrid(rules, "DataValidation[][]");
    return this._put((cell, i, j) => {
      cell.dv = grid[i][j] ?? undefined;
    });
  }
  clearDataValidations(): this {
    return this._clearEach((cell) => {
      delete cell.dv;
    });
  }

  // ---- clearing ----
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): this {
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly;
    return this._clearEach((cell) => {
      if (!any || o.contentsOnly) clearContent(cell);
      if (!any || o.formatOnly) clearFormat(cell);
      if (o.validationsOnly) delete cell.dv;
    });
  }
  clearContent(): this {
    return this._clearEach(clearContent);
  }
  clearFormat(): this {
    return this._clearEach(clearFormat);
  }

  protect(): FakeProtection {
    return this.sheet._addProtection("RANGE", this._rect());
  }
}
countCalls(FakeRange, "Range");

function formulaText(f: unknown): string {
  const s = String(f ?? "");
  return s === "" || s.startsWith("=") ? s : `=${s}`;
}

export function clearContent(cell: Cell): void {
  cell.v = null;
  delete cell.f;
  delete cell.fv;
}

export function clearFormat(cell: Cell): void {
  delete cell.bg;
  delete cell.fw;
  delete cell.nf;
}
