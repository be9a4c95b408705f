/**
 * The municipal rollup over many schools' workbooks: each school's summary of the month (the
 * JSON the monthly report saved, or computed now), read a few schools at a time; a school that
 * fails is reported and the others go on.
 */
import { SUMMARY_SCHEMA_ID, type SummaryJson } from "../core/metrics/index.js";
import { combineSchools, type Municipal, type SchoolSource } from "../core/municipal/combine.js";
import type { FailedSource } from "../core/municipal/report.js";
import type { Achievement } from "../core/plans/sheets.js";
import { schoolActivity } from "../core/registries/activity.js";
import { readRegistries } from "../core/registries/read.js";
import { savedSummaryJson } from "../core/report/saved-summary.js";
import type { Workbook } from "../ports.js";
import { individualIn } from "./individual.js";
import { loadWorkbook } from "./load.js";
import { JSON_SHEET } from "./monthly-job.js";
import { compileMonth } from "./report.js";
import { preflightReport } from "./report-preflight.js";

/** The summary saved by the monthly job for `month`, if the workbook has one. */
export function savedSummary(wb: Workbook, month: string): SummaryJson | null {
  if (!wb.sheetNames().includes(JSON_SHEET)) return null;
  const rows = wb.read([JSON_SHEET]).get(JSON_SHEET)?.values ?? [];
  try {
    const json = savedSummaryJson(rows, month) as SummaryJson | null;
    return json?.schema === SUMMARY_SCHEMA_ID && json.month === month ? json : null;
  } catch {
    return null;
  }
}

/** One school: its summary of the month and the registries the municipality asks for. */
export function schoolSource(wb: Workbook, month: string, now: Date, label: string): SchoolSource {
  const { model, names, tables } = loadWorkbook(wb);
  if (!model.tabs.students && !model.tabs.groups) throw new Error(`${label}: no coordinator sheets`);
  const saved = savedSummary(wb, month);
  // A summary computed now must not leave the school's students out silently: the school then
  // counts as not received, with the cell-addressed reasons (report pre-flight, issue 14).
  if (!saved) preflightReport(model, false);
  const summary = saved ?? compileMonth(model, names, month, now).json;
  return {
    school: model.settings.school || label,
    source: label,
    summary,
    registry: {
      applicants: model.students
        .filter((s) => s.status === "applied")
        .map((s) => ({ id: s.id, className: s.className })),
      teachers: model.staff
        .filter((s) => s.role === "teacher")
        .map((s) => ({ name: s.name, subjects: s.subjects })),
      tutors: model.staff.filter((s) => s.role === "tutor").map((s) => ({ name: s.name })),
      activity: schoolActivity(model, readRegistries(model, tables).registries, month),
      achievements: achievementsOfMonth(individualIn(model, tables).portfolio.list, month),
    },
  };
}

/** Issue 17: the month's portfolio entries by level (an entry without a level is not counted). */
export function achievementsOfMonth(list: readonly Achievement[], month: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of list)
    if (a.level && a.date?.startsWith(`${month}-`)) out[a.level] = (out[a.level] ?? 0) + 1;
  return out;
}

/** Run `work` over `items`, at most `limit` at a time, keeping the input order of results. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface RollupResult {
  municipal: Municipal;
  failed: FailedSource[];
}

/**
 * `open` turns a source (file path or spreadsheet ID) into a workbook; `describe` turns its
 * failure into one line for the report.
 */
export async function rollup<S>(
  sources: readonly S[],
  opts: {
    month: string;
    now: Date;
    open: (s: S) => Promise<Workbook>;
    label: (s: S) => string;
    describe: (e: unknown) => string;
    concurrency?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<RollupResult> {
  let done = 0;
  const results = await pool(sources, opts.concurrency ?? 4, async (s) => {
    try {
      const wb = await opts.open(s);
      return { ok: true as const, school: schoolSource(wb, opts.month, opts.now, opts.label(s)) };
    } catch (e) {
      return { ok: false as const, failed: { source: opts.label(s), message: opts.describe(e) } };
    } finally {
      opts.onProgress?.(++done, sources.length);
    }
  });
  const schools = results.flatMap((r) => (r.ok ? [r.school] : []));
  const failed = results.flatMap((r) => (r.ok ? [] : [r.failed]));
  return { municipal: combineSchools(opts.month, schools), failed };
}
