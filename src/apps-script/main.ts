/**
 * The Apps Script entry points and nothing else: each is a one-line delegate. The build
 * re-declares every export here as a top-level function so Apps Script can call it.
 */
import {
  periodLettersFromMenu,
  periodReportFromMenu,
  runAttestation,
  showAttestationNotices,
} from "./actions/attestation.js";
import { cardFromMenu, continueCards } from "./actions/card.js";
import { createFormFromMenu, feedbackSubmitted, parentLinksFromMenu } from "./actions/forms.js";
import { journalBookFromMenu, journalBookFromTrigger } from "./actions/journal-book.js";
import { continueLettersJob, lettersFromMenu } from "./actions/letters.js";
import {
  presencePicked as importPicked,
  presenceDialog,
  presenceUploaded,
  type UploadedFile,
} from "./actions/presence.js";
import { continueReport, enableMonthly, reportFromMenu, reportFromTrigger } from "./actions/report.js";
import {
  continueJournals as finishJournals,
  runJournals,
  runScheduleCheck,
  showNotices,
} from "./actions/schedule-journals.js";
import { runCheck, runSetup } from "./actions/setup-check.js";
import { sidebarRpc as callSidebar, journalBookLang, openSidebar as showSidebar } from "./actions/sidebar.js";
import { transferFromMenu } from "./actions/transfer.js";
import { workbookLang } from "./env.js";
import { buildJournalMenu, buildMenu } from "./menu.js";

/** The coordinator's menu, or in the tutors' journal workbook (its marker sheet) the lesson menu alone. */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const journal = journalBookLang(e);
  if (journal) buildJournalMenu(SpreadsheetApp.getUi(), journal);
  else buildMenu(SpreadsheetApp.getUi(), workbookLang(e));
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

/** The one-off continuation of «Обновить журналы» past the 6-minute limit. */
export function continueJournals(): void {
  finishJournals();
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

export function menuCreateForm(): void {
  createFormFromMenu();
}

export function menuParentLinks(): void {
  parentLinksFromMenu();
}

export function menuLetters(): void {
  lettersFromMenu();
}

/** Installable form-bound trigger: one parent response. */
export function onFeedbackSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  feedbackSubmitted(e);
}

/** One-off time trigger: letters left by the mail quota or the time limit. */
export function continueLetters(): void {
  continueLettersJob();
}

/** Menu «Открыть панель»: the sidebar (dist/Sidebar.html). */
export function openSidebar(): void {
  showSidebar();
}

/** Every call of the sidebar page (google.script.run.sidebarRpc): JSON in, JSON out. */
export function sidebarRpc(method: string, payload: unknown): unknown {
  return callSidebar(method, payload);
}

/** Menu «Загрузить присутствие из СДО…»: the upload dialog. */
export function menuPresence(): void {
  presenceDialog();
}

/** google.script.run from the presence dialog: the chosen files' text; a summary back. */
export function presenceUpload(files: UploadedFile[], apply: boolean): string {
  return presenceUploaded(files, apply);
}

/** google.script.run from the Google Picker in the presence dialog: the picked Sheets' IDs. */
export function presencePicked(ids: string[], apply: boolean): string {
  return importPicked(ids, apply);
}

/** «Обновить аттестацию и итоги»: results sheets, period results, the checks (issue 16). */
export function menuAttestation(): void {
  runAttestation();
}

/** «Расписание аттестации: тексты»: the notices per group; «Сообщено» recorded. */
export function menuAttestationNotices(): void {
  showAttestationNotices();
}

/** «Выписки для классных журналов…» (issue 18). */
export function menuTransfer(): void {
  transferFromMenu();
}

/** Menu «Журналы для преподавателей: создать / обновить»: the tutors' journal workbook. */
export function menuJournalBook(): void {
  journalBookFromMenu();
}

/** Installable hourly trigger: sync the tutors' journal workbook with the master. */
export function journalBookHourly(): void {
  journalBookFromTrigger();
}

/** «Письма родителям: итоги периода…»: own child only, within the mail quota, never twice. */
export function menuPeriodLetters(): void {
  periodLettersFromMenu();
}

/** «Отчёт за период…»: the period report as a Google Doc, «Итоги <период>» written (issue 16). */
export function menuPeriodReport(): void {
  periodReportFromMenu();
}

/** Menu «Карта учащегося…» (issue 17): a Google Doc per student, a class in one run. */
export function menuStudentCard(): void {
  cardFromMenu();
}

/** The one-off continuation of a class's cards past the time limit. */
export function continueStudentCards(): void {
  continueCards();
}
