/**
 * «Исправления после переноса»: cells of a block that differ from the snapshot of its latest
 * transfer (a mark entered late, a code changed, a lesson column added), each with who changed
 * it and when, where «Аудит» recorded that after the transfer.
 */
import { a1 } from "../cells.js";
import { classKey } from "../metrics/klass.js";
import type { Correction, SubjectBlock, TransferRecord } from "./types.js";

/** One «Аудит» row as read: when ("YYYY-MM-DD HH:MM:SS"), who, sheet, cell. */
export interface AuditRow {
  when: string;
  who: string;
  sheet: string;
  cell: string;
}

function lastChange(audit: readonly AuditRow[], sheet: string, cell: string, after: string) {
  let found: AuditRow | undefined;
  for (const a of audit)
    if (a.sheet === sheet && a.cell === cell && a.when > after && (!found || a.when >= found.when)) found = a;
  return found;
}

/** Differences of one block from its transfer record's snapshot. */
export function correctionsOf(
  block: SubjectBlock,
  record: TransferRecord,
  audit: readonly AuditRow[],
): Correction[] {
  const snap = record.snapshot;
  if (!snap) return [];
  const out: Correction[] = [];
  const keys = [...new Set([...snap.lessons, ...block.lessons.map((l) => l.key)])].sort();
  const ids = [...new Set([...Object.keys(snap.cells), ...block.students.map((s) => s.studentId)])];
  for (const id of ids) {
    const now = block.students.find((s) => s.studentId === id);
    const before = snap.cells[id] ?? [];
    const add = (lesson: string, cell: string, old: string, value: string) => {
      const change = cell ? lastChange(audit, block.journalSheet, cell, record.at) : undefined;
      out.push({
        className: block.className,
        groupId: block.groupId,
        subject: block.subject,
        period: block.period,
        studentId: id,
        name: now?.name ?? "",
        lesson,
        sheet: cell ? block.journalSheet : "",
        cell,
        old,
        new: value,
        when: change?.when ?? "",
        who: change?.who ?? "",
        transferredAt: record.at,
      });
    };
    for (const key of keys) {
      const i = snap.lessons.indexOf(key);
      const j = block.lessons.findIndex((l) => l.key === key);
      const old = i >= 0 ? (before[i] ?? "") : "";
      const value = j >= 0 && now ? (now.cells[j] ?? "") : "";
      if (old === value) continue;
      const cell = j >= 0 && now?.row ? a1(now.row, block.lessons[j].col) : "";
      add(key, cell, old, value);
    }
    const oldMark = snap.marks[id] ?? "";
    const mark = now?.monthMark ?? "";
    if (oldMark !== mark) add("month", "", oldMark, mark);
  }
  return out;
}

/** The record of a block's latest transfer, if it was ever handed over. */
export function recordOf(block: SubjectBlock, latest: readonly TransferRecord[]): TransferRecord | undefined {
  const k = classKey(block.className);
  return latest.find(
    (r) => classKey(r.className) === k && r.groupId === block.groupId && r.period === block.period,
  );
}
