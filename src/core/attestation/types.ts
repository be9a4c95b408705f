/** Issue 16: the school's periods, the attestation schedule and its results, as records. */
import type { HhMm, IsoDate, LessonMode } from "../records.js";

export type PeriodKind = "quarter" | "trimester" | "half" | "year";

/** A row of «Учебные периоды» / «Periods». */
export interface Period {
  row: number;
  name: string;
  kind: PeriodKind | null;
  from: IsoDate | null;
  to: IsoDate | null;
  /** Subjects every student of the period must have an attestation in («Обязательная аттестация»). */
  required: string[];
}

export type AttestationKind = "intermediate" | "final";

/** A row of «Аттестация» / «Attestation». */
export interface Attestation {
  row: number;
  id: string;
  kind: AttestationKind | null;
  form: string | null;
  /** A group ID, or a class («9А») when the whole class sits it. */
  groupId: string;
  subject: string;
  date: IsoDate | null;
  start: HhMm | null;
  end: HhMm | null;
  mode: LessonMode | null;
  place: string;
  examinerId: string;
  assistantId: string;
  /** The period's name as typed; blank means the period whose dates hold the attestation's date. */
  period: string;
  consultationDate: IsoDate | null;
  consultationTime: HhMm | null;
  notified: IsoDate | null;
}

/** One result cell: a mark, зач / незач, н (absent), у (excused), осв (exempt). */
export type ResultValue =
  | { kind: "mark"; mark: number }
  | { kind: "pass" }
  | { kind: "fail" }
  | { kind: "absent" }
  | { kind: "excused" }
  | { kind: "exempt" };

/** A student's line on «Аттестация <ID>». */
export interface ResultLine {
  studentId: string;
  /** 1-based sheet row. */
  row: number;
  /** null: blank (not entered yet) or not readable (an issue says which). */
  value: ResultValue | null;
  /** The cell as typed (blank is ""). */
  text: string;
  comment: string;
}

/** «Аттестация <ID>» as read. */
export interface ResultSheet {
  attestationId: string;
  sheet: string;
  lines: ResultLine[];
}
