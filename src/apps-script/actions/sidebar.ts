/**
 * The sidebar in Google Sheets: «Открыть панель» shows dist/Sidebar.html, and every call the
 * page makes through google.script.run arrives at `sidebarRpc(method, payload)`, which runs
 * the shared server (src/app/sidebar) over this spreadsheet, the document lock and the clock.
 */
import { dispatch, failure } from "../../app/sidebar/dispatch.js";
import { createSidebarServer } from "../../app/sidebar/index.js";
import type { ReportOutcome, RpcEnvelope } from "../../rpc/contract.js";
import { systemClock } from "../clock.js";
import { workbook, workbookLang } from "../env.js";
import { documentLock } from "../lock.js";
import { runReportJob } from "./report.js";

export const SIDEBAR_TITLE = { ru: "Дистанционное обучение", en: "Distance learning" } as const;

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle(SIDEBAR_TITLE[workbookLang()]);
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
    const server = createSidebarServer({
      wb: workbook(),
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
