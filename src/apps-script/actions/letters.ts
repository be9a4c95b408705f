/**
 * «Письма родителям за месяц…»: mail each consenting family its progress letter (MailApp).
 * The quota is read first; the run stops before it is used up or before 6 minutes, saves
 * the month in script properties and continues by itself — a day later for the quota, a
 * minute later for time. Every sent letter is recorded in «Письма» under the document lock,
 * so neither a rerun nor the continuation mails a family twice.
 */

import { type SendResult, sendLetters } from "../../app/letters.js";
import { defaultMonth } from "../../app/report.js";
import { isMonth } from "../../core/dates.js";
import type { Lang } from "../../core/i18n.js";
import { LETTER_SKIP_REASONS } from "../../core/letters/recipients.js";
import { locateSheets } from "../../core/parse/index.js";
import type { Mailer } from "../../ports.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, sheetLinker, workbook, workbookLang } from "../env.js";
import { HANDLERS } from "../handlers.js";
import { documentLock, withDocumentLock } from "../lock.js";
import { propertiesStore } from "../store.js";
import { reconcile } from "../triggers.js";
import { problemsAppendWrite } from "./forms.js";

export const LETTERS_JOB_KEY = "letters.job";
/** Consumer quotas come back within a day of use. */
export const NEXT_DAY_MS = 24 * 60 * 60 * 1000;
const NEXT_MINUTE_MS = 60 * 1000;

const mailer: Mailer = {
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
  send: (to, subject, body) => MailApp.sendEmail(to.join(","), subject, body),
};

/** Replace the continuation trigger: a one-off trigger that already fired stays listed until deleted. */
function setContinuation(afterMs: number | null, tz: string): void {
  const h = HANDLERS.continueLetters;
  reconcile([], [h], tz);
  if (afterMs !== null) reconcile([{ handler: h, kind: "continuation", afterMs }], [h], tz);
}

/** Send, then save or clear the job and its trigger, and append any problem to «Проблемы». */
export function runLetters(month: string): SendResult {
  const ss = activeSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const wb = workbook();
  const store = propertiesStore();
  const res = sendLetters({ wb, lock: documentLock, mailer, clock: systemClock }, month);
  withDocumentLock(() => {
    if (res.stopped) {
      store.set(LETTERS_JOB_KEY, JSON.stringify({ month }));
      setContinuation(res.stopped === "quota" ? NEXT_DAY_MS : NEXT_MINUTE_MS, tz);
    } else {
      store.delete(LETTERS_JOB_KEY);
      setContinuation(null, tz);
    }
    if (res.issues.length)
      wb.write([
        problemsAppendWrite(
          res.issues,
          res.lang,
          locateSheets(wb.sheetNames()).tabs.problems,
          sheetLinker(wb),
        ),
      ]);
  });
  return res;
}

export function summaryText(res: SendResult, lang: Lang): string {
  const ru = lang === "ru";
  const lines = [
    ru
      ? `Письма за ${res.month}: отправлено ${res.sent.length}.`
      : `Letters for ${res.month}: ${res.sent.length} sent.`,
  ];
  if (res.stopped === "quota")
    lines.push(
      ru
        ? `Дневной лимит почты исчерпан: осталось ${res.remaining}; отправка продолжится автоматически завтра.`
        : `The daily mail quota is used up: ${res.remaining} left; sending continues automatically tomorrow.`,
    );
  if (res.stopped === "time")
    lines.push(
      ru
        ? `Осталось ${res.remaining}; отправка продолжится автоматически через минуту.`
        : `${res.remaining} left; sending continues automatically in a minute.`,
    );
  if (res.already)
    lines.push(ru ? `Уже были отправлены раньше: ${res.already}.` : `Already sent before: ${res.already}.`);
  if (res.issues.length)
    lines.push(
      ru
        ? `Не отправлено из-за адреса: ${res.issues.length} — подробности на листе «Проблемы».`
        : `Not sent because of the address: ${res.issues.length} — details on the Problems sheet.`,
    );
  if (res.phoneOnly.length) {
    lines.push(
      ru
        ? `Только телефон — свяжитесь сами (${res.phoneOnly.length}):`
        : `Phone only — contact them yourself (${res.phoneOnly.length}):`,
    );
    lines.push(
      ...cap(
        res.phoneOnly.map((r) => `• ${r.studentId} ${r.name}: ${r.phone}`),
        10,
        lang,
      ),
    );
  }
  if (res.skipped.length) {
    lines.push(ru ? `Без письма (${res.skipped.length}):` : `Without a letter (${res.skipped.length}):`);
    lines.push(
      ...cap(
        res.skipped.map((s) => `• ${s.studentId} ${s.name}: ${LETTER_SKIP_REASONS[s.reason][lang]}`),
        15,
        lang,
      ),
    );
  }
  return lines.join("\n");
}

function cap(lines: string[], max: number, lang: Lang): string[] {
  if (lines.length <= max) return lines;
  const more = lines.length - max;
  return [...lines.slice(0, max), lang === "ru" ? `… и ещё ${more}` : `… and ${more} more`];
}

export function lettersFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const lang = workbookLang();
  const ru = lang === "ru";
  const suggested = defaultMonth(systemClock.now(), activeSpreadsheet().getSpreadsheetTimeZone());
  const answer = ui.prompt(
    ru ? "Письма родителям" : "Letters to parents",
    ru
      ? `Месяц в формате ГГГГ-ММ (пусто — ${suggested}). Письма получат семьи с согласием на обработку ПДн; повторно никому не отправляется.`
      : `Month as YYYY-MM (blank: ${suggested}). Families with data consent get a letter; nobody gets one twice.`,
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
  const res = runLetters(month);
  ui.alert(summaryText(res, res.lang));
}

/** The one-off continuation trigger: go on with the saved month. */
export function continueLettersJob(): void {
  const saved = propertiesStore().get(LETTERS_JOB_KEY);
  if (!saved) {
    withDocumentLock(() => setContinuation(null, activeSpreadsheet().getSpreadsheetTimeZone()));
    return;
  }
  runLetters((JSON.parse(saved) as { month: string }).month);
}
