/**
 * One SheetWrite applied to one worksheet's parsed data: values, frozen rows, validations,
 * fills, bold header and protection. Cells not named by the write keep their XML.
 */
import { type CellValue, neutralize, type WriteValue } from "../../core/cells.js";
import type { SheetWrite } from "../../ports.js";
import { refOf } from "./address.js";
import { cellXml, type ReadContext, readCell } from "./cell-value.js";
import { padRows } from "./read-sheet.js";
import type { SheetData } from "./sheet-data.js";
import { clearValidations, setFrozenRows, setHeaderProtection, setValidations } from "./sheet-parts.js";
import type { Styles } from "./styles.js";
import { attr, startTag } from "./xml.js";

export interface WriteEffects {
  /** A formula was written (the workbook recalculates on opening). */
  formulaWritten: boolean;
  /** A cell that held a formula was overwritten (the calculation chain is stale). */
  formulaReplaced: boolean;
}

const blank = (v: CellValue) => v === null || (typeof v === "string" && v.trim() === "");

/** The sheet's values, row 0 = sheet row 1, trailing blank rows and columns trimmed. */
export function readValues(data: SheetData, ctx: ReadContext): CellValue[][] {
  const rows: CellValue[][] = [];
  let width = 0;
  for (const c of data.cells()) {
    const v = readCell(c.attrs, c.inner, ctx);
    if (blank(v)) continue;
    while (rows.length < c.row) rows.push([]);
    rows[c.row - 1][c.col - 1] = v;
    if (c.col > width) width = c.col;
  }
  return padRows(rows, width);
}

function styleOf(xml: string | undefined): number {
  return xml ? Number(attr(startTag(xml), "s") ?? 0) : 0;
}

function put(
  data: SheetData,
  ctx: ReadContext,
  fx: WriteEffects,
  row: number,
  col: number,
  v: WriteValue,
): void {
  const styles = ctx.styles;
  const old = data.cell(row, col);
  if (old?.includes("<f")) fx.formulaReplaced = true;
  let style = styleOf(old);
  if (v instanceof Date) {
    // A Date with a time of day (a feedback timestamp) keeps it visible.
    const withTime = v.getTime() % 86400000 !== 0;
    if (withTime || !styles.isDate(style))
      style = styles.derive(style, { numFmt: withTime ? "dd.mm.yyyy hh:mm:ss" : "dd.mm.yyyy" });
  }
  // Formula-like text («=1+1», «-5 по алгебре») is a string cell with Excel's hidden text
  // prefix instead of a visible apostrophe: never evaluated, shown and edited as typed.
  const quoted = typeof v === "string" && neutralize(v) !== v;
  if (quoted) style = styles.derive(style, { quotePrefix: true });
  const cell = cellXml(refOf(row, col), style, v, ctx.date1904, quoted);
  if (cell.formula) fx.formulaWritten = true;
  data.setCell(row, col, cell.xml);
}

function restyle(data: SheetData, row: number, col: number, style: (s: number) => number): void {
  const old = data.cell(row, col);
  const s = styleOf(old);
  const next = style(s);
  if (next === s) return;
  const tag = old ? startTag(old) : `<c r="${refOf(row, col)}"/>`;
  const body = old ? old.slice(tag.length) : "";
  const withS = tag.replace(/\s+s="\d+"/, "").replace(/^<c\b/, `<c s="${next}"`);
  data.setCell(row, col, `${withS}${body}`);
}

/**
 * Fills: a colour is set on each cell of the range through a new format copied from the cell's
 * own; "none" removes only a fill the program itself sets in this batch (its colours), so a
 * user's own colour in the range stays.
 */
function applyBackgrounds(data: SheetData, styles: Styles, w: SheetWrite): void {
  const ours = new Set(
    (w.backgrounds ?? []).map((b) => b.color && argb(b.color)).filter((c): c is string => !!c),
  );
  for (const bg of w.backgrounds ?? []) {
    const color = bg.color ? argb(bg.color) : null;
    for (let r = bg.range.row; r < bg.range.row + bg.range.rows; r++)
      for (let c = bg.range.col; c < bg.range.col + bg.range.cols; c++)
        restyle(data, r, c, (s) => {
          const current = styles.fillColor(s);
          if (color === null) return current && ours.has(current) ? styles.derive(s, { fill: null }) : s;
          return current === color ? s : styles.derive(s, { fill: color });
        });
  }
}

function argb(color: string): string {
  return `FF${color.replace("#", "").toUpperCase()}`;
}

export function applyWrite(
  data: SheetData,
  styles: Styles,
  ctx: ReadContext,
  w: SheetWrite,
  fx: WriteEffects,
): void {
  if (w.clear) {
    data.clear();
    data.tail = clearValidations(data.tail);
  }
  const block = (row: number, col: number, values: readonly (readonly WriteValue[])[]) => {
    for (let i = 0; i < values.length; i++)
      for (let j = 0; j < values[i].length; j++) put(data, ctx, fx, row + i, col + j, values[i][j]);
  };
  for (const b of w.cells ?? []) block(b.row, b.col, b.values);
  if (w.append?.length) block(readValues(data, ctx).length + 1, 1, w.append);
  if (w.frozenRows !== undefined) data.head = setFrozenRows(data.head, w.frozenRows);
  if (w.validations) data.tail = setValidations(data.tail, w.validations);
  if (w.backgrounds?.length) applyBackgrounds(data, styles, w);
  for (let r = 1; r <= (w.boldRows ?? 0); r++)
    for (const c of data.columnsOf(r))
      restyle(data, r, c, (s) => (styles.isBold(s) ? s : styles.derive(s, { bold: true })));
  if (w.protection) data.tail = setHeaderProtection(data.tail, w.protection.rows ?? 1);
}
