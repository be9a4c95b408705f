/**
 * The three-way merge of one journal cell between the master workbook and the tutors' journal
 * workbook. The base is the value both held after the last sync (kept in the master, see
 * state.ts); values compare as text, so 5 typed as a number equals «5» typed as text.
 * - same in both: nothing to write (the base follows);
 * - changed only in the journal workbook: applied to the master (audited);
 * - changed only in the master, or absent from the journal workbook (a new lesson or a new
 *   student): pushed to the journal workbook;
 * - changed in both to different values: a conflict, neither side is overwritten and the base
 *   stays, so it is listed again on every sync until a person makes the two agree.
 */
import { type CellValue, cellText } from "../cells.js";

export interface CellChange {
  key: string;
  old: CellValue;
  value: CellValue;
}

export interface CellConflict {
  key: string;
  base: string;
  master: CellValue;
  journal: CellValue;
}

export interface Merge {
  toMaster: CellChange[];
  toJournal: CellChange[];
  conflicts: CellConflict[];
  /** The base after this sync: non-blank texts only (blank is the absence of a key). */
  base: Map<string, string>;
}

const text = (v: CellValue | undefined) => cellText(v).trim();

/**
 * Merge every master cell (keys of `master`, blanks included) with the journal workbook's
 * cell of the same key; journal keys the master lacks are ignored (the master is the record).
 */
export function mergeCells(
  base: ReadonlyMap<string, string>,
  master: ReadonlyMap<string, CellValue>,
  journal: ReadonlyMap<string, CellValue>,
): Merge {
  const out: Merge = { toMaster: [], toJournal: [], conflicts: [], base: new Map() };
  const keep = (key: string, t: string) => {
    if (t) out.base.set(key, t);
  };
  for (const [key, m] of master) {
    const mt = text(m);
    if (!journal.has(key)) {
      if (mt) out.toJournal.push({ key, old: null, value: m });
      keep(key, mt);
      continue;
    }
    const j = journal.get(key) ?? null;
    const jt = text(j);
    const b = base.get(key) ?? "";
    if (mt === jt) keep(key, mt);
    else if (jt === b) {
      out.toJournal.push({ key, old: j, value: m });
      keep(key, mt);
    } else if (mt === b) {
      out.toMaster.push({ key, old: m, value: j });
      keep(key, jt);
    } else {
      out.conflicts.push({ key, base: b, master: m, journal: j });
      keep(key, b);
    }
  }
  return out;
}
