/**
 * The JSON summary of a month (`coordinator report --json`, the Apps Script export): a
 * versioned, documented shape (SUMMARY_JSON_SCHEMA) that another program can rely on.
 * Fractions are rounded to 4 decimals so the file reads cleanly; display rounding stays
 * with the report.
 */
import type { IsoDate, StaffRole } from "../records.js";
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
import type { MetricSettings, MonthFigures, PairFigures, RiskReason, SetFigures } from "./types.js";

export const SUMMARY_SCHEMA_ID = "coordinator.summary/v1";

export interface SummaryMeta {
  /** School name (Settings «Школа»). */
  school: string;
  /** When the summary was made, ISO 8601 (the caller's clock: the core never reads time). */
  generatedAt: string;
  /** false: student names come out as "" (IDs stay). Default true. */
  includeNames?: boolean;
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
  missedShare: number;
  marks: number[];
  average: number | null;
  monthMark: number | "н/а";
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
    lessons: f.lessons,
    absences: f.absences,
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

function pairJson(p: PairFigures, names: boolean): PairJson {
  return {
    studentId: p.studentId,
    name: names ? p.name : "",
    className: p.className,
    groupId: p.groupId,
    lessons: p.lessons,
    absences: p.absences,
    unexcused: p.unexcused,
    excused: p.excused,
    ill: p.ill,
    late: p.late,
    exempt: p.exempt,
    missedShare: roundTo(p.missedShare, 4),
    marks: [...p.marks],
    average: r4(p.average),
    monthMark: p.monthMark ?? "н/а",
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
  const names = meta.includeNames ?? true;
  const dGroups = new Map(dynamics?.groups.map((g) => [g.groupId, g.figures]));
  const dClasses = new Map(dynamics?.classes.map((c) => [c.className, c.figures]));
  const dStaff = new Map(dynamics?.staff.map((s) => [s.staffId, s.figures]));
  const counted = figures.pairs.filter((p) => p.counted);
  return {
    schema: SUMMARY_SCHEMA_ID,
    month: figures.month,
    previousMonth: dynamics?.previousMonth ?? null,
    school: meta.school,
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
      dynamics: dyn(STAFF_KEYS, dStaff.get(s.staffId)),
    })),
    pairs: counted.map((p) => pairJson(p, names)),
    atRisk: figures.atRisk.map((p) => pairJson(p, names)),
  };
}
