/**
 * «Обновить журналы» as a job that fits the 6-minute run: the journals are planned once, then
 * written in batches of a few dozen sheets; when the time budget runs out between two batches,
 * the job remembers its day and schedules its own continuation. A continuation plans again
 * from what the workbook now holds: journals already written plan no change (an update is
 * idempotent), so nothing is written twice and nothing is lost.
 */
import type { IsoDate } from "../core/records.js";
import type { Clock, Store, Workbook } from "../ports.js";
import { type JournalsResult, planJournals } from "./journals.js";
import { loadWorkbook } from "./load.js";

export const JOURNALS_JOB_KEY = "journals.job";

/** Sheets written per batch: a batch is one write (one or two Sheets requests). */
const BATCH = 25;
/** Apps Script stops a run at 6 minutes; the job stops taking new batches at 4. */
const DEFAULT_BUDGET_MS = 4 * 60 * 1000;

export interface JournalsJobPorts {
  wb: Workbook;
  store: Store;
  clock: Clock;
  scheduleContinuation(): void;
  budgetMs?: number;
}

export interface JournalsJobResult extends JournalsResult {
  status: "done" | "continued";
  until: IsoDate;
  /** Journals written in this run. */
  written: number;
}

/** Run (or continue, when a saved day is there) the journal update up to `until`. */
export function runJournalsJob(p: JournalsJobPorts, until: IsoDate): JournalsJobResult {
  const started = p.clock.now().getTime();
  const budget = p.budgetMs ?? DEFAULT_BUDGET_MS;
  const saved = p.store.get(JOURNALS_JOB_KEY);
  const day = saved ? ((JSON.parse(saved) as { until: IsoDate }).until ?? until) : until;
  const { model, tables } = loadWorkbook(p.wb);
  const plan = planJournals(model, tables, day);
  let written = 0;
  for (let i = 0; i < plan.writes.length; i += BATCH) {
    if (i > 0 && p.clock.now().getTime() - started > budget) {
      p.store.set(JOURNALS_JOB_KEY, JSON.stringify({ until: day }));
      p.scheduleContinuation();
      return { ...plan, status: "continued", until: day, written };
    }
    const batch = plan.writes.slice(i, i + BATCH);
    p.wb.write(batch);
    written += batch.length;
  }
  if (saved) p.store.delete(JOURNALS_JOB_KEY);
  return { ...plan, status: "done", until: day, written };
}
