/**
 * The sidebar in Google Sheets: «Открыть панель» shows dist/Sidebar.html, and every call the
 * page makes through google.script.run arrives at `sidebarRpc(method, payload)`, which runs
 * the shared server (src/app/sidebar) over this spreadsheet, the document lock and the clock.
 */
import { journalDispatch } from "../../app/journal-lesson.js";
import { dispatch, failure } from "../../app/sidebar/dispatch.js";
import { createSidebarServer } from "../../app/sidebar/index.js";
import type { Lang } from "../../core/i18n.js";
import { JOURNAL_MARKER_SHEET, readMarker } from "../../core/journal-split/marker.js";
import type { ReportOutcome, RpcEnvelope } from "../../rpc/contract.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, workbook, workbookLang } from "../env.js";
import { documentLock } from "../lock.js";
import { runReportJob } from "./report.js";

export const SIDEBAR_TITLE = { ru: "Дистанционное обучение", en: "Distance learning" } as const;

export const JOURNAL_SIDEBAR_TITLE = { ru: "Журнал: урок", en: "Journal: lesson" } as const;

/**
 * The language of the tutors' journal workbook when this script is bound to one (its marker
 * sheet), else null. SpreadsheetApp only: onOpen runs as a simple trigger, where the Sheets
 * advanced service is not authorised; before authorization (AuthMode.NONE) nothing is read.
 */
export function journalBookLang(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): Lang | null {
  if (e?.authMode === ScriptApp.AuthMode.NONE) return null;
  try {
    const sheet = activeSpreadsheet().getSheetByName(JOURNAL_MARKER_SHEET);
    return sheet ? (readMarker(sheet.getDataRange().getValues())?.lang ?? null) : null;
  } catch {
    return null;
  }
}

export function openSidebar(): void {
  const journal = journalBookLang();
  const title = journal ? JOURNAL_SIDEBAR_TITLE[journal] : SIDEBAR_TITLE[workbookLang()];
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

function currentUser(): string {
  // The person at the keyboard; empty outside the owner's domain, then the account the script runs as.
  // The lesson access rule (core/access/lesson.ts) keys on this email. Google: getEffectiveUser()
  // is the developer only for a web app «execute as me» or an installable trigger; «in most other
  // cases» — google.script.run from this sidebar, run under the user's own authorization — it
  // is the same account as getActiveUser(), so the fallback never lends the owner's rights.
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

/** The monthly job with the Apps Script ports (as the menu runs it), answering in sidebar terms. */
function buildReport(month: string, user: string): ReportOutcome {
  const r = runReportJob(month, user);
  if (r.status === "done") return { status: "done", url: r.docUrl };
  return {
    status: "continued",
    message: {
      ru: `Отчёт за ${month} большой: работа продолжится автоматически через минуту, ссылка появится в «Аудите».`,
      en: `The report for ${month} is large: it continues automatically in a minute; the link will be in «Аудит».`,
    },
  };
}

/** Every sidebar call: {ok, value} or {ok: false, error: {code, ru, en}}; never a stack trace. */
export function sidebarRpc(method: string, payload: unknown): RpcEnvelope<unknown> {
  const log = (e: unknown) => console.error(`sidebarRpc ${method}:`, e);
  try {
    const user = currentUser();
    const wb = workbook();
    // The tutors' journal workbook (this bundle bound to it): the lesson calls over its tabs only.
    // The sheet list is the one the server reads anyway (kept for the execution): no extra call.
    if (wb.sheetNames().includes(JOURNAL_MARKER_SHEET))
      return journalDispatch(
        { wb, lock: documentLock, clock: systemClock, user, tabEditors: () => wb.tabEditors() },
        method,
        payload,
        log,
      );
    const server = createSidebarServer({
      wb,
      lock: documentLock,
      clock: systemClock,
      user,
      report: (month) => buildReport(month, user),
    });
    const out = dispatch(server, method, payload, log);
    // Apps Script is synchronous: every port here answers at once, so this is never a Promise.
    if (out instanceof Promise) throw new Error("asynchronous result in Apps Script");
    return out;
  } catch (e) {
    return failure(e, log);
  }
}
