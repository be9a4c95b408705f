/**
 * The JSON summary of a month (`coordinator report --json`, the Apps Script export): a
 * versioned, documented shape (SUMMARY_JSON_SCHEMA) that another program can rely on.
 * Fractions are rounded to 4 decimals so the file reads cleanly; display rounding stays
 * with the report.
 *
 * v2 (from v1): class and school success/quality count students by category (`categories`);
 * sets carry absences by kind, lates, missed assignments and movement; `monthMark` is a
 * number or null with `notAssessed: true` (v1: the string «н/а»); `generatedAt` is ISO 8601
 * with the zone's offset; `schoolCode` and `schoolYear` added; names follow «Имена в отчёте»;
 * staff carry `groupContacts`. A v1 reader: read `monthMark ?? "н/а"` where notAssessed.
 */
import type { IsoDate, NamesInReport, StaffRole } from "../records.js";
import { shownName } from "../report/names.js";
import {
  type Change,
  GROUP_KEYS,
  type GroupKey,
  type MonthDynamics,
  SET_KEYS,
  type SetKey,
  STAFF_KEYS,
  type StaffKey,
} from "./dynamics.js";
import { roundTo } from "./format.js";
import type {
  GroupContact,
  MetricSettings,
  MonthFigures,
  PairFigures,
  RiskReason,
  SetFigures,
} from "./types.js";

export const SUMMARY_SCHEMA_ID = "coordinator.summary/v2";

export interface SummaryMeta {
  /** School name (Settings «Школа»). */
  school: string;
  /** Settings «Код школы» and «Учебный год». */
  schoolCode?: string;
  schoolYear?: string;
  /** When the summary was made, ISO 8601 with offset (the caller's clock: the core never reads time). */
  generatedAt: string;
  /** «Имена в отчёте»; names withheld come out as "" (IDs stay). Default «с согласием». */
  names?: NamesInReport;
}

export interface DynamicsJson {
  previous: number | null;
  change: number | null;
}

export interface SetJson extends SetFigures {
  dynamics: Record<SetKey, DynamicsJson>;
}

export interface GroupJson extends Omit<SetJson, "dynamics"> {
  groupId: string;
  title: string;
  subject: string;
  teacherId: string;
  tutorId: string;
  hasJournal: boolean;
  columns: number;
  filledColumns: number;
  journalFill: number | null;
  planned: number;
  dynamics: Record<GroupKey, DynamicsJson>;
}

export interface ClassJson extends SetJson {
  className: string;
}

export interface StaffJson {
  staffId: string;
  name: string;
  role: StaffRole | null;
  groups: string[];
  planned: number;
  held: number;
  contacts: number;
  lastContact: IsoDate | null;
  daysSinceContact: number | null;
  noContact: boolean;
  groupsWithoutContact: string[];
  groupContacts: GroupContact[];
  dynamics: Record<StaffKey, DynamicsJson>;
}

export interface PairJson {
  studentId: string;
  name: string;
  className: string;
  groupId: string;
  lessons: number;
  absences: number;
  unexcused: number;
  excused: number;
  ill: number;
  late: number;
  exempt: number;
  missedAssignments: number;
  missedShare: number;
  marks: number[];
  average: number | null;
  /** 1..5, or null with notAssessed = true («н/а»). */
  monthMark: number | null;
  notAssessed: boolean;
  passes: number;
  fails: number;
  atRisk: boolean;
  riskReasons: RiskReason[];
}

export interface SummaryJson {
  schema: typeof SUMMARY_SCHEMA_ID;
  month: string;
  previousMonth: string | null;
  school: string;
  schoolCode: string;
  schoolYear: string;
  generatedAt: string;
  settings: MetricSettings;
  totals: SetJson;
  groups: GroupJson[];
  classes: ClassJson[];
  staff: StaffJson[];
  /** Counted pairs only (lessons > 0 in the month). */
  pairs: PairJson[];
  /** The at-risk subset of pairs, same shape. */
  atRisk: PairJson[];
}

const r4 = (x: number | null): number | null => (x === null ? null : roundTo(x, 4));

