/**
 * The monthly report from the menu («Сформировать отчёт за месяц…»), from the time trigger on
 * the 1st, and its continuation after a checkpoint. Failures in triggers go to «Проблемы» and
 * «Аудит» and are rethrown (Apps Script then mails the owner too).
 */

import { loadSettings, loadWorkbook } from "../../app/load.js";
import {
  JOB_KEY,
  JOB_SHEETS,
  type JobPorts,
  recordJobFailure,
  runMonthlyJob,
} from "../../app/monthly-job.js";
import { defaultMonth } from "../../app/report.js";
import { chooseReportMonth } from "../../app/report-month.js";
import { isMonth, todayIn } from "../../core/dates.js";
import type { Mailer } from "../../ports.js";
import { systemClock } from "../clock.js";
import { appsScriptDocSink } from "../doc-sink.js";
import { activeSpreadsheet, sheetLinker, workbook } from "../env.js";
import { documentLock } from "../lock.js";
import type { SheetsWorkbook } from "../sheets-workbook.js";
import { propertiesStore } from "../store.js";
import { clearContinuation, scheduleContinuation, setMonthly } from "../triggers.js";

const mailer: Mailer = {
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
  send: (to, subject, body) => MailApp.sendEmail(to.join(","), subject, body),
};

/** The monthly job's ports in Apps Script (menu, trigger, continuation and sidebar share them). */
export function jobPorts(user?: string, wb: SheetsWorkbook = workbook()): JobPorts {
  const ss = wb.spreadsheet;
  // The job takes the document lock before its first get: one getProperties for the run.
  const store = propertiesStore(undefined, { snapshot: true });
  return {
    wb,
    store,
    clock: systemClock,
    lock: documentLock,
    docs: appsScriptDocSink({ store }),
    mailer,
    // The zone is asked only when a continuation is scheduled (a round trip saved otherwise).
    scheduleContinuation: () => scheduleContinuation(ss.getSpreadsheetTimeZone()),
    user: user ?? (Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail()),
    link: sheetLinker(wb),
  };
}

/** Run (or continue) the job; a failure is recorded in «Проблемы» and «Аудит», then rethrown. */
export function runReportJob(
  month: string,
  user?: string,
  opts: { onlyWithLessons?: boolean; wb?: SheetsWorkbook } = {},
): ReturnType<typeof runMonthlyJob> {
  const p = jobPorts(user, opts.wb);
  try {
    return runMonthlyJob(p, month, { onlyWithLessons: opts.onlyWithLessons });
  } catch (e) {
    recordJobFailure(p, month, e);
    throw e;
  }
}

/** Menu: ask for the month (default: the previous one), run, show the link. */
export function reportFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  // One workbook for the question and the job: the sheet list and tables are read once.
  const wb = workbook();
  const model = loadWorkbook(wb, { attestationResults: true, also: JOB_SHEETS }).model;
  const lang = model.settings.language;
  const ru = lang === "ru";
  const suggested = chooseReportMonth(model, todayIn(systemClock.now(), model.settings.timeZone)).month;
  const answer = ui.prompt(
    ru ? "Отчёт за месяц" : "Monthly report",
    ru ? `Месяц в формате ГГГГ-ММ (пусто — ${suggested}):` : `Month as YYYY-MM (blank: ${suggested}):`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const month = answer.getResponseText().trim() || suggested;
  if (!isMonth(month)) {
    ui.alert(
      ru
        ? `«${month}» — не месяц; ожидается ГГГГ-ММ, например ${suggested}.`
        : `"${month}" is not a month; expected YYYY-MM, e.g. ${suggested}.`,
    );
    return;
  }
  const r = runReportJob(month, undefined, { wb });
  ui.alert(
    r.status === "done"
      ? ru
        ? `Отчёт за ${month} готов: ${r.docUrl ?? ""}`
        : `The report for ${month} is ready: ${r.docUrl ?? ""}`
      : ru
        ? `Отчёт за ${month} большой: работа продолжится автоматически через минуту.`
        : `The report for ${month} is large: it will continue automatically in a minute.`,
  );
}

/** The time trigger on the 1st: the previous month, unless it had no lessons (the summer). */
export function reportFromTrigger(): void {
  const tz = activeSpreadsheet().getSpreadsheetTimeZone();
  runReportJob(defaultMonth(systemClock.now(), tz), undefined, { onlyWithLessons: true });
}

/** The one-off continuation trigger: finish the saved job, then remove the trigger. */
export function continueReport(): void {
  const tz = activeSpreadsheet().getSpreadsheetTimeZone();
  clearContinuation(tz);
  const saved = propertiesStore().get(JOB_KEY);
  if (!saved) return;
  runReportJob((JSON.parse(saved) as { month: string }).month);
}

export function enableMonthly(on: boolean): void {
  const ss = activeSpreadsheet();
  setMonthly(on, ss.getSpreadsheetTimeZone());
  const lang = loadSettings(workbook()).language;
  const ru = lang === "ru";
  SpreadsheetApp.getUi().alert(
    on
      ? ru
        ? "Ежемесячный отчёт включён: 1-го числа около 5 утра — за прошлый месяц."
        : "The monthly report is on: on the 1st around 5 a.m., for the previous month."
      : ru
        ? "Ежемесячный отчёт выключен."
        : "The monthly report is off.",
  );
}
