/**
 * The monthly report as a resumable job (the trigger, the menu and the sidebar run it):
 * summary sheet + JSON sheet -> Doc (block by block) -> sharing -> mail. Its position lives in
 * the store; when the time budget runs low it saves the position and asks for a continuation.
 * Each step replaces what it made before, and the run's clock is frozen in the checkpoint, so
 * an interrupted + continued run ends exactly like an uninterrupted one.
 */

import type { CellValue } from "../core/cells.js";
import { monthRange, zonedParts } from "../core/dates.js";
import { isUserError } from "../core/errors.js";
import { formatIssue, issue } from "../core/issues.js";
import { summaryRows } from "../core/report/saved-summary.js";
import type { Clock, DocumentSink, Lock, Mailer, SheetWrite, Store, Workbook } from "../ports.js";
import { auditWrite } from "./audit.js";
import { type CellLink, problemsWrite } from "./check.js";
import { loadWorkbook } from "./load.js";
import { monthSectionsIn } from "./month-sections.js";
import { registryBlocksIn } from "./registries.js";
import { compileMonth } from "./report.js";
import { monthsWithLessons } from "./report-month.js";
import { preflightReport, ReportRefused, withOmissions } from "./report-preflight.js";

export const JOB_KEY = "report.job";
export const docKey = (month: string) => `report.doc.${month}`;
export const mailedKey = (month: string) => `report.mailed.${month}`;

/**
 * Blocks appended to the Doc per call (one Docs read and one batchUpdate each): the whole
 * report (title block, figures, the sections of attestation, plans, registries, transfer)
 * usually goes in one, and a checkpoint can still fall between chunks.
 */
const CHUNK = 64;
/** Apps Script allows 6 minutes: stop at 5 and continue in a new execution. */
export const DEFAULT_BUDGET_MS = 5 * 60 * 1000;
/** Hidden sheet holding the month's JSON summaries, a row a month (core/report/saved-summary.ts). */
export const JSON_SHEET = "_summary_json";
/** Sheets the job reads besides the model's: a caller that loads first fetches them too. */
export const JOB_SHEETS: readonly string[] = [JSON_SHEET];

type Step = "summary" | "doc" | "share" | "mail" | "done";

interface JobState {
  month: string;
  /** The run's clock, ISO: every continuation renders with it. */
  now: string;
  step: Step;
  block: number;
  docId: string | null;
}

export interface JobPorts {
  wb: Workbook;
  store: Store;
  clock: Clock;
  lock: Lock;
  docs: DocumentSink;
  mailer?: Mailer;
  /** Schedule this job's continuation (a one-off time trigger). */
  scheduleContinuation(): void;
  user: string;
  link: CellLink;
  budgetMs?: number;
}

export interface JobResult {
  /** "skipped": the trigger found no lessons in the month (the summer): nothing to report. */
  status: "done" | "continued" | "skipped";
  month: string;
  docUrl?: string;
  mailed?: boolean;
  step: Step;
}

function jsonWrite(
  month: string,
  json: unknown,
  names: readonly string[],
  existing: readonly (readonly CellValue[])[],
): SheetWrite {
  const { blocks, rewrite } = summaryRows(existing, month, json);
  return {
    sheet: JSON_SHEET,
    create: !names.includes(JSON_SHEET),
    clear: rewrite,
    cells: blocks.map((b) => ({ row: b.row, col: 1, values: b.values })),
    hidden: true,
  };
}

