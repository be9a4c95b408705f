/** A plain in-memory Workbook for core/app tests: same semantics as the adapters, no service. */
import { type CellValue, isFormula, safeCell, type WriteValue } from "../../src/core/cells.js";
import type { SheetWrite, Table, Workbook } from "../../src/ports.js";

function readBack(v: WriteValue): CellValue {
  if (isFormula(v)) return v.formula;
  if (typeof v === "string" && /^'[=+\-@\t\r]/.test(v)) return v.slice(1);
  return v;
}

function trim(values: CellValue[][]): CellValue[][] {
  const blank = (v: CellValue) => v === null || v === "";
  const rows = values.map((r) => {
    const out = [...r];
    return out;
  });
  while (rows.length && rows[rows.length - 1].every(blank)) rows.pop();
  let width = 0;
  for (const r of rows)
    for (let i = r.length - 1; i >= 0; i--)
      if (!blank(r[i])) {
        width = Math.max(width, i + 1);
        break;
      }
  return rows.map((r) =>
    Array.from({ length: width }, (_, i) => (r[i] === undefined || r[i] === "" ? null : r[i])),
  );
}

export class MemoryWorkbook implements Workbook {
  readonly sheets = new Map<string, CellValue[][]>();
  readonly writes: SheetWrite[][] = [];
  readonly meta = new Map<string, Omit<SheetWrite, "sheet" | "cells" | "append" | "clear" | "create">>();
  reads = 0;

  constructor(init: Record<string, CellValue[][]> = {}) {
    for (const [k, v] of Object.entries(init))
      this.sheets.set(
        k,
        v.map((r) => [...r]),
      );
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  read(names: readonly string[]): Map<string, Table> {
    this.reads++;
    const out = new Map<string, Table>();
    for (const n of names) {
      const v = this.sheets.get(n);
      if (v) out.set(n, { sheet: n, values: trim(v) });
    }
    return out;
  }

  write(batch: readonly SheetWrite[]): void {
    this.writes.push([...batch]);
    for (const w of batch) {
      let grid = this.sheets.get(w.sheet);
      if (!grid) {
        if (!w.create) throw new Error(`No sheet ${w.sheet}`);
        grid = [];
        this.sheets.set(w.sheet, grid);
      }
      if (w.clear) grid.length = 0;
      const put = (row: number, col: number, v: WriteValue) => {
        while (grid!.length < row) grid!.push([]);
        const r = grid![row - 1];
        while (r.length < col) r.push(null);
        r[col - 1] = readBack(safeCell(v));
      };
      for (const b of w.cells ?? []) {
        b.values.forEach((line, i) => {
          line.forEach((v, j) => {
            put(b.row + i, b.col + j, v);
          });
        });
      }
      if (w.append?.length) {
        const start = trim(grid).length + 1;
        w.append.forEach((line, i) => {
          line.forEach((v, j) => {
            put(start + i, j + 1, v);
          });
        });
      }
      const { sheet: _s, cells: _c, append: _a, clear: _cl, create: _cr, ...rest } = w;
      this.meta.set(w.sheet, { ...this.meta.get(w.sheet), ...rest });
    }
  }
}
