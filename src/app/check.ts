/** «Проверить данные» / `coordinator check`: every issue of the workbook, and the «Проблемы» sheet. */
import type { WriteValue } from "../core/cells.js";
import { type Lang, plural } from "../core/i18n.js";
import { type Issue, issue } from "../core/issues.js";
import { cellLimitIssue } from "../core/limits/cells.js";
import { longCellIssues } from "../core/long-cells.js";
import type { Model } from "../core/model.js";
import { presenceDifferences } from "../core/presence/diff.js";
import { loginIndex } from "../core/presence/identity.js";
import { readPresence } from "../core/presence/sheet.js";
import { registryCheckIssues } from "../core/registries/checks.js";
import { readRegistries } from "../core/registries/read.js";
import { SHEETS, type SheetKey } from "../core/schema.js";
import type { SheetWrite, Workbook } from "../ports.js";
import { individualIssues } from "./individual.js";
import { loadWorkbook } from "./load.js";

/** Sheets without which nothing can be computed. */
const ESSENTIAL: readonly SheetKey[] = ["students", "staff", "groups", "enrollments", "schedule"];

export interface CheckResult {
  model: Model;
  lang: Lang;
  issues: Issue[];
  /** True when the workbook has none of the known sheets (probably not a coordinator workbook). */
  noKnownSheets: boolean;
}

export function missingSheetIssues(model: Model): Issue[] {
  return ESSENTIAL.filter((k) => !model.tabs[k]).map((k) =>
    issue(
      SHEETS[k].ru,
      "",
      "missing-sheet",
      {
        ru: `Нет листа «${SHEETS[k].ru}»; создайте его: меню «Настроить книгу» или coordinator init`,
        en: `No sheet "${SHEETS[k].en}"; create it with "Set up workbook" or coordinator init`,
      },
      "warning",
    ),
  );
}

export function checkWorkbook(wb: Workbook): CheckResult {
  const { model, tables } = loadWorkbook(wb);
  const noKnownSheets = Object.keys(model.tabs).length === 0 && model.journals.length === 0;
  // Issue 19: «Логин СДО» given twice or to two people; journals vs «Присутствие в СДО».
  const tab = model.tabs.presence;
  const presence = tab ? readPresence(tab, tables.get(tab)?.values ?? []).rows : [];
  const differences = presenceDifferences(model, presence, model.settings.language).issues;
  const issues = [...missingSheetIssues(model), ...model.issues, ...loginIndex(model).issues, ...differences];
  // Issue 18: the registries' bad cells, participants without a workstation, support-staff reports
  // the journals contradict.
  const registries = readRegistries(model, tables);
  issues.push(...registries.issues, ...registryCheckIssues(model, registries.registries));
  issues.push(...individualIssues(model, tables)); // issue 17: ИУП, corrections, portfolio
  issues.push(...longCellIssues(tables.values()));
  const full = wb.gridSizes ? cellLimitIssue(wb.gridSizes()) : null;
  if (full) issues.push(full);
  return { model, lang: model.settings.language, issues, noKnownSheets };
}

export function summaryLine(issues: readonly Issue[], lang: Lang): string {
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  if (issues.length === 0) return lang === "ru" ? "Проблем не найдено." : "No problems found.";
  return lang === "ru"
    ? `Найдено: ${plural("ru", errors, { one: "ошибка", few: "ошибки", many: "ошибок", other: "ошибки" })}, ${plural("ru", warnings, { one: "предупреждение", few: "предупреждения", many: "предупреждений", other: "предупреждения" })}.`
    : `Found: ${plural("en", errors, { one: "error", other: "errors" })}, ${plural("en", warnings, { one: "warning", other: "warnings" })}.`;
}

/** A link to a cell, made by the adapter (Sheets needs the sheet's gid, xlsx a sheet name). */
export type CellLink = (sheet: string, cell: string, label: string) => WriteValue;

/** Excel / LibreOffice internal link; Apps Script passes its own gid-based link. */
export const xlsxLink: CellLink = (sheet, cell, label) =>
  cell
    ? // The target is an A1 reference ('' inside the quoted sheet name) inside a formula string
      // literal ("" for a quote), so a name holding ' or " needs both escapes, in that order.
      {
        formula: `=HYPERLINK("#${formulaText(`'${sheet.replace(/'/g, "''")}'!${cell}`)}","${formulaText(label)}")`,
      }
    : label;

/** Text inside a formula's "…" literal. */
const formulaText = (s: string) => s.replace(/"/g, '""');

/** The «Проблемы» sheet: replaced on every run, one row per issue. */
export function problemsWrite(
  issues: readonly Issue[],
  lang: Lang,
  tab: string | undefined,
  link: CellLink,
): SheetWrite {
  const spec = SHEETS.problems;
  const rows: WriteValue[][] = [spec.columns.map((c) => c[lang])];
  for (const i of issues) {
    const label = i.cell ? `${i.sheet}!${i.cell}` : i.sheet;
    rows.push([
      link(i.sheet, i.cell, label),
      i.severity === "error"
        ? lang === "ru"
          ? "ошибка"
          : "error"
        : lang === "ru"
          ? "предупреждение"
          : "warning",
      i.code,
      i.message[lang],
    ]);
  }
  return {
    sheet: tab ?? spec[lang],
    create: !tab,
    clear: true,
    cells: [{ row: 1, col: 1, values: rows }],
    frozenRows: 1,
    boldRows: 1,
  };
}
