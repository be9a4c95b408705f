/**
 * «ИУП», «Корректировки ИУП» and «Портфолио» read from their values (header row first): the
 * records the checks, the card and the monthly report take. Parse problems come back
 * cell-addressed with the records; an absent sheet is `[]` and has none.
 */
import type { CellValue } from "../cells.js";
import type { Issue } from "../issues.js";
import type { Parsed } from "../parse/cells.js";
import { parseTable } from "../parse/table.js";
import { SHEETS } from "../schema.js";

export type PlanForm = "distance" | "inPerson" | "self" | "external";
export type AchievementLevel = "school" | "municipal" | "regional" | "national" | "international";
export type AchievementResult = "participant" | "prizewinner" | "winner";

export interface PlanLine {
  row: number;
  studentId: string;
  subject: string;
  hours: number | null;
  form: PlanForm | null;
  groupId: string;
  from: string | null;
  to: string | null;
  basis: string;
  note: string;
  correctedOn: string | null;
  correctionReason: string;
}

export interface PlanCorrection {
  row: number;
  date: string | null;
  studentId: string;
  subject: string;
  planRow: number | null;
  field: string;
  old: string;
  new: string;
  reason: string;
  who: string;
}

export interface Achievement {
  row: number;
  studentId: string;
  date: string | null;
  kind: string;
  title: string;
  level: AchievementLevel | null;
  result: AchievementResult | null;
  link: string;
  confirmedBy: string;
}

export interface Sheet<T> {
  tab: string;
  /** column key -> 1-based column as found. */
  columns: Record<string, number>;
  list: T[];
  issues: Issue[];
}

const s = (v: Parsed): string => (v === null ? "" : String(v));
const d = (v: Parsed): string | null => (v === null ? null : String(v));
const n = (v: Parsed): number | null => (typeof v === "number" ? v : null);

type Values = readonly (readonly CellValue[])[];

function read<T>(
  key: "plans" | "planCorrections" | "portfolio",
  tab: string | undefined,
  values: Values,
  build: (f: Record<string, Parsed>, row: number) => T,
): Sheet<T> {
  if (!tab || !values.length) return { tab: tab ?? SHEETS[key].ru, columns: {}, list: [], issues: [] };
  const t = parseTable(SHEETS[key], tab, values);
  return { tab, columns: t.columns, list: t.rows.map((r) => build(r.fields, r.row)), issues: t.issues };
}

export const readPlans = (tab: string | undefined, values: Values): Sheet<PlanLine> =>
  read("plans", tab, values, (f, row) => ({
    row,
    studentId: s(f.studentId),
    subject: s(f.subject),
    hours: n(f.hours),
    form: f.form as PlanForm | null,
    groupId: s(f.groupId),
    from: d(f.from),
    to: d(f.to),
    basis: s(f.basis),
    note: s(f.note),
    correctedOn: d(f.correctedOn),
    correctionReason: s(f.correctionReason),
  }));

export const readCorrections = (tab: string | undefined, values: Values): Sheet<PlanCorrection> =>
  read("planCorrections", tab, values, (f, row) => ({
    row,
    date: d(f.date),
    studentId: s(f.studentId),
    subject: s(f.subject),
    planRow: n(f.planRow),
    field: s(f.field),
    old: s(f.old),
    new: s(f.new),
    reason: s(f.reason),
    who: s(f.who),
  }));

export const readPortfolio = (tab: string | undefined, values: Values): Sheet<Achievement> =>
  read("portfolio", tab, values, (f, row) => ({
    row,
    studentId: s(f.studentId),
    date: d(f.date),
    kind: s(f.kind),
    title: s(f.title),
    level: f.level as AchievementLevel | null,
    result: f.result as AchievementResult | null,
    link: s(f.link),
    confirmedBy: s(f.confirmedBy),
  }));

/** Two periods (blank = open) share at least one day. */
export function overlaps(
  a: { from: string | null; to: string | null },
  b: { from: string | null; to: string | null },
): boolean {
  return (
    (a.from === null || b.to === null || a.from <= b.to) &&
    (b.from === null || a.to === null || b.from <= a.to)
  );
}
