/** The Apps Script side of the ports, made once per execution. */
import type { Lang } from "../core/i18n.js";
import { parseLang } from "../core/i18n.js";
import { locateSheets } from "../core/parse/index.js";
import { settingKeyOf } from "../core/schema.js";
import { AdvancedSheetsWorkbook, sheetsService } from "./sheets-advanced.js";
import { SheetsWorkbook } from "./sheets-workbook.js";

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Reads through the Sheets advanced service (one call for all tables) when it is enabled. */
export function workbook(): SheetsWorkbook {
  const api = sheetsService();
  return api ? new AdvancedSheetsWorkbook(activeSpreadsheet(), api) : new SheetsWorkbook(activeSpreadsheet());
}

/**
 * The workbook's language from «Настройки» (one read of that sheet). onOpen may run before
 * authorization (AuthMode.NONE), when no sheet can be read: Russian then.
 */
export function workbookLang(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): Lang {
  if (e?.authMode === ScriptApp.AuthMode.NONE) return "ru";
  try {
    const wb = workbook();
    const { tabs } = locateSheets(wb.sheetNames());
    if (!tabs.settings) return tabs.students === "Students" ? "en" : "ru";
    const t = wb.read([tabs.settings]).get(tabs.settings);
    for (const row of t?.values ?? []) if (settingKeyOf(row[0]) === "language") return parseLang(row[1]);
    return "ru";
  } catch {
    return "ru";
  }
}

/**
 * `=HYPERLINK("#gid=…&range=A1", label)`: a clickable link to a cell of this spreadsheet. The
 * sheet ids are asked for once, at the first link (from the workbook's sheet list when given
 * one: no extra round trip after a read).
 */
export function sheetLinker(source: GoogleAppsScript.Spreadsheet.Spreadsheet | SheetsWorkbook) {
  let ids: Map<string, number> | null = null;
  const load = () => {
    ids ??=
      source instanceof SheetsWorkbook
        ? source.sheetIds()
        : new Map(source.getSheets().map((s) => [s.getName(), s.getSheetId()]));
    return ids;
  };
  return (sheet: string, cell: string, label: string) => {
    const gid = load().get(sheet);
    if (gid === undefined) return label;
    const range = cell ? `&range=${cell}` : "";
    return { formula: `=HYPERLINK("#gid=${gid}${range}","${label.replace(/"/g, '""')}")` };
  };
}
