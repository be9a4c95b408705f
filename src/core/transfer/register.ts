/**
 * «Перенос в классные журналы» / Transfers: one row per class, group and period handed over,
 * with a compact JSON snapshot of the cells, so that a cell changed later is found and listed.
 * The latest row of a (class, group, period) is the baseline.
 */
import { a1, type CellValue, type WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import { classKey } from "../metrics/klass.js";
import { parseTable } from "../parse/table.js";
import { SHEETS } from "../schema.js";
import type { Snapshot, SubjectBlock, TransferRecord } from "./types.js";

export function snapshotOf(block: SubjectBlock): Snapshot {
  const cells: Snapshot["cells"] = {};
  const marks: Snapshot["marks"] = {};
  for (const s of block.students) {
    cells[s.studentId] = s.cells;
    marks[s.studentId] = s.monthMark;
  }
  return { lessons: block.lessons.map((l) => l.key), cells, marks };
}

export function encodeSnapshot(s: Snapshot): string {
  return JSON.stringify({ v: 1, d: s.lessons, c: s.cells, m: s.marks });
}

export function decodeSnapshot(text: string): Snapshot | null {
  try {
    const o = JSON.parse(text) as { v?: number; d?: unknown; c?: unknown; m?: unknown };
    if (o?.v !== 1 || !Array.isArray(o.d) || typeof o.c !== "object" || o.c === null) return null;
    return {
      lessons: o.d.map(String),
      cells: o.c as Snapshot["cells"],
      marks: (typeof o.m === "object" && o.m !== null ? o.m : {}) as Snapshot["marks"],
    };
  } catch {
    return null;
  }
}

/** Rows of the register, with an issue for a snapshot that no longer reads (e.g. edited by hand). */
export function readTransfers(
  sheet: string,
  values: readonly (readonly CellValue[])[],
): { records: TransferRecord[]; issues: Issue[] } {
  const t = parseTable(SHEETS.transfers, sheet, values);
  const issues = [...t.issues];
  const records = t.rows.map((r) => {
    const f = r.fields;
    const text = f.snapshot === null ? "" : String(f.snapshot);
    const snapshot = text ? decodeSnapshot(text) : null;
    if (text && !snapshot && t.columns.snapshot)
      issues.push(
        issue(
          sheet,
          a1(r.row, t.columns.snapshot),
          "other",
          {
            ru: "Снимок переноса не читается; исправления после этого переноса не найти",
            en: "The transfer snapshot does not read; changes after this transfer cannot be found",
          },
          "warning",
        ),
      );
    return {
      row: r.row,
      className: String(f.className ?? ""),
      subject: String(f.subject ?? ""),
      groupId: String(f.groupId ?? ""),
      period: String(f.period ?? ""),
      at: String(f.at ?? "").replace("T", " "),
      by: String(f.by ?? ""),
      corrections: typeof f.corrections === "number" ? f.corrections : 0,
      snapshot,
    };
  });
  return { records, issues };
}

/** The latest record of each (class, group, period): the cells as last handed over. */
export function latestTransfers(records: readonly TransferRecord[]): TransferRecord[] {
  const out = new Map<string, TransferRecord>();
  for (const r of records) {
    const k = `${classKey(r.className)}\u0000${r.groupId}\u0000${r.period}`;
    const prev = out.get(k);
    if (!prev || prev.at <= r.at) out.set(k, r);
  }
  return [...out.values()];
}

/** A register row for a block handed over now. */
export function transferRow(block: SubjectBlock, at: string, by: string, corrections: number): WriteValue[] {
  return [
    block.className,
    block.subject,
    block.groupId,
    block.period,
    at,
    by,
    corrections,
    encodeSnapshot(snapshotOf(block)),
  ];
}

export function transferHeader(lang: Lang): string[] {
  return SHEETS.transfers.columns.map((c) => c[lang]);
}