/** Start (or continue) the monthly job for `month`. */
/** `force`: write the report although it leaves students or groups out (it then says so). */
export function runMonthlyJob(
  p: JobPorts,
  month: string,
  opts: { mail?: boolean; onlyWithLessons?: boolean; force?: boolean } = {},
): JobResult {
  const started = p.clock.now().getTime();
  const budget = p.budgetMs ?? DEFAULT_BUDGET_MS;
  const outOfTime = () => p.clock.now().getTime() - started > budget;
  return p.lock.withLock(() => {
    const saved = p.store.get(JOB_KEY);
    let state: JobState = saved
      ? (JSON.parse(saved) as JobState)
      : { month, now: p.clock.now().toISOString(), step: "summary", block: 0, docId: null };
    if (state.month !== month)
      state = { month, now: p.clock.now().toISOString(), step: "summary", block: 0, docId: null };
    const now = new Date(state.now);
    const { model, names, tables } = loadWorkbook(p.wb, { attestationResults: true, also: JOB_SHEETS });
    // The trigger runs on the 1st of every month; June, July and August have no lessons.
    if (!saved && opts.onlyWithLessons && !monthsWithLessons(model, monthRange(month).to).has(month))
      return { status: "skipped", month, step: state.step };
    const run = withOmissions(
      compileMonth(model, names, month, now, monthSectionsIn(model, tables)),
      preflightReport(model, Boolean(opts.force)),
    );
    run.doc.blocks.push(...registryBlocksIn(p.wb, model, tables, month, run.lang));
    const tz = model.settings.timeZone;
    const stamp = () => {
      const z = zonedParts(p.clock.now(), tz);
      return `${z.date} ${z.time}`;
    };
    // The checkpoint is written only when it can matter: before pausing, and after every step
    // of a continuation. A fresh run that fails starts again from scratch on the next try,
    // which is safe (the sheet is replaced, the Doc found by its remembered ID and cleared,
    // the mail recorded apart), and saves the round trips of a Properties write per step.
    let checkpointing = Boolean(saved);
    const save = (next: Partial<JobState>) => {
      state = { ...state, ...next };
      if (checkpointing) p.store.set(JOB_KEY, JSON.stringify(state));
    };
    const pause = (): JobResult => {
      checkpointing = true;
      p.store.set(JOB_KEY, JSON.stringify(state));
      p.scheduleContinuation();
      return { status: "continued", month, step: state.step };
    };
    let url: string | undefined;

    if (state.step === "summary") {
      const existing = tables.get(JSON_SHEET)?.values ?? [];
      p.wb.write([run.summaryWrite, jsonWrite(month, run.json, names, existing)]);
      save({ step: "doc", block: 0 });
      if (outOfTime()) return pause();
    }
    if (state.step === "doc") {
      const remembered = state.docId ?? p.store.get(docKey(month));
      const doc = p.docs.open(remembered, run.doc.title, model.settings.reportFolder);
      url = doc.url;
      // The ID is stored when it is new (a rerun finds the same Doc: no Properties write).
      if (doc.id !== remembered) p.store.set(docKey(month), doc.id);
      if (doc.id !== state.docId) save({ docId: doc.id });
      if (state.block === 0) p.docs.clear(doc.id, run.doc.header);
      const blocks = run.doc.blocks;
      while (state.block < blocks.length) {
        const next = Math.min(blocks.length, state.block + CHUNK);
        p.docs.append(doc.id, blocks.slice(state.block, next));
        save({ block: next });
        if (next < blocks.length && outOfTime()) return pause();
      }
      save({ step: "share" });
    }
    if (state.step === "share") {
      if (state.docId) p.docs.share(state.docId, model.settings.reportRecipients);
      save({ step: "mail" });
    }
    let mailed = false;
    if (state.step === "mail") {
      const recipients = model.settings.reportRecipients;
      const already = p.store.get(mailedKey(month));
      if (opts.mail !== false && p.mailer && recipients.length && !already && state.docId) {
        if (p.mailer.remainingQuota() >= recipients.length) {
          const docUrl = url ?? p.docs.open(state.docId, run.doc.title, model.settings.reportFolder).url;
          p.mailer.send(recipients, run.doc.title, `${run.doc.title}\n${docUrl}`);
          p.store.set(mailedKey(month), stamp());
          mailed = true;
        }
      }
      save({ step: "done" });
    }
    if (checkpointing) p.store.delete(JOB_KEY);
    const docUrl =
      url ??
      (state.docId ? p.docs.open(state.docId, run.doc.title, model.settings.reportFolder).url : undefined);
    p.wb.write([
      auditWrite(
        [
          {
            when: stamp(),
            who: p.user,
            action: mailed ? "report+mail" : "report",
            sheet: run.summaryWrite.sheet,
            cell: "",
            old: "",
            new: docUrl ?? "",
          },
        ],
        model.tabs,
        run.lang,
      ),
    ]);
    return { status: "done", month, docUrl, mailed, step: "done" };
  });
}

/** A trigger failure is never silent: it goes to «Проблемы» and «Аудит», then is rethrown. */
export function recordJobFailure(
  p: Pick<JobPorts, "wb" | "clock" | "user" | "link">,
  month: string,
  error: unknown,
): void {
  try {
    const { model } = loadWorkbook(p.wb);
    const lang = model.settings.language;
    // A refusal (report pre-flight) is told in both languages and lists each problem at its cell.
    const refused = error instanceof ReportRefused ? error : null;
    const text = (l: "ru" | "en") =>
      refused
        ? refused.reason(l)
        : isUserError(error)
          ? error.text(l)
          : error instanceof Error
            ? error.message
            : String(error);
    const problem = issue("", "", "other", {
      ru: `Ежемесячный отчёт за ${month} не сформирован: ${text("ru")}`,
      en: `The monthly report for ${month} failed: ${text("en")}`,
    });
    const z = zonedParts(p.clock.now(), model.settings.timeZone);
    p.wb.write([
      problemsWrite([problem, ...(refused?.omissions ?? [])], lang, model.tabs.problems, p.link),
      auditWrite(
        [
          {
            when: `${z.date} ${z.time}`,
            who: p.user,
            action: "report-failed",
            sheet: "",
            cell: "",
            old: "",
            new: formatIssue(problem, lang),
          },
        ],
        model.tabs,
        lang,
      ),
    ]);
  } catch {
    // The workbook itself is unreadable: the rethrow below still reaches the owner by mail.
  }
}