function setJson(f: SetFigures): SetFigures {
  return {
    students: f.students,
    N: f.N,
    n5: f.n5,
    n4: f.n4,
    n3: f.n3,
    n2: f.n2,
    n1: f.n1,
    nNa: f.nNa,
    categories: { ...f.categories },
    lessons: f.lessons,
    absences: f.absences,
    unexcused: f.unexcused,
    excused: f.excused,
    ill: f.ill,
    late: f.late,
    missedAssignments: f.missedAssignments,
    arrived: f.arrived,
    left: f.left,
    atRisk: f.atRisk,
    success: r4(f.success),
    quality: r4(f.quality),
    sou: r4(f.sou),
    average: r4(f.average),
    attendance: r4(f.attendance),
  };
}

function dyn<K extends string>(
  keys: readonly K[],
  d: Record<K, Change> | undefined,
): Record<K, DynamicsJson> {
  const out = {} as Record<K, DynamicsJson>;
  for (const k of keys) out[k] = { previous: r4(d?.[k].previous ?? null), change: r4(d?.[k].change ?? null) };
  return out;
}

function pairJson(p: PairFigures, names: NamesInReport): PairJson {
  return {
    studentId: p.studentId,
    name: shownName(p, names),
    className: p.className,
    groupId: p.groupId,
    lessons: p.lessons,
    absences: p.absences,
    unexcused: p.unexcused,
    excused: p.excused,
    ill: p.ill,
    late: p.late,
    exempt: p.exempt,
    missedAssignments: p.missedAssignments,
    missedShare: roundTo(p.missedShare, 4),
    marks: [...p.marks],
    average: r4(p.average),
    monthMark: typeof p.monthMark === "number" ? p.monthMark : null,
    notAssessed: p.monthMark === "н/а",
    passes: p.passes,
    fails: p.fails,
    atRisk: p.atRisk,
    riskReasons: [...p.riskReasons],
  };
}

/** The summary object; pass the dynamics from withDynamics (or null for none). */
export function summaryJson(
  figures: MonthFigures,
  dynamics: MonthDynamics | null,
  meta: SummaryMeta,
): SummaryJson {
  const names = meta.names ?? "consent";
  const dGroups = new Map(dynamics?.groups.map((g) => [g.groupId, g.figures]));
  const dClasses = new Map(dynamics?.classes.map((c) => [c.className, c.figures]));
  const dStaff = new Map(dynamics?.staff.map((s) => [s.staffId, s.figures]));
  const counted = figures.pairs.filter((p) => p.counted);
  return {
    schema: SUMMARY_SCHEMA_ID,
    month: figures.month,
    previousMonth: dynamics?.previousMonth ?? null,
    school: meta.school,
    schoolCode: meta.schoolCode ?? "",
    schoolYear: meta.schoolYear ?? "",
    generatedAt: meta.generatedAt,
    settings: { ...figures.settings },
    totals: { ...setJson(figures.school), dynamics: dyn(SET_KEYS, dynamics?.school) },
    groups: figures.groups.map((g) => ({
      groupId: g.groupId,
      title: g.title,
      subject: g.subject,
      teacherId: g.teacherId,
      tutorId: g.tutorId,
      ...setJson(g),
      hasJournal: g.hasJournal,
      columns: g.columns,
      filledColumns: g.filledColumns,
      journalFill: r4(g.journalFill),
      planned: g.planned,
      dynamics: dyn(GROUP_KEYS, dGroups.get(g.groupId)),
    })),
    classes: figures.classes.map((c) => ({
      className: c.className,
      ...setJson(c),
      dynamics: dyn(SET_KEYS, dClasses.get(c.className)),
    })),
    staff: figures.staff.map((s) => ({
      staffId: s.staffId,
      name: s.name,
      role: s.role,
      groups: [...s.groups],
      planned: s.planned,
      held: s.held,
      contacts: s.contacts,
      lastContact: s.lastContact,
      daysSinceContact: s.daysSinceContact,
      noContact: s.noContact,
      groupsWithoutContact: [...s.groupsWithoutContact],
      groupContacts: s.groupContacts.map((c) => ({ ...c })),
      dynamics: dyn(STAFF_KEYS, dStaff.get(s.staffId)),
    })),
    pairs: counted.map((p) => pairJson(p, names)),
    atRisk: figures.atRisk.map((p) => pairJson(p, names)),
  };
}
