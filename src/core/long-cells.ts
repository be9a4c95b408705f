/**
 * Excel's limit of 32,767 characters in a cell ("Excel specifications and limits"): Excel cuts
 * longer text when it opens the file. `check` reports such cells; the .xlsx writer never writes one.
 */

import type { Table } from "../ports.js";
import { a1 } from "./cells.js";
import { type Issue, issue } from "./issues.js";

export const MAX_CELL_TEXT = 32767;

export function longCellIssues(tables: Iterable<Table>): Issue[] {
  const out: Issue[] = [];
  for (const t of tables)
    t.values.forEach((row, r) => {
      row.forEach((v, c) => {
        if (typeof v === "string" && v.length > MAX_CELL_TEXT)
          out.push(
            issue(
              t.sheet,
              a1(r + 1, c + 1),
              "too-long",
              {
                ru: `В ячейке ${v.length} символов, а Excel хранит не больше 32 767: при открытии в Excel текст обрежется. Сократите его или перенесите в документ`,
                en: `The cell holds ${v.length} characters; Excel keeps at most 32,767 and cuts the rest when opening the file. Shorten it or move it to a document`,
              },
              "warning",
            ),
          );
      });
    });
  return out;
}
