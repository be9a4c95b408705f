/**
 * Typed records parsed from the workbook. Dates are ISO strings "YYYY-MM-DD" (calendar
 * dates, no time zone), times "HH:MM". `row` is the 1-based sheet row the record came from,
 * so every figure can point back to a cell.
 */
import type { Lang } from "./i18n.js";

export type IsoDate = string;
export type HhMm = string;

interface FromRow {
  row: number;
}

export type StudentStatus = "applied" | "active" | "left";
export type StaffRole = "teacher" | "tutor" | "coordinator" | "support";
export type LessonMode = "online" | "offline";
export type ChangeKind = "cancel" | "move" | "extra" | "consultation";

export interface Student extends FromRow {
  id: string;
  name: string;
  className: string;
  status: StudentStatus | null;
  parent: string;
  parentEmail: string;
  parentPhone: string;
  channel: string;
  consent: boolean | null;
  needs: string;
  note: string;
  /** «Логин СДО»: LMS / meeting accounts, comma-separated (optional so hand-built records need not name it). */
  lmsLogin?: string;
}

export interface Staff extends FromRow {
  id: string;
  name: string;
  role: StaffRole | null;
  email: string;
  phone: string;
  subjects: string;
  /** «Логин СДО»: LMS / meeting accounts, comma-separated. */
  lmsLogin?: string;
}

export interface Group extends FromRow {
  id: string;
  title: string;
  subject: string;
  teacherId: string;
  tutorId: string;
  link: string;
  note: string;
}

export interface Enrollment extends FromRow {
  studentId: string;
  groupId: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

export interface Slot extends FromRow {
  groupId: string;
  /** 1 = Monday .. 7 = Sunday (ISO). */
  weekday: number | null;
  start: HhMm | null;
  end: HhMm | null;
  mode: LessonMode | null;
  from: IsoDate | null;
  to: IsoDate | null;
}

export interface ScheduleChange extends FromRow {
  date: IsoDate | null;
  groupId: string;
  kind: ChangeKind | null;
  start: HhMm | null;
  end: HhMm | null;
  newDate: IsoDate | null;
  reason: string;
  notified: IsoDate | null;
}

export interface Holiday extends FromRow {
  from: IsoDate | null;
  to: IsoDate | null;
  name: string;
}

export interface Contact extends FromRow {
  date: IsoDate | null;
  staffId: string;
  /** "" = all groups of the staff member */
  groupId: string;
  studentId: string;
  channel: string;
  summary: string;
}

export interface Feedback extends FromRow {
  /** ISO date-time "YYYY-MM-DDTHH:MM:SS" (workbook local time), or "" when unreadable. */
  timestamp: string;
  token: string;
  studentId: string;
  rating: number | null;
  good: string;
  problems: string;
  question: string;
  answered: IsoDate | null;
}

export interface Settings {
  school: string;
  schoolYear: string;
  language: Lang;
  timeZone: string;
  /** percent, e.g. 30 */
  absenceThreshold: number;
  daysWithoutContact: number;
  roundingThreshold: number;
  minimumMarks: number;
  naWeight: number;
  reportRecipients: string[];
  reportFolder: string;
  schoolContact: string;
  /** A Drive folder ID or link (a shared drive's, for a service account); "" = by name. */
  reportFolderId: string;
  // The monthly report as a school document (issue 15).
  schoolCode: string;
  director: string;
  reportAddressee: string;
  coordinator: string;
  coordinatorPhone: string;
  /** «Имена в отчёте»: every name, names only where consent is «да», or IDs only. */
  namesInReport: NamesInReport;
  /** Problem thresholds, percent; notAssessedAllowed is a count per group. */
  successThreshold: number;
  qualityThreshold: number;
  attendanceThreshold: number;
  journalFillThreshold: number;
  notAssessedAllowed: number;
  // Period marks and the attestation schedule (issue 16).
  periodRoundingThreshold: number;
  periodMinimumMarks: number;
  finalMarkRule: FinalMarkRule;
  attestationWeight: number;
  attestationsPerDay: number;
  attestationsPerWeek: number;
}

/** «Итоговая отметка»: the period's final mark by its marks, with the attestation weighted, or decided by it. */
export type FinalMarkRule = "marks" | "weighted" | "attestation";

export type NamesInReport = "all" | "consent" | "ids";

export const DEFAULT_SETTINGS: Settings = {
  school: "",
  schoolYear: "",
  language: "ru",
  timeZone: "Europe/Moscow",
  absenceThreshold: 30,
  daysWithoutContact: 7,
  roundingThreshold: 0.5,
  minimumMarks: 3,
  naWeight: 7,
  reportRecipients: [],
  reportFolder: "",
  schoolContact: "",
  reportFolderId: "",
  schoolCode: "",
  director: "",
  reportAddressee: "",
  coordinator: "",
  coordinatorPhone: "",
  namesInReport: "consent",
  successThreshold: 80,
  qualityThreshold: 30,
  attendanceThreshold: 85,
  journalFillThreshold: 100,
  notAssessedAllowed: 0,
  periodRoundingThreshold: 0.5,
  periodMinimumMarks: 3,
  finalMarkRule: "marks",
  attestationWeight: 2,
  attestationsPerDay: 1,
  attestationsPerWeek: 3,
};
