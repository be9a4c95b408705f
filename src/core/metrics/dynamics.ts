/** Dynamics: each figure of a month beside the previous month's, with the change. */
import type { Categories, GroupFigures, MonthFigures, SetFigures, StaffFigures } from "./types.js";

export interface Change {
  value: number | null;
  previous: number | null;
  /** value − previous; null when either is missing. */
  change: number | null;
}

export const CATEGORY_KEYS = [
  "excellent",
  "good",
  "satisfactory",
  "oneThree",
  "failing",
  "notAssessed",
] as const satisfies readonly (keyof Categories)[];

/** Every figure of a set that a report shows «было / стало / Δ». */
export const SET_KEYS = [
  "students",
  "N",
  "success",
  "quality",
  "sou",
  "average",
  "attendance",
  "atRisk",
  ...CATEGORY_KEYS,
  "absences",
  "unexcused",
  "excused",
  "ill",
  "late",
  "missedAssignments",
  "arrived",
  "left",
] as const satisfies readonly (keyof SetFigures | keyof Categories)[];
export type SetKey = (typeof SET_KEYS)[number];

const isCategory = (k: string): k is keyof Categories => (CATEGORY_KEYS as readonly string[]).includes(k);

/** A set's figure by key; category counts live in `categories`. */
export function setValue(s: SetFigures, k: SetKey): number | null {
  return isCategory(k) ? s.categories[k] : s[k];
}

export const GROUP_KEYS = [...SET_KEYS, "journalFill", "columns", "planned"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const STAFF_KEYS = [
  "planned",
  "held",
  "contacts",
  "daysSinceContact",
] as const satisfies readonly (keyof StaffFigures)[];
export type StaffKey = (typeof STAFF_KEYS)[number];

export interface MonthDynamics {
  month: string;
  /** The month compared with; null when there is none. */
  previousMonth: string | null;
  school: Record<SetKey, Change>;
  groups: { groupId: string; figures: Record<GroupKey, Change> }[];
  classes: { className: string; figures: Record<SetKey, Change> }[];
  staff: { staffId: string; figures: Record<StaffKey, Change> }[];
}

export function change(value: number | null, previous: number | null): Change {
  return { value, previous, change: value === null || previous === null ? null : value - previous };
}

function compare<K extends string, T>(
  keys: readonly K[],
  cur: T,
  prev: T | undefined,
  read: (o: T, k: K) => number | null,
): Record<K, Change> {
  const out = {} as Record<K, Change>;
  for (const k of keys) out[k] = change(read(cur, k), prev ? read(prev, k) : null);
  return out;
}

const readGroup = (g: GroupFigures, k: GroupKey): number | null =>
  k === "journalFill" || k === "columns" || k === "planned" ? g[k] : setValue(g, k);
const readStaff = (s: StaffFigures, k: StaffKey): number | null => s[k];

/**
 * Pairs every figure of `current` with the same entity in `previous` (matched by group ID,
 * class name, staff ID). Entities new this month get previous = null.
 */
export function withDynamics(current: MonthFigures, previous: MonthFigures | null): MonthDynamics {
  const prevGroups = new Map(previous?.groups.map((g) => [g.groupId, g]));
  const prevClasses = new Map(previous?.classes.map((c) => [c.className, c]));
  const prevStaff = new Map(previous?.staff.map((s) => [s.staffId, s]));
  return {
    month: current.month,
    previousMonth: previous?.month ?? null,
    school: compare(SET_KEYS, current.school, previous?.school, setValue),
    groups: current.groups.map((g) => ({
      groupId: g.groupId,
      figures: compare(GROUP_KEYS, g, prevGroups.get(g.groupId), readGroup),
    })),
    classes: current.classes.map((c) => ({
      className: c.className,
      figures: compare(SET_KEYS, c, prevClasses.get(c.className), setValue),
    })),
    staff: current.staff.map((s) => ({
      staffId: s.staffId,
      figures: compare(STAFF_KEYS, s, prevStaff.get(s.staffId), readStaff),
    })),
  };
}
