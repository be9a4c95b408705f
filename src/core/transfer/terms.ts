/**
 * Issue 18 + 16: the term mark in the extract "once periods exist". A period that ends within
 * the month of the extract (a quarter ending in October, the year in May) adds its final mark
 * — as «Итоги <период>» has it, the coordinator's override included — beside the month mark,
 * so the class teacher copies the lesson cells, the month mark and the term mark from one page.
 */
import type { IsoDate } from "../records.js";
import type { SubjectBlock } from "./types.js";

export interface TermMarks {
  /** «1 четверть». */
  period: string;
  /** The period's last day: the date the term mark carries in the CSV. */
  to: IsoDate;
  /** studentId|groupId -> the final mark as shown («5», «н/а», «зач»), absent when none. */
  marks: ReadonlyMap<string, string>;
}

export const pairKey = (studentId: string, groupId: string) => `${studentId}|${groupId}`;

/** The blocks with the term marks of every period given, in their order. */
export function withTermMarks(blocks: readonly SubjectBlock[], terms: readonly TermMarks[]): SubjectBlock[] {
  if (!terms.length) return [...blocks];
  return blocks.map((b) => ({
    ...b,
    terms: terms.map((t) => ({ period: t.period, to: t.to })),
    students: b.students.map((s) => ({
      ...s,
      termMarks: terms.map((t) => t.marks.get(pairKey(s.studentId, b.groupId)) ?? ""),
    })),
  }));
}
