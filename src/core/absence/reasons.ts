/**
 * «Причины пропусков» / «Absence reasons»: why a student missed a lesson, as the teacher or
 * tutor entered it in the sidebar. The sheet is append-only (who changed a reason, and when,
 * stays readable); the latest row for a student, group and date is the reason in force, and
 * a blank reason there withdraws it. Pure: a reader for the monthly report's absentee list.
 */
import type { CellValue } from "../cells.js";
import { parseTable } from "../parse/table.js";
import { SHEETS } from "../schema.js";

export interface AbsenceReason {
  studentId: string;
  groupId: string;
  /** "YYYY-MM-DD" */
  date: string;
  reason: string;
  enteredBy: string;
  /** 1-based row on the sheet (the latest entry). */
  row: number;
}

export interface AbsenceReasons {
  /** column key -> 1-based column of this workbook's sheet. */
  columns: Record<string, number>;
  /** Reasons in force (non-blank), in sheet order of their latest entry. */
  list: AbsenceReason[];
  /** studentId|groupId|date -> the reason in force. */
  byKey: Map<string, AbsenceReason>;
}

export const reasonKey = (studentId: string, groupId: string, date: string) =>
  `${studentId}|${groupId}|${date}`;

const text = (v: unknown) =>
  typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : String(v);

/** Read the sheet's values (header row first); an absent sheet is `[]`. */
export function readAbsenceReasons(tab: string, values: readonly (readonly CellValue[])[]): AbsenceReasons {
  const byKey = new Map<string, AbsenceReason>();
  if (!values.length) return { columns: {}, list: [], byKey };
  const t = parseTable(SHEETS.absenceReasons, tab, values);
  for (const r of t.rows) {
    const f = r.fields;
    const date = text(f.date);
    const entry: AbsenceReason = {
      studentId: text(f.studentId),
      groupId: text(f.groupId),
      date,
      reason: text(f.reason),
      enteredBy: text(f.enteredBy),
      row: r.row,
    };
    if (!entry.studentId || !entry.groupId || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    const key = reasonKey(entry.studentId, entry.groupId, date);
    byKey.delete(key); // re-insert: the latest entry decides the order too
    byKey.set(key, entry);
  }
  for (const [k, v] of byKey) if (!v.reason) byKey.delete(k);
  return { columns: t.columns, list: [...byKey.values()], byKey };
}

/** The reasons of one month ("YYYY-MM"), for a report's absentee list. */
export function reasonsInMonth(r: AbsenceReasons, month: string): AbsenceReason[] {
  return r.list.filter((x) => x.date.startsWith(`${month}-`));
}

/** «studentId|groupId» -> «16.11 — справка» lines of one month, for the report's hook. */
export function reasonLinesByPair(
  r: AbsenceReasons,
  month: string,
  lang: "ru" | "en",
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const sorted = reasonsInMonth(r, month).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const x of sorted) {
    const day = lang === "ru" ? `${x.date.slice(8, 10)}.${x.date.slice(5, 7)}` : x.date;
    const k = `${x.studentId}|${x.groupId}`;
    out.set(k, [...(out.get(k) ?? []), `${day} — ${x.reason}`]);
  }
  return out;
}
