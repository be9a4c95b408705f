/**
 * Menu actions «Обновить аттестацию» (results sheets «Аттестация <ID>» up to a week ahead,
 * the started periods' «Итоги», the checks into «Проблемы») and «Расписание аттестации: тексты»
 * (the notices per group; «Сообщено» recorded). Both under the document lock, one read and
 * one write batch each.
 */
import { loadAttestation, noticesRun, updateAttestation } from "../../app/attestation.js";
import { problemsWrite, summaryLine } from "../../app/check.js";
import { defaultPeriod } from "../../app/period.js";
import { writePeriodDoc } from "../../app/period-doc.js";
import { sendPeriodLetters } from "../../app/period-letters.js";
import { todayIn } from "../../core/dates.js";
import type { Mailer } from "../../ports.js";
import { systemClock } from "../clock.js";
import { appsScriptDocSink } from "../doc-sink.js";
import { sheetLinker, workbook } from "../env.js";
import { escapeHtml } from "../html.js";
import { documentLock, withDocumentLock } from "../lock.js";
import { propertiesStore } from "../store.js";

export function runAttestation(): void {
  const wb = workbook();
  const done = withDocumentLock(() => {
    const st = loadAttestation(wb);
    const lang = st.model.settings.language;
    const today = todayIn(systemClock.now(), st.model.settings.timeZone);
    const run = updateAttestation(wb, today, lang);
    wb.write([problemsWrite(run.issues, lang, st.model.tabs.problems, sheetLinker(wb))]);
    return { run, lang };
  });
  const ru = done.lang === "ru";
  const { run } = done;
  const made = ru
    ? `Листов результатов: ${run.results.length}; итоги: ${run.terms.join(", ") || "—"}.`
    : `Results sheets: ${run.results.length}; period results: ${run.terms.join(", ") || "—"}.`;
  const found = run.issues.length
    ? ` ${summaryLine(run.issues, done.lang)} ${ru ? "Список со ссылками — на листе «Проблемы»." : "The list with links is on the Problems sheet."}`
    : ru
      ? " Проблем в расписании аттестации нет."
      : " No problems in the attestation schedule.";
  SpreadsheetApp.getUi().alert(made + found);
}

export function showAttestationNotices(): void {
  const wb = workbook();
  const { notices, lang, recorded } = withDocumentLock(() => {
    const st = loadAttestation(wb);
    const language = st.model.settings.language;
    const r = noticesRun(st, todayIn(systemClock.now(), st.model.settings.timeZone), language);
    if (r.write) wb.write([r.write]);
    return { notices: r.notices, lang: language, recorded: Boolean(r.write) };
  });
  const ru = lang === "ru";
  const body = notices.length
    ? notices.map((n) => `<p style="white-space:pre-line">${escapeHtml(n.text)}</p>`).join("")
    : `<p>${ru ? "Вся аттестация уже сообщена." : "Every attestation has been notified."}</p>`;
  const note = !notices.length
    ? ""
    : recorded
      ? ru
        ? "Дата записана в столбец «Сообщено»."
        : "Today's date is in the Notified column."
      : ru
        ? "Нет столбца «Сообщено»: дата не записана."
        : "No Notified column: nothing recorded.";
  const html = HtmlService.createHtmlOutput(
    `<div style="font:14px Arial,sans-serif">${body}<p style="color:#666">${note}</p></div>`,
  )
    .setWidth(600)
    .setHeight(460);
  SpreadsheetApp.getUi().showModalDialog(html, ru ? "Расписание аттестации" : "Attestation schedule");
}

const mailer: Mailer = {
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
  send: (to, subject, body) => MailApp.sendEmail(to.join(","), subject, body),
};

/**
 * «Письма родителям: итоги периода…»: each consenting family gets its own child's period marks
 * and attestation results, once per period, within the daily mail quota (a rerun goes on).
 */
export function periodLettersFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const wb = workbook();
  const st = loadAttestation(wb);
  const lang = st.model.settings.language;
  const ru = lang === "ru";
  const suggested =
    defaultPeriod(st.periods, todayIn(systemClock.now(), st.model.settings.timeZone))?.name ?? "";
  const answer = ui.prompt(
    ru ? "Итоги периода: письма родителям" : "Period results: letters to parents",
    ru
      ? `Период с листа «Учебные периоды» (пусто — ${suggested || "нет"}). Письма получат семьи с согласием; повторно никому.`
      : `A period from the Periods sheet (blank: ${suggested || "none"}). Families with consent get a letter; nobody twice.`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const name = answer.getResponseText().trim() || suggested;
  const r = sendPeriodLetters({ wb, lock: documentLock, mailer, clock: systemClock }, name);
  if (!r) {
    ui.alert(ru ? `Нет периода «${name}» с датами.` : `No period "${name}" with dates.`);
    return;
  }
  const left = r.remaining
    ? ru
      ? ` Осталось ${r.remaining}: квота писем на сегодня исчерпана, повторите завтра.`
      : ` ${r.remaining} left: today's mail quota is used up, run it again tomorrow.`
    : "";
  const phone = r.phoneOnly.length
    ? ru
      ? ` Только телефон: ${r.phoneOnly.join(", ")}.`
      : ` Phone only: ${r.phoneOnly.join(", ")}.`
    : "";
  ui.alert(
    (ru
      ? `«${name}»: отправлено ${r.sent.length}, уже было ${r.already}.`
      : `"${name}": sent ${r.sent.length}, sent before ${r.already}.`) +
      left +
      phone,
  );
}

/**
 * «Отчёт за период…»: asks for the period (blank: the latest ended), writes «Итоги <период>»
 * and the period report as a Google Doc (rewritten in place on a rerun), shared with the
 * report's recipients; shows the link.
 */
export function periodReportFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const wb = workbook();
  const st = loadAttestation(wb);
  const ru = st.model.settings.language === "ru";
  const suggested =
    defaultPeriod(st.periods, todayIn(systemClock.now(), st.model.settings.timeZone))?.name ?? "";
  const answer = ui.prompt(
    ru ? "Отчёт за период" : "Period report",
    ru
      ? `Период с листа «Учебные периоды» (пусто — ${suggested || "нет"}):`
      : `A period from the Periods sheet (blank: ${suggested || "none"}):`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const name = answer.getResponseText().trim() || suggested;
  const store = propertiesStore();
  const r = writePeriodDoc(
    { wb, store, clock: systemClock, lock: documentLock, docs: appsScriptDocSink({ store }) },
    name,
  );
  if (!r) {
    ui.alert(ru ? `Нет периода «${name}» с датами.` : `No period "${name}" with dates.`);
    return;
  }
  const link = `<a href="${escapeHtml(r.url)}" target="_blank">${escapeHtml(r.url)}</a>`;
  const who = r.readers.length ? escapeHtml(r.readers.join(", ")) : ru ? "никому" : "nobody";
  const html = HtmlService.createHtmlOutput(
    `<div style="font:14px Arial,sans-serif"><p>${
      ru
        ? `Отчёт «${escapeHtml(r.period)}» (учащихся: ${r.students}): ${link}`
        : `Report "${escapeHtml(r.period)}" (students: ${r.students}): ${link}`
    }</p><p style="color:#666">${ru ? "Доступ на чтение" : "Read access"}: ${who}</p></div>`,
  )
    .setWidth(520)
    .setHeight(160);
  ui.showModalDialog(html, ru ? "Отчёт за период" : "Period report");
}
