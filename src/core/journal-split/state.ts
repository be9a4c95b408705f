/**
 * The sync's memory, kept in the master (hidden sheet «_journals_sync»): for every journal
 * cell that was not blank after the last sync, its value then — the base of the three-way
 * merge. One row per cell: the master's journal tab, the student ID (#topic for the topic
 * row), the lesson header, the value. Rewritten whole by each sync in the master's one write.
 */
import type { SheetWrite } from "../../ports.js";
import { type CellValue, cellText, type WriteValue } from "../cells.js";
import { cellKey, splitKey } from "./grid.js";

export const SYNC_STATE_SHEET = "_journals_sync";
const HEADER = ["Sheet", "ID", "Lesson", "Value"];

/** Base values per master journal tab. */
export type SyncBase = Map<string, Map<string, string>>;

export function readSyncBase(values: readonly (readonly CellValue[])[]): SyncBase {
  const out: SyncBase = new Map();
  for (const row of values.slice(1)) {
    const [sheet, id, lesson, value] = [0, 1, 2, 3].map((i) => cellText(row[i]));
    if (!sheet || !id || !lesson || !value) continue;
    const m = out.get(sheet) ?? new Map<string, string>();
    m.set(cellKey(id, lesson), value);
    out.set(sheet, m);
  }
  return out;
}

export function syncBaseWrite(base: SyncBase, exists: boolean): SheetWrite {
  const rows: WriteValue[][] = [HEADER];
  for (const sheet of [...base.keys()].sort())
    for (const [key, value] of base.get(sheet)!) {
      const { rowId, lesson } = splitKey(key);
      // Stored as text: «5» and 5 compare equal anyway, and a value such as «=…» is neutralised by the adapter.
      rows.push([sheet, rowId, lesson, value]);
    }
  return {
    sheet: SYNC_STATE_SHEET,
    ...(exists ? {} : { create: true }),
    clear: true,
    cells: [{ row: 1, col: 1, values: rows }],
    hidden: true,
  };
}
