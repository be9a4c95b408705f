/** Menu actions «Проверить расписание», «Тексты оповещений», «Обновить журналы». */

import { checkAttestation, loadAttestation } from "../../app/attestation.js";
import { problemsWrite, summaryLine } from "../../app/check.js";
import { JOURNALS_JOB_KEY, type JournalsJobPorts, runJournalsJob } from "../../app/journals-job.js";
import { loadModel, loadSettings } from "../../app/load.js";
import { scheduleConflicts, scheduleNotices } from "../../app/schedule.js";
import { todayIn } from "../../core/dates.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, sheetLinker, workbook } from "../env.js";
import { HANDLERS } from "../handlers.js";
import { escapeHtml } from "../html.js";
import { withDocumentLock } from "../lock.js";
import { propertiesStore } from "../store.js";
import { clearContinuation, scheduleContinuation } from "../triggers.js";

export function runScheduleCheck(): void {
  const wb = workbook();
  const { conflicts, lang } = withDocumentLock(() => {
    // The attestation schedule is checked with the lessons (issue 16).
    const st = loadAttestation(wb);
    const model = st.model;
    const today = todayIn(systemClock.now(), model.settings.timeZone);
    const found = [
      ...scheduleConflicts(model),
      ...(model.tabs.attestations ? checkAttestation(st, today) : []),
    ];
    const language = model.settings.language;
    wb.write([problemsWrite(found, language, model.tabs.problems, sheetLinker(wb))]);
    return { conflicts: found, lang: language };
  });
  const ru = lang === "ru";
  SpreadsheetApp.getUi().alert(
    conflicts.length === 0
      ? ru
        ? "Конфликтов в расписании нет."
        : "No schedule conflicts."
      : `${summaryLine(conflicts, lang)} ${ru ? "Список со ссылками — на листе «Проблемы»." : "The list with links is on the Problems sheet."}`,
  );
}

export function showNotices(): void {
  const model = loadModel(workbook());
  const lang = model.settings.language;
  const notices = scheduleNotices(model, lang);
  const ru = lang === "ru";
  const body = notices.length
    ? notices.map((n) => `<p>${escapeHtml(n.text)}</p>`).join("")
    : `<p>${ru ? "Все изменения уже сообщены." : "Every change has been notified."}</p>`;
  const html = HtmlService.createHtmlOutput(
    `<div style="font:14px Arial,sans-serif">${body}<p style="color:#666">${ru ? "Отметьте дату в столбце «Сообщено», когда отправите." : "Put the date into the Notified column once sent."}</p></div>`,
  )
    .setWidth(560)
    .setHeight(420);
  SpreadsheetApp.getUi().showModalDialog(html, ru ? "Оповещения об изменениях" : "Change notices");
}

/** The job's ports in Apps Script: script properties, the clock, a one-off continuation. */
function journalsPorts(wb: ReturnType<typeof workbook>, tz: string): JournalsJobPorts {
  return {
    wb,
    store: propertiesStore(),
    clock: systemClock,
    scheduleContinuation: () => scheduleContinuation(tz, HANDLERS.continueJournals),
  };
}

export function runJournals(): void {
  const wb = workbook();
  const tz = activeSpreadsheet().getSpreadsheetTimeZone();
  const r = withDocumentLock(() => runJournalsJob(journalsPorts(wb, tz), todayIn(systemClock.now(), tz)));
  const lang = loadSettings(wb).language;
  const created = r.sheets.filter((s) => s.created).length;
  const changed = r.sheets.filter((s) => s.changed && !s.created).length;
  const warnings = r.issues.length;
  const more =
    r.status === "continued"
      ? lang === "ru"
        ? ` Записано журналов: ${r.written}; остальные допишутся автоматически через минуту.`
        : ` ${r.written} journals written; the rest follow automatically in a minute.`
      : "";
  SpreadsheetApp.getUi().alert(
    lang === "ru"
      ? `Журналы: создано ${created}, обновлено ${changed}, без изменений ${r.sheets.length - created - changed}.${more}${warnings ? ` Замечаний: ${warnings} (меню «Проверить данные»).` : ""}`
      : `Journals: ${created} created, ${changed} updated, ${r.sheets.length - created - changed} unchanged.${more}${warnings ? ` ${warnings} remarks (menu "Check data").` : ""}`,
  );
}

/** The one-off continuation trigger of «Обновить журналы»: finish the saved day, no UI. */
export function continueJournals(): void {
  const tz = activeSpreadsheet().getSpreadsheetTimeZone();
  clearContinuation(tz, HANDLERS.continueJournals);
  const store = propertiesStore();
  if (!store.get(JOURNALS_JOB_KEY)) return;
  const wb = workbook();
  withDocumentLock(() => runJournalsJob(journalsPorts(wb, tz), todayIn(systemClock.now(), tz)));
}
