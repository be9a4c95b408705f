/**
 * The Apps Script entry points and nothing else: each is a one-line delegate. The build
 * re-declares every export here as a top-level function so Apps Script can call it.
 */
import { continueReport, enableMonthly, reportFromMenu, reportFromTrigger } from "./actions/report.js";
import { runJournals, runScheduleCheck, showNotices } from "./actions/schedule-journals.js";
import { runCheck, runSetup } from "./actions/setup-check.js";
import { workbookLang } from "./env.js";
import { buildMenu } from "./menu.js";

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi(), workbookLang(e));
}

export function onInstall(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  onOpen(e);
}

export function menuSetup(): void {
  runSetup();
}

export function menuCheck(): void {
  runCheck();
}

export function menuSchedule(): void {
  runScheduleCheck();
}

export function menuNotices(): void {
  showNotices();
}

export function menuJournals(): void {
  runJournals();
}

export function menuReport(): void {
  reportFromMenu();
}

export function menuMonthlyOn(): void {
  enableMonthly(true);
}

export function menuMonthlyOff(): void {
  enableMonthly(false);
}

/** Installable time trigger: the 1st of each month. */
export function monthlyReport(): void {
  reportFromTrigger();
}

/** One-off time trigger set by a checkpoint of the monthly report. */
export function continueMonthlyReport(): void {
  continueReport();
}
