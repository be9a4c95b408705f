/**
 * «Выписки для классных журналов»: asks for the month (and, optionally, one class), records the
 * transfer in «Перенос в классные журналы» and writes a sheet per class into this spreadsheet —
 * «Выписка 9А 2026-11», protected so that only the owner edits it — in one batch under the
 * document lock. A rerun replaces those sheets. The CSV for electronic journals comes from the
 * CLI (`coordinator transfer --spreadsheet ID`).
 */
import { loadModel } from "../../app/load.js";
import { chooseReportMonth } from "../../app/report-month.js";
import { runTransfer } from "../../app/transfer.js";
import { isMonth, todayIn } from "../../core/dates.js";
import { exportWrites } from "../../core/transfer/export.js";
import { systemClock } from "../clock.js";
import { workbook } from "../env.js";
import { withDocumentLock } from "../lock.js";

/** The tab of a class's extract inside the master workbook. */
export function extractTab(className: string, month: string, lang: "ru" | "en"): string {
  const name = className.replace(/[[\]:*?/\\]/g, "-");
  return lang === "ru" ? `Выписка ${name} ${month}` : `Extract ${name} ${month}`;
}

function ask(title: string, text: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(title, text, ui.ButtonSet.OK_CANCEL);
  return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText().trim() : null;
}

export function transferFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const wb = workbook();
  const model = loadModel(wb);
  const lang = model.settings.language;
  const ru = lang === "ru";
  const now = systemClock.now();
  const suggested = chooseReportMonth(model, todayIn(now, model.settings.timeZone)).month;
  const title = ru ? "Выписки для классных журналов" : "Extracts for the class journals";
  const typed = ask(
    title,
    ru ? `Месяц ГГГГ-ММ (пусто — ${suggested}):` : `Month YYYY-MM (blank: ${suggested}):`,
  );
  if (typed === null) return;
  const month = typed || suggested;
  if (!isMonth(month)) {
    ui.alert(
      ru ? `«${month}» — не месяц; ожидается ГГГГ-ММ.` : `"${month}" is not a month; expected YYYY-MM.`,
    );
    return;
  }
  const only = ask(title, ru ? "Класс (пусто — все классы):" : "Class (blank: every class):");
  if (only === null) return;
  const who = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  const res = withDocumentLock(() => {
    const r = runTransfer(wb, { month, className: only || undefined, now, who });
    const writes = exportWrites(
      r.blocks,
      r.corrections,
      month,
      lang,
      (c) => extractTab(c, month, lang),
      wb.sheetNames(),
    ).map((w) => ({ ...w, protection: { editors: [], description: title } }));
    if (writes.length) wb.write(writes);
    return { r, tabs: writes.map((w) => w.sheet) };
  });
  const missing = res.r.issues.map((i) => i.message[lang]).join("\n");
  ui.alert(
    res.tabs.length
      ? ru
        ? `Выписки за ${month}: ${res.tabs.join(", ")}. Исправлений после переноса: ${res.r.corrections.length}.${missing ? `\n${missing}` : ""}`
        : `Extracts for ${month}: ${res.tabs.join(", ")}. Corrections after transfer: ${res.r.corrections.length}.${missing ? `\n${missing}` : ""}`
      : ru
        ? `За ${month} нечего переносить: нет учащихся в группах.`
        : `Nothing to transfer for ${month}: no students in groups.`,
  );
}
