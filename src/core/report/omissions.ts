/**
 * What a report would silently leave out. The figures are computed from what parses: a
 * student whose sheet lost its «ID» header, a duplicated ID, an enrollment of an unknown student
 * or into an unknown group, a journal of an unknown group simply do not count. `check` flags
 * each; a report must not go out as if complete. These are the problems that drop students or
 * groups from the figures (issue 14); other problems (a bad phone number) do not.
 */
import { a1 } from "../cells.js";
import type { Lang } from "../i18n.js";
import { formatIssue, type Issue } from "../issues.js";
import type { Model } from "../model.js";
import { SHEETS, type SheetKey } from "../schema.js";
import type { Block } from "./model.js";

/** The sheets whose rows the figures count. */
const COUNTED: readonly SheetKey[] = ["students", "groups", "enrollments"];
/** The ID columns without which a row of a counted sheet is not counted. */
const ID_COLUMNS: Partial<Record<SheetKey, readonly string[]>> = {
  students: ["id"],
  groups: ["id"],
  enrollments: ["studentId", "groupId"],
};

function sheetKeyOf(model: Model, sheet: string): SheetKey | undefined {
  return (Object.keys(model.tabs) as SheetKey[]).find((k) => model.tabs[k] === sheet);
}

function isJournal(model: Model, sheet: string): boolean {
  return model.journals.some((j) => j.sheet === sheet);
}

function dropsRows(model: Model, i: Issue): boolean {
  const key = sheetKeyOf(model, i.sheet);
  const counted = key !== undefined && COUNTED.includes(key);
  switch (i.code) {
    case "missing-column":
      return counted || isJournal(model, i.sheet);
    case "duplicate-id":
      return counted && i.severity === "error";
    case "unknown-ref":
      return key === "enrollments" || isJournal(model, i.sheet);
    case "journal-unknown-student":
      return true;
    case "required": {
      if (!counted) return false;
      const cols = (ID_COLUMNS[key] ?? []).map((c) => model.columns[key]?.[c]).filter((c) => c !== undefined);
      return cols.some((c) => i.cell.replace(/\d+$/, "") === a1(1, c).replace(/\d+$/, ""));
    }
    default:
      return false;
  }
}

/** The problems of the workbook that would leave students or groups out of a report. */
export function reportOmissions(model: Model): Issue[] {
  const missing: Issue[] = COUNTED.filter((k) => !model.tabs[k]).map((k) => ({
    sheet: SHEETS[k].ru,
    cell: "",
    code: "missing-sheet",
    severity: "error",
    message: {
      ru: `Нет листа «${SHEETS[k].ru}»: в отчёт не попадёт ни одна его строка`,
      en: `No sheet "${SHEETS[k].en}": none of its rows can be in the report`,
    },
  }));
  return [...missing, ...model.issues.filter((i) => dropsRows(model, i))];
}

/** Why a report was not written, in one clause (for «Проблемы» and the first line of the refusal). */
export function refusalReason(count: number, lang: Lang): string {
  return lang === "ru"
    ? `с такими данными в него не попали бы учащиеся или группы (проблем: ${count}); ничего не записано`
    : `with this data it would leave out students or groups (${count} problems); nothing was written`;
}

/** The refusal: why nothing was written, each problem at its cell, and how to override. */
export function refusalLines(omissions: readonly Issue[], lang: Lang): string[] {
  const head =
    lang === "ru"
      ? `Отчёт не сформирован: ${refusalReason(omissions.length, "ru")}.`
      : `No report written: ${refusalReason(omissions.length, "en")}.`;
  const tail =
    lang === "ru"
      ? "Исправьте эти ячейки (coordinator check покажет все проблемы) или добавьте --force: тогда отчёт перечислит, что в него не вошло."
      : "Fix these cells (coordinator check lists every problem) or add --force: the report then lists what was left out.";
  return [head, ...omissions.map((i) => formatIssue(i, lang)), tail];
}

/** Blocks that say, at the top of a forced report, what it leaves out and why. */
export function omissionBlocks(omissions: readonly Issue[], lang: Lang): Block[] {
  if (!omissions.length) return [];
  return [
    {
      kind: "heading",
      level: 2,
      text: lang === "ru" ? "Внимание: отчёт неполный" : "Warning: the report is incomplete",
    },
    {
      kind: "paragraph",
      style: "note",
      text:
        lang === "ru"
          ? "Отчёт сформирован принудительно (--force). Из-за этих проблем в книге часть учащихся или групп в нём не учтена:"
          : "This report was forced (--force). Because of these problems in the workbook some students or groups are not counted:",
    },
    { kind: "bullets", items: omissions.map((i) => formatIssue(i, lang)) },
  ];
}
