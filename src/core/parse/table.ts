/**
 * One known sheet: header row -> column map (any order, either language, unknown columns
 * ignored but kept in the sheet), then every non-blank row -> typed fields + issues.
 * No row is ever dropped: a row with bad cells comes back with its issues.
 */
import { a1, type CellValue, cellText, isBlank } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import { columnKeyOf, type SheetSpec } from "../schema.js";
import { type Parsed, readCell } from "./cells.js";

export interface ParsedRow {
  /** 1-based sheet row. */
  row: number;
  fields: Record<string, Parsed>;
}

export interface ParsedTable {
  sheet: string;
  /** column key -> 1-based column */
  columns: Record<string, number>;
  rows: ParsedRow[];
  issues: Issue[];
}

export function parseTable(
  spec: SheetSpec,
  sheet: string,
  values: readonly (readonly CellValue[])[],
): ParsedTable {
  const issues: Issue[] = [];
  const columns: Record<string, number> = {};
  const header = values[0] ?? [];
  header.forEach((h, i) => {
    const key = columnKeyOf(spec, h);
    if (!key) return;
    if (columns[key] !== undefined) {
      issues.push(
        issue(
          sheet,
          a1(1, i + 1),
          "duplicate-column",
          {
            ru: `Столбец «${cellText(h)}» повторяется (первый — ${a1(1, columns[key])}); этот не читается`,
            en: `Column "${cellText(h)}" is repeated (first in ${a1(1, columns[key])}); this one is not read`,
          },
          "warning",
        ),
      );
      return;
    }
    columns[key] = i + 1;
  });
  const width = header.length;
  for (const c of spec.columns) {
    if (c.required && columns[c.key] === undefined) {
      issues.push(
        issue(sheet, a1(1, width + 1), "missing-column", {
          ru: `Нет столбца «${c.ru}» (или «${c.en}»)`,
          en: `Missing column "${c.en}" (or "${c.ru}")`,
        }),
      );
    }
  }
  const rows: ParsedRow[] = [];
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every(isBlank)) continue;
    const fields: Record<string, Parsed> = {};
    for (const c of spec.columns) {
      const col = columns[c.key];
      if (col === undefined) {
        fields[c.key] = null;
        continue;
      }
      const { value, problem } = readCell(c, line[col - 1]);
      fields[c.key] = value;
      const where = a1(r + 1, col);
      if (problem) issues.push(issue(sheet, where, problem.code, problem.message, problem.severity));
      else if (c.required && value === null) {
        issues.push(
          issue(sheet, where, "required", {
            ru: `Не заполнено обязательное поле «${c.ru}»`,
            en: `Required field "${c.en}" is empty`,
          }),
        );
      }
    }
    rows.push({ row: r + 1, fields });
  }
  return { sheet, columns, rows, issues };
}
