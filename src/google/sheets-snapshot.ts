/**
 * A whole spreadsheet read in ONE Sheets API call (spreadsheets.get with grid data): sheet
 * properties, protections and, per cell, the effective value and its number-format type, which
 * tells a date from a number (values.batchGet cannot: both come as serials). Pure and shared:
 * the Apps Script Sheets advanced service returns the same JSON as googleapis in Node.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import type { CellValue } from "../core/cells.js";
import type { Table } from "../ports.js";
import { type SheetInfo, serialToDate } from "./sheets-requests.js";

/** The one read: sheet properties, protections and, per cell, value + number-format type. */
export const SNAPSHOT_FIELDS =
  "properties.title," +
  "sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount,frozenRowCount))," +
  "protectedRanges(protectedRangeId,range)," +
  "data(startRow,startColumn,rowData.values(effectiveValue,effectiveFormat.numberFormat.type)))";

/** No cell data: names, sizes and protections (what a language, a cell count or a write plan needs). */
export const PROPERTIES_FIELDS =
  "sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount,frozenRowCount))," +
  "protectedRanges(protectedRangeId,range,warningOnly,editors.users))";

const DATE_TYPES = new Set(["DATE", "DATE_TIME", "TIME"]);
const NEUTRALISED = /^'[=+\-@\t\r]/;
const ERRORS: Record<string, string> = {
  NULL_VALUE: "#NULL!",
  DIVIDE_BY_ZERO: "#DIV/0!",
  VALUE: "#VALUE!",
  REF: "#REF!",
  NAME: "#NAME?",
  NUM: "#NUM!",
  N_A: "#N/A",
  LOADING: "#LOADING",
};

/** One cell as the port reads it: dates as port Dates (UTC fields = what the sheet shows). */
export function fromCell(c: sheets_v4.Schema$CellData | undefined): CellValue {
  const v = c?.effectiveValue;
  if (!v) return null;
  if (typeof v.stringValue === "string") {
    if (v.stringValue === "") return null;
    return NEUTRALISED.test(v.stringValue) ? v.stringValue.slice(1) : v.stringValue;
  }
  if (typeof v.numberValue === "number") {
    const type = c?.effectiveFormat?.numberFormat?.type;
    return type && DATE_TYPES.has(type) ? serialToDate(v.numberValue) : v.numberValue;
  }
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (v.errorValue) return ERRORS[v.errorValue.type ?? ""] ?? "#ERROR!";
  return null;
}

function blank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** Trailing blank rows and columns cut, every row as wide as the widest. */
export function trimGrid(grid: readonly CellValue[][]): CellValue[][] {
  let height = grid.length;
  while (height > 0 && grid[height - 1].every(blank)) height--;
  let width = 0;
  for (let r = 0; r < height; r++)
    for (let c = grid[r].length - 1; c >= width; c--)
      if (!blank(grid[r][c])) {
        width = c + 1;
        break;
      }
  return grid.slice(0, height).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
}

export function sheetInfo(s: sheets_v4.Schema$Sheet): SheetInfo {
  const p = s.properties ?? {};
  const g = p.gridProperties ?? {};
  return {
    sheetId: p.sheetId ?? 0,
    title: p.title ?? "",
    hidden: Boolean(p.hidden),
    rowCount: g.rowCount ?? 0,
    columnCount: g.columnCount ?? 0,
    frozenRowCount: g.frozenRowCount ?? 0,
    protectedRanges: (s.protectedRanges ?? []).map((r) => ({
      protectedRangeId: r.protectedRangeId ?? undefined,
      range: r.range ?? { sheetId: p.sheetId ?? 0 },
    })),
  };
}

/** A sheet's grid data as a port Table. */
export function tableOf(s: sheets_v4.Schema$Sheet): Table {
  return { sheet: s.properties?.title ?? "", values: trimGrid(gridOf(s)) };
}

/** A sheet's grid data, row 0 = its first row, blanks as null (not trimmed). */
export function gridOf(s: sheets_v4.Schema$Sheet): CellValue[][] {
  const grid: CellValue[][] = [];
  for (const d of s.data ?? []) {
    const r0 = d.startRow ?? 0;
    const c0 = d.startColumn ?? 0;
    (d.rowData ?? []).forEach((row, i) => {
      grid[r0 + i] ??= [];
      const line = grid[r0 + i];
      (row.values ?? []).forEach((cell, j) => {
        line[c0 + j] = fromCell(cell);
      });
    });
  }
  for (let i = 0; i < grid.length; i++) grid[i] = Array.from(grid[i] ?? [], (v) => v ?? null);
  return grid;
}

/** Give the protections a write added the ids Google assigned (so a rerun updates them). */
export function adoptProtectedRangeIds(list: SheetInfo[], replies: sheets_v4.Schema$Response[]): void {
  for (const r of replies) {
    const p = r.addProtectedRange?.protectedRange;
    if (p?.protectedRangeId == null || !p.range) continue;
    const s = list.find((x) => x.sheetId === (p.range?.sheetId ?? 0));
    const keys = ["startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"] as const;
    const slot = s?.protectedRanges.find(
      (x) =>
        x.protectedRangeId === undefined &&
        keys.every((k) => (x.range[k] ?? null) === (p.range?.[k] ?? null)),
    );
    if (slot) slot.protectedRangeId = p.protectedRangeId;
  }
}

/**
 * The sheet list as it is after a planned write (planSheetWrites' `sheets`), in the shape
 * spreadsheets.get answers: an adapter keeps it instead of asking again (issue 13: the sheet
 * list read once per execution). Rows a sheet got from appendCells beyond its planned grid are
 * not known here; a row count too low only makes a later plan grow the grid a little early.
 */
export function sheetOfInfo(s: SheetInfo): sheets_v4.Schema$Sheet {
  return {
    properties: {
      sheetId: s.sheetId,
      title: s.title,
      hidden: s.hidden,
      gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount, frozenRowCount: s.frozenRowCount },
    },
    protectedRanges: s.protectedRanges.map((p) => ({ protectedRangeId: p.protectedRangeId, range: p.range })),
  };
}
