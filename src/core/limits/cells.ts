/**
 * The spreadsheet's cell limit as a problem to see before it bites: Google Sheets refuses any
 * change that would pass 10,000,000 cells (every sheet's rows × columns, blank cells too), so
 * «Обновить журналы» would stop working mid-year. At 80 % «Проблемы» says so, with the
 * biggest sheets to trim. Pure: the adapter counts the cells.
 */
import { type Issue, issue } from "../issues.js";

export const CELL_LIMIT = 10_000_000;
export const CELL_WARNING_SHARE = 0.8;

export interface SheetGrid {
  sheet: string;
  rows: number;
  cols: number;
}

const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");

/** A warning when the grids hold 80 % of the limit or more; null below it. */
export function cellLimitIssue(grids: readonly SheetGrid[], limit = CELL_LIMIT): Issue | null {
  const total = grids.reduce((n, g) => n + g.rows * g.cols, 0);
  if (total < limit * CELL_WARNING_SHARE) return null;
  const share = Math.floor((total / limit) * 100);
  const top = [...grids].sort((a, b) => b.rows * b.cols - a.rows * a.cols).slice(0, 3);
  const biggest = top.map((g) => `«${g.sheet}» ${g.rows}×${g.cols}`).join(", ");
  // Addressed to the biggest sheet: the first place to trim.
  return issue(
    top[0]?.sheet ?? "",
    "",
    "cell-limit",
    {
      ru: `В книге ${fmt(total)} ячеек — ${share} % предела Google Таблиц (${fmt(limit)}); за пределом журналы перестанут обновляться. Удалите пустые строки и столбцы или перенесите старые листы в другую книгу. Самые большие: ${biggest}`,
      en: `The workbook has ${fmt(total)} cells, ${share}% of the Google Sheets limit (${fmt(limit)}); past it journals can no longer be updated. Delete blank rows and columns or move old sheets to another file. Biggest: ${biggest}`,
    },
    "warning",
  );
}
