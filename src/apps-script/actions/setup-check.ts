/** Menu actions «Настроить книгу» and «Проверить данные». */
import { checkWorkbook, problemsWrite, summaryLine } from "../../app/check.js";
import { setupWorkbook } from "../../app/setup.js";
import { todayIn } from "../../core/dates.js";
import { schoolYearOf } from "../../core/school-year.js";
import { systemClock } from "../clock.js";
import { sheetLinker, workbook, workbookLang } from "../env.js";
import { withDocumentLock } from "../lock.js";

export function runSetup(): void {
  const lang = workbookLang();
  // A new «Учебные периоды» gets the running school year's quarters (issue 16).
  const year = schoolYearOf(todayIn(systemClock.now(), "Europe/Moscow"));
  const created = withDocumentLock(() => setupWorkbook(workbook(), lang, { year }));
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    lang === "ru"
      ? created.length
        ? `Созданы листы: ${created.join(", ")}.`
        : "Все листы на месте; данные не изменены."
      : created.length
        ? `Created sheets: ${created.join(", ")}.`
        : "Every sheet is in place; no data was changed.",
  );
}

export function runCheck(): void {
  const wb = workbook();
  const result = withDocumentLock(() => {
    const r = checkWorkbook(wb);
    wb.write([problemsWrite(r.issues, r.lang, r.model.tabs.problems, sheetLinker(wb))]);
    return r;
  });
  const line = summaryLine(result.issues, result.lang);
  const more =
    result.issues.length === 0
      ? ""
      : result.lang === "ru"
        ? " Подробности и ссылки на ячейки — на листе «Проблемы»."
        : " Details with links to the cells are on the Problems sheet.";
  SpreadsheetApp.getUi().alert(line + more);
}
