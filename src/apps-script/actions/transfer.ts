/**
 * «Выписки для классных журналов»: asks for the month (and, optionally, one class), records the
 * transfer in «Перенос в классные журналы» and writes each class's extract «Выписка 9А 2026-11»:
 * for a class whose teacher «Классные руководители» names, into a separate spreadsheet of that
 * class (made by this script, so `drive.file` covers sharing it) shared as reader with exactly
 * that class teacher — they never need the master, which holds every family's contacts; for
 * any other class, into this spreadsheet, protected so that only the owner edits it. All under
 * the document lock; a rerun replaces the month's sheets. The CSV for electronic journals comes
 * from the CLI (`coordinator transfer --spreadsheet ID`).
 */
import { classTeachers } from "../../app/card-job.js";
import { loadWorkbook } from "../../app/load.js";
import { chooseReportMonth } from "../../app/report-month.js";
import { runTransfer } from "../../app/transfer.js";
import { isMonth, todayIn } from "../../core/dates.js";
import type { Lang } from "../../core/i18n.js";
import { norm } from "../../core/schema.js";
import { exportWrites } from "../../core/transfer/export.js";
import type { SheetWrite } from "../../ports.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, workbook } from "../env.js";
import { withDocumentLock } from "../lock.js";
import { AdvancedSheetsWorkbook } from "../sheets-advanced.js";
import { propertiesStore } from "../store.js";
import { services, shareExactly } from "./journal-book.js";

export const classBookKey = (className: string) => `transfer.book.${norm(className)}`;

/** The class's remembered extract spreadsheet, or a new one holding the month's tab. */
function classBook(className: string, tab: string, lang: Lang): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const { sheets } = services();
  const store = propertiesStore();
  const id = store.get(classBookKey(className));
  if (id) {
    try {
      return SpreadsheetApp.openById(id);
    } catch {
      // Deleted or no longer reachable: a new one is made.
    }
  }
  const master = activeSpreadsheet();
  const made = sheets.Spreadsheets.create({
    properties: {
      title: `${master.getName()} — ${lang === "ru" ? "выписки" : "extracts"} ${className}`,
      timeZone: master.getSpreadsheetTimeZone(),
      locale: master.getSpreadsheetLocale(),
    },
    sheets: [{ properties: { title: tab } }],
  });
  store.set(classBookKey(className), made.spreadsheetId!);
  return SpreadsheetApp.openById(made.spreadsheetId!);
}

/** One class's extract into its own spreadsheet, shared as reader with exactly its teachers. */
function writeClassBook(className: string, w: SheetWrite, readers: readonly string[], lang: Lang): string {
  const { sheets, permissions } = services();
  const ss = classBook(className, w.sheet, lang);
  const book = new AdvancedSheetsWorkbook(ss, sheets);
  const exists = book.sheetNames().includes(w.sheet);
  book.write([{ ...w, create: !exists, clear: exists }]);
  shareExactly(permissions, ss.getId(), readers, "reader");
  return ss.getUrl();
}

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
  const { model, tables } = loadWorkbook(wb);
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
    const classOf = new Map<string, string>();
    const writes = exportWrites(
      r.blocks,
      r.corrections,
      month,
      lang,
      (c) => {
        const tab = extractTab(c, month, lang);
        classOf.set(tab, c);
        return tab;
      },
      wb.sheetNames(),
    );
    const teachers = classTeachers(model, tables);
    const own: SheetWrite[] = [];
    const books: string[] = [];
    for (const w of writes) {
      const className = classOf.get(w.sheet) ?? "";
      const readers = teachers.get(norm(className)) ?? [];
      if (readers.length) books.push(`${className}: ${writeClassBook(className, w, readers, lang)}`);
      else own.push({ ...w, protection: { editors: [], description: title } });
    }
    if (own.length) wb.write(own);
    return { r, tabs: own.map((w) => w.sheet), books };
  });
  const missing = res.r.issues.map((i) => i.message[lang]).join("\n");
  const books = res.books.length
    ? ru
      ? `\nКлассным руководителям (отдельные таблицы, только чтение): ${res.books.join("; ")}.`
      : `\nTo the class teachers (separate spreadsheets, read only): ${res.books.join("; ")}.`
    : "";
  const tabs = res.tabs.join(", ") || "—";
  ui.alert(
    res.tabs.length || res.books.length
      ? ru
        ? `Выписки за ${month}: ${tabs}.${books} Исправлений после переноса: ${res.r.corrections.length}.${missing ? `\n${missing}` : ""}`
        : `Extracts for ${month}: ${tabs}.${books} Corrections after transfer: ${res.r.corrections.length}.${missing ? `\n${missing}` : ""}`
      : ru
        ? `За ${month} нечего переносить: нет учащихся в группах.`
        : `Nothing to transfer for ${month}: no students in groups.`,
  );
}
