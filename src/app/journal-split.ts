/**
 * «Журналы для преподавателей: создать / обновить» / `coordinator journals --split|--collect`:
 * the tutors' journal workbook, a separate spreadsheet holding only the groups' journals, kept
 * in step with the master. Two reads and two writes whatever the school's size: the master in
 * one batch (its journals, records and the sync state), the journal workbook in one batch;
 * then the journal workbook written (new tabs, lessons, students, pushed cells) before the
 * master (cells taken from the tutors, each audited, conflicts on «Проблемы», the new base) —
 * in that order, so that a failure between the two only makes the next sync redo its work.
 */

import { todayIn } from "../core/dates.js";
import { isoLocal } from "../core/forms/responses.js";
import type { Lang } from "../core/i18n.js";
import type { Issue } from "../core/issues.js";
import { JOURNAL_MARKER_SHEET } from "../core/journal-split/marker.js";
import { planSync, type SyncPlan } from "../core/journal-split/plan.js";
import { readSyncBase, SYNC_STATE_SHEET, syncBaseWrite } from "../core/journal-split/state.js";
import type { Model } from "../core/model.js";
import { locateSheets, parseModel } from "../core/parse/index.js";
import type { Workbook } from "../ports.js";
import { auditWrite } from "./audit.js";
import { type CellLink, missingSheetIssues, problemsWrite, xlsxLink } from "./check.js";

export interface JournalSyncOptions {
  now: Date;
  /** Who runs the sync (the audit's «who»). */
  who: string;
  /** The journal workbook as the audit names it (file name or spreadsheet URL). */
  source: string;
  /** The master as the journal workbook's marker names it (spreadsheet ID or file name). */
  masterId?: string;
  lang?: Lang;
  link?: CellLink;
}

export interface JournalSyncResult extends SyncPlan {
  lang: Lang;
  model: Model;
  /** The journal workbook's tabs that do not belong to it (left alone, reported). */
  foreignTabs: string[];
}

/** The master read in one batch: records, journals and the sync state. */
function readMaster(master: Workbook) {
  const names = master.sheetNames();
  const { tabs, journals } = locateSheets(names);
  const { audit: _a, problems: _p, ...data } = tabs;
  const wanted = [...Object.values(data), ...journals].filter((x): x is string => Boolean(x));
  const tables = master.read([...wanted, ...(names.includes(SYNC_STATE_SHEET) ? [SYNC_STATE_SHEET] : [])]);
  const state = tables.get(SYNC_STATE_SHEET)?.values ?? [];
  tables.delete(SYNC_STATE_SHEET);
  return {
    model: parseModel(names, tables),
    base: readSyncBase(state),
    hasState: names.includes(SYNC_STATE_SHEET),
  };
}

export function syncJournalWorkbook(
  master: Workbook,
  journal: Workbook,
  opt: JournalSyncOptions,
): JournalSyncResult {
  const { model, base, hasState } = readMaster(master);
  const lang = opt.lang ?? model.settings.language;
  const journalNames = journal.sheetNames();
  const wanted = [...model.journals.map((j) => j.sheet), JOURNAL_MARKER_SHEET];
  const tables = journal.read(wanted.filter((s) => journalNames.includes(s)));
  const marker = tables.get(JOURNAL_MARKER_SHEET);
  tables.delete(JOURNAL_MARKER_SHEET);
  const plan = planSync({
    model,
    journal: new Map([...tables].map(([k, t]) => [k, t.values])),
    masterId: opt.masterId ?? "master",
    ...(journalNames.includes(JOURNAL_MARKER_SHEET) ? { marker: marker?.values ?? [] } : {}),
    base,
    today: todayIn(opt.now, model.settings.timeZone),
    lang,
  });
  journal.write(plan.journalWrites);
  const when = isoLocal(opt.now, model.settings.timeZone).replace("T", " ");
  const action = lang === "ru" ? `журналы: из книги ${opt.source}` : `journals: from workbook ${opt.source}`;
  const audit = plan.applied.map((c) => ({
    when,
    who: opt.who,
    action,
    sheet: c.sheet,
    cell: c.cell,
    old: c.old,
    new: c.value,
  }));
  const problems: Issue[] = [...missingSheetIssues(model), ...model.issues, ...plan.conflicts];
  master.write([
    ...plan.masterWrites,
    ...(audit.length ? [auditWrite(audit, model.tabs, lang)] : []),
    problemsWrite(problems, lang, model.tabs.problems, opt.link ?? xlsxLink),
    syncBaseWrite(plan.base, hasState),
  ]);
  const own = new Set([...model.journals.map((j) => j.sheet), JOURNAL_MARKER_SHEET]);
  return { ...plan, lang, model, foreignTabs: journalNames.filter((n) => !own.has(n)) };
}
