/**
 * Issue 18: what the coordinator hands over to the class teachers — for each home class and
 * subject (a distance group), the class's students × the group's lesson dates of a month, each
 * cell as the tutor typed it, and the month mark.
 */
import type { IsoDate } from "../records.js";

/** One lesson column of a group: «2026-11-03», or «2026-11-03 (2)» for a second lesson that day. */
export interface TransferLesson {
  key: string;
  date: IsoDate;
  index: number;
  /** 1-based column in the journal sheet. */
  col: number;
}

export interface TransferStudent {
  studentId: string;
  /** As «Имена в отчёте» allows; "" shows the ID alone. */
  name: string;
  /** 1-based journal row, null when the journal has no row for the student. */
  row: number | null;
  /** One per lesson: the cell as typed, "" blank, null outside the student's enrollment. */
  cells: (string | null)[];
  /** «5», «4», …, «н/а», or "" when the pair is not counted this month. */
  monthMark: string;
  /** One per block `terms` entry: the period's final mark, "" when none (terms.ts). */
  termMarks?: string[];
}

/** One home class and one distance group (its subject) in one month. */
export interface SubjectBlock {
  className: string;
  groupId: string;
  subject: string;
  journalSheet: string;
  period: string;
  lessons: TransferLesson[];
  students: TransferStudent[];
  /** Periods ending within the month whose final marks go with the extract (terms.ts). */
  terms?: { period: string; to: IsoDate }[];
}

/** A cell changed since it was transferred: «исправление после переноса». */
export interface Correction {
  className: string;
  groupId: string;
  subject: string;
  period: string;
  studentId: string;
  name: string;
  /** The lesson key, or "month" for the month mark. */
  lesson: string;
  /** Journal sheet and A1 address ("" when the column or row is gone). */
  sheet: string;
  cell: string;
  old: string;
  new: string;
  /** From «Аудит» when it recorded the change ("" when it did not). */
  when: string;
  who: string;
  /** When the cell was transferred. */
  transferredAt: string;
}

/** The cells handed over once, kept in «Перенос в классные журналы» to find later changes. */
export interface Snapshot {
  lessons: string[];
  cells: Record<string, (string | null)[]>;
  marks: Record<string, string>;
}

/** A row of «Перенос в классные журналы». */
export interface TransferRecord {
  row: number;
  className: string;
  subject: string;
  groupId: string;
  period: string;
  at: string;
  by: string;
  corrections: number;
  snapshot: Snapshot | null;
}
