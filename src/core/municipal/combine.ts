/**
 * The municipal view: several schools' monthly summaries side by side, and the totals
 * recomputed from the summed counts — never an average of percentages (a school of 40 would
 * weigh as much as a school of 1,000). Only counts and pseudonymous IDs leave a school.
 */

import { type Categories, NO_CATEGORIES, type SetFigures, type SummaryJson } from "../metrics/index.js";
import type { SchoolActivity } from "../registries/activity.js";

export interface SchoolRegistry {
  /** Students whose status is «заявка» (they asked to study online): ID and class only. */
  applicants: { id: string; className: string }[];
  teachers: { name: string; subjects: string }[];
  tutors: { name: string }[];
  /** Issue 18: events, course enrolments and workstation coverage (absent in older callers). */
  activity?: SchoolActivity;
  /** Issue 17: the month's portfolio entries by level («школьный» … «международный»); counts only. */
  achievements?: Record<string, number>;
}

export interface SchoolSource {
  /** The school's name (settings «Школа»), or its file / spreadsheet when unnamed. */
  school: string;
  source: string;
  summary: SummaryJson;
  registry: SchoolRegistry;
}

export interface SchoolRow {
  school: string;
  source: string;
  students: number;
  N: number;
  success: number | null;
  quality: number | null;
  sou: number | null;
  average: number | null;
  attendance: number | null;
  atRisk: number;
  journalFill: number | null;
  /** Change from the school's previous month (null when unknown). */
  change: {
    success: number | null;
    quality: number | null;
    attendance: number | null;
    average: number | null;
  };
}

/** The municipality as one set (the same figures as a school's), plus schools and journal fill. */
export interface MunicipalTotals extends SetFigures {
  schools: number;
  journalFill: number | null;
}

export interface Municipal {
  month: string;
  rows: SchoolRow[];
  totals: MunicipalTotals;
  /** Schools by journal fill, least filled first (those with journal columns in the month). */
  leastFilled: { school: string; journalFill: number }[];
  registries: { school: string; registry: SchoolRegistry }[];
}

function sumCategories(list: readonly Categories[]): Categories {
  const out = { ...NO_CATEGORIES };
  for (const c of list) for (const k of Object.keys(out) as (keyof Categories)[]) out[k] += c[k];
  return out;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function fillOf(s: SummaryJson): number | null {
  const columns = s.groups.reduce((a, g) => a + g.columns, 0);
  const filled = s.groups.reduce((a, g) => a + g.filledColumns, 0);
  return columns ? (filled * 100) / columns : null;
}

/** Mean of the pairs' averages over pairs with marks, from the marks themselves (unrounded). */
function pairAverages(s: SummaryJson): number[] {
  return s.pairs
    .filter((p) => p.marks.length > 0)
    .map((p) => p.marks.reduce((a, b) => a + b, 0) / p.marks.length);
}

export function combineSchools(month: string, sources: readonly SchoolSource[]): Municipal {
  const rows: SchoolRow[] = sources.map(({ school, source, summary: s }) => ({
    school,
    source,
    students: s.totals.students,
    N: s.totals.N,
    success: s.totals.success,
    quality: s.totals.quality,
    sou: s.totals.sou,
    average: s.totals.average,
    attendance: s.totals.attendance,
    atRisk: s.totals.atRisk,
    journalFill: fillOf(s),
    change: {
      success: s.totals.dynamics.success.change,
      quality: s.totals.dynamics.quality.change,
      attendance: s.totals.dynamics.attendance.change,
      average: s.totals.dynamics.average.change,
    },
  }));
  const sum = (f: (s: SummaryJson) => number) => sources.reduce((a, x) => a + f(x.summary), 0);
  const N = sum((s) => s.totals.N);
  const n = {
    n5: sum((s) => s.totals.n5),
    n4: sum((s) => s.totals.n4),
    n3: sum((s) => s.totals.n3),
    n2: sum((s) => s.totals.n2),
    n1: sum((s) => s.totals.n1),
    nNa: sum((s) => s.totals.nNa),
  };
  const lessons = sum((s) => s.totals.lessons);
  const absences = sum((s) => s.totals.absences);
  const students = sum((s) => s.totals.students);
  const c = sumCategories(sources.map((x) => x.summary.totals.categories));
  const columns = sum((s) => s.groups.reduce((a, g) => a + g.columns, 0));
  const filled = sum((s) => s.groups.reduce((a, g) => a + g.filledColumns, 0));
  // The СОУ weight of н/а is a school setting; each school's н/а count carries its own weight.
  const souPoints = sources.reduce(
    (a, { summary: s }) =>
      a +
      s.totals.n5 * 100 +
      s.totals.n4 * 64 +
      s.totals.n3 * 36 +
      (s.totals.n2 + s.totals.n1) * 16 +
      s.totals.nNa * s.settings.naWeight,
    0,
  );
  const totals: MunicipalTotals = {
    schools: sources.length,
    students,
    N,
    ...n,
    categories: c,
    lessons,
    absences,
    unexcused: sum((s) => s.totals.unexcused),
    excused: sum((s) => s.totals.excused),
    ill: sum((s) => s.totals.ill),
    late: sum((s) => s.totals.late),
    missedAssignments: sum((s) => s.totals.missedAssignments),
    arrived: sum((s) => s.totals.arrived),
    left: sum((s) => s.totals.left),
    atRisk: sum((s) => s.totals.atRisk),
    // Students by category, as each school counts them (a student belongs to one school).
    success: students ? ((c.excellent + c.good + c.satisfactory) * 100) / students : null,
    quality: students ? ((c.excellent + c.good) * 100) / students : null,
    sou: N ? souPoints / N : null,
    average: mean(sources.flatMap((x) => pairAverages(x.summary))),
    attendance: lessons ? 100 - (absences * 100) / lessons : null,
    journalFill: columns ? (filled * 100) / columns : null,
  };
  const leastFilled = rows
    .filter((r): r is SchoolRow & { journalFill: number } => r.journalFill !== null)
    .sort((a, b) => a.journalFill - b.journalFill || a.school.localeCompare(b.school))
    .map((r) => ({ school: r.school, journalFill: r.journalFill }));
  return {
    month,
    rows,
    totals,
    leastFilled,
    registries: sources.map((x) => ({ school: x.school, registry: x.registry })),
  };
}
