/**
 * Menu actions «Обновить аттестацию» (results sheets «Аттестация <ID>» up to a week ahead,
 * the started periods' «Итоги», the checks into «Проблемы») and «Расписание аттестации: тексты»
 * (the notices per group; «Сообщено» recorded). Both under the document lock, one read and
 * one write batch each.
 */
import { loadAttestation, noticesRun, updateAttestation } from "../../app/attestation.js";
import { problemsWrite, summaryLine } from "../../app/check.js";
import { todayIn } from "../../core/dates.js";
import { systemClock } from "../clock.js";
import { sheetLinker, workbook } from "../env.js";
import { escapeHtml } from "../html.js";
import { withDocumentLock } from "../lock.js";

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
