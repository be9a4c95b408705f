/**
 * Monthly figures (WORKBOOK-FORMAT «Monthly figures (definitions)»): the shapes computeMonth
 * returns. Every percentage is 0..100, unrounded; formatting happens at the edge (format.ts).
 */
import type { IsoDate, StaffRole } from "../records.js";

/** A month mark: 1..5, «н/а» (too few marks), or null when the pair is not counted (no lessons). */
export type MonthMark = number | "н/а" | null;

export type RiskReason = "absences" | "low-mark" | "no-mark";

/** The settings a month was computed with, kept beside the figures so a report can quote them. */
export interface MetricSettings {
  /** percent, e.g. 30 */
  absenceThreshold: number;
  roundingThreshold: number;
  minimumMarks: number;
  naWeight: number;
  daysWithoutContact: number;
}

/** One student in one group for the month. */
export interface PairFigures {
  studentId: string;
  name: string;
  /** The student's data consent (Students «Согласие на обработку ПДн»): names follow «Имена в отчёте». */
  consent: boolean | null;
  className: string;
  groupId: string;
  /** 1-based row of the student in the group's journal; null when the journal has no row for them. */
  journalRow: number | null;
  /** Journal columns dated in M inside the enrollment, without «осв» and invalid cells. */
  lessons: number;
  /** н + у + б */
  absences: number;
  unexcused: number;
  excused: number;
  ill: number;
  late: number;
  exempt: number;
  /** Cells `нз` / `m` (alone or with a mark): assignments not done (grammar `assignmentMissing`). */
  missedAssignments: number;
  /** Cells with a token outside the grammar: left out of every figure, counted only to show. */
  invalid: number;
  /** absences / lessons, 0..1 (0 when lessons = 0). */
  missedShare: number;
  marks: number[];
  /** Unrounded mean of marks; null without marks. */
  average: number | null;
  monthMark: MonthMark;
  passes: number;
  fails: number;
  /** lessons > 0: the pair takes part in group, class and school figures. */
  counted: boolean;
  atRisk: boolean;
  riskReasons: RiskReason[];
}

/**
 * Students of a set by category (WORKBOOK-FORMAT «Monthly figures»): each counted student falls
 * in exactly one of notAssessed, failing, excellent, good, satisfactory by the month marks of
 * all their counted pairs in the set; oneThree is the satisfactory students with exactly one 3.
 */
export interface Categories {
  excellent: number;
  good: number;
  satisfactory: number;
  oneThree: number;
  failing: number;
  notAssessed: number;
}

/**
 * Figures over a set of counted pairs (a group, a class, the school). null where N = 0.
 * success and quality count STUDENTS by category (over S = students); СОУ, the average and
 * attendance stay over the pairs. For a group (one pair per student) both readings agree.
 */
export interface SetFigures {
  /** Distinct students counted (S). */
  students: number;
  /** Month marks, «н/а» included (= counted pairs). */
  N: number;
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  n1: number;
  nNa: number;
  categories: Categories;
  /** Σ lessons and Σ absences (н + у + б) over the counted pairs, and each kind apart. */
  lessons: number;
  absences: number;
  unexcused: number;
  excused: number;
  ill: number;
  late: number;
  missedAssignments: number;
  /** Movement in M (computeMonth fills these; 0 from aggregate alone). */
  arrived: number;
  left: number;
  /** Counted pairs at risk. */
  atRisk: number;
  success: number | null;
  quality: number | null;
  sou: number | null;
  /** Mean of the pairs' unrounded averages, over pairs with marks. */
  average: number | null;
  attendance: number | null;
}

export interface GroupFigures extends SetFigures {
  groupId: string;
  title: string;
  subject: string;
  teacherId: string;
  tutorId: string;
  /** The group has a journal tab. */
  hasJournal: boolean;
  /** Journal columns dated in M (= lessons held). */
  columns: number;
  /** Columns in M with at least one counted non-blank cell. */
  filledColumns: number;
  /** filledColumns·100/columns; null without columns. */
  journalFill: number | null;
  /** Lessons of the group in M from the schedule and its changes. */
  planned: number;
  /** The group's first lesson: journal column (any month) or planned lesson up to M; null when none. */
  firstLesson: IsoDate | null;
  /** The last journal column on or before the end of M with a non-blank cell: a held lesson. */
  lastHeld: IsoDate | null;
}

/** Contact of one staff member with one of their groups. */
export interface GroupContact {
  groupId: string;
  /** As teacher or tutor (a person can be both in different groups). */
  as: "teacher" | "tutor";
  /** Latest contact-log entry (for the group or for all) or, for its teacher, held lesson, ≤ end of M. */
  lastContact: IsoDate | null;
  /** Days from lastContact (or the group's first lesson) to the end of M; null before any lesson. */
  days: number | null;
  /** days > «Дней без контакта». */
  stale: boolean;
}

export interface ClassFigures extends SetFigures {
  className: string;
}

export interface StaffFigures {
  staffId: string;
  name: string;
  role: StaffRole | null;
  /** Groups where the person is teacher or tutor, in Groups order. */
  groups: string[];
  /** Lessons of those groups planned in M (schedule and changes). */
  planned: number;
  /** Journal columns of those groups dated in M. */
  held: number;
  /** Contacts logged by the person dated in M. */
  contacts: number;
  /** Latest contact dated on or before the last day of M. */
  lastContact: IsoDate | null;
  /** Days from lastContact to the last day of M; null when never. */
  daysSinceContact: number | null;
  /** Never, or daysSinceContact > «Дней без контакта». */
  noContact: boolean;
  /** Their groups with no contact (for that group or for all groups) within «Дней без контакта». */
  groupsWithoutContact: string[];
  /** Per group, in `groups` order. */
  groupContacts: GroupContact[];
}

export interface MonthFigures {
  /** "YYYY-MM" */
  month: string;
  from: IsoDate;
  to: IsoDate;
  settings: MetricSettings;
  /** Every (student, group) pair whose enrollment touches M, counted or not. */
  pairs: PairFigures[];
  groups: GroupFigures[];
  classes: ClassFigures[];
  staff: StaffFigures[];
  /** The school: every class together (students by category, pairs for СОУ and attendance). */
  school: SetFigures;
  /** Counted pairs at risk, in pairs order. */
  atRisk: PairFigures[];
}
