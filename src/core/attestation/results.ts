/**
 * «Аттестация <ID>» / «Attestation <ID>»: one results sheet per attestation, generated like a
 * journal. Row 1: ID, Учащийся, Результат, Комментарий; a row per student who sits it (sorted
 * by name). An update never moves or rewrites a typed cell: rows keep their place and content,
 * students new to the attestation are appended after the last used row, a student no longer on
 * the list keeps their row. The sheet is protected for its examiner and assistant.
 */
import type { SheetWrite } from "../../ports.js";
import { a1, type CellValue, cellText, isBlank, type WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import type { Student } from "../records.js";
import { norm } from "../schema.js";
import type { ResultLine, ResultSheet, ResultValue } from "./types.js";

export const RESULTS_PREFIX = { ru: "Аттестация ", en: "Attestation " } as const;

export function resultsSheetName(id: string, lang: Lang): string {
  return RESULTS_PREFIX[lang] + id;
}

/** The attestation ID of a results tab («Аттестация A1»), or undefined («Аттестация» alone is the schedule). */
export function resultsIdOf(name: string): string | undefined {
  const m = /^\s*(аттестация|attestation)\s+(.+?)\s*$/i.exec(name);
  return m ? m[2] : undefined;
}

const HEADERS = {
  ru: ["ID", "Учащийся", "Результат", "Комментарий"],
  en: ["ID", "Student", "Result", "Comment"],
} as const;

/** The tokens of a result cell, for validation and help. */
export const RESULT_TOKENS = ["5", "4", "3", "2", "зач", "незач", "н", "у", "осв"] as const;

/** A result cell: a mark 2..5 (1 too), зач / незач, н, у, осв (English pass / fail / a / e / ex too). */
export function parseResult(v: CellValue | undefined): ResultValue | null | "invalid" {
  if (isBlank(v)) return null;
  if (typeof v === "number")
    return Number.isInteger(v) && v >= 1 && v <= 5 ? { kind: "mark", mark: v } : "invalid";
  const t = norm(cellText(v ?? null)).replace(/\.$/, "");
  if (/^[1-5]$/.test(t)) return { kind: "mark", mark: Number(t) };
  if (["зач", "зачет", "зачтено", "pass", "p"].includes(t)) return { kind: "pass" };
  if (["незач", "незачет", "не зачтено", "fail", "f"].includes(t)) return { kind: "fail" };
  if (["н", "a", "abs", "absent"].includes(t)) return { kind: "absent" };
  if (["у", "e", "exc", "excused"].includes(t)) return { kind: "excused" };
  if (["осв", "ex", "exempt"].includes(t)) return { kind: "exempt" };
  return "invalid";
}

/** Columns of a results sheet as found (by header, in either language); defaults to A..D. */
export function columnsOf(header: readonly CellValue[]): { id: number; result: number; comment: number } {
  const find = (names: string[], fallback: number) => {
    const i = header.findIndex((h) => names.includes(norm(h)));
    return i >= 0 ? i : fallback;
  };
  return {
    id: find(["id"], 0),
    result: find(["результат", "result", "отметка", "mark"], 2),
    comment: find(["комментарий", "comment", "примечание", "note"], 3),
  };
}

export function readResultSheet(
  sheet: string,
  attestationId: string,
  values: readonly (readonly CellValue[])[],
): { results: ResultSheet; issues: Issue[] } {
  const issues: Issue[] = [];
  const lines: ResultLine[] = [];
  const c = columnsOf(values[0] ?? []);
  const seen = new Set<string>();
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const studentId = cellText(line[c.id] ?? null).trim();
    if (!studentId || seen.has(studentId)) continue;
    seen.add(studentId);
    const raw = line[c.result];
    const parsed = parseResult(raw);
    if (parsed === "invalid")
      issues.push(
        issue(sheet, a1(r + 1, c.result + 1), "bad-token", {
          ru: `«${cellText(raw ?? null)}» — не результат; ожидается отметка, зач, незач, н, у или осв`,
          en: `"${cellText(raw ?? null)}" is not a result; expected a mark, зач, незач, н, у or осв`,
        }),
      );
    lines.push({
      studentId,
      row: r + 1,
      value: parsed === "invalid" ? null : parsed,
      text: cellText(raw ?? null).trim(),
      comment: cellText(line[c.comment] ?? null).trim(),
    });
  }
  return { results: { attestationId, sheet, lines }, issues };
}

export interface ResultsPlan {
  write: SheetWrite;
  /** Rows appended (new students). */
  added: number;
  changed: boolean;
}

/** Create or update one results sheet; `existing` null when the sheet does not exist yet. */
export function planResultSheet(args: {
  sheet: string;
  lang: Lang;
  students: readonly Student[];
  existing: readonly (readonly CellValue[])[] | null;
  editors: readonly string[];
}): ResultsPlan {
  const { sheet, lang, existing } = args;
  const sorted = [...args.students].sort((a, b) => a.name.localeCompare(b.name, "ru"));
  const cells: { row: number; col: number; values: WriteValue[][] }[] = [];
  let lastRow = 1;
  const have = new Set<string>();
  if (existing) {
    const c = columnsOf(existing[0] ?? []);
    existing.forEach((line, r) => {
      if (line.some((v) => !isBlank(v))) lastRow = Math.max(lastRow, r + 1);
      if (r > 0) have.add(cellText(line[c.id] ?? null).trim());
    });
  } else cells.push({ row: 1, col: 1, values: [[...HEADERS[lang]]] });
  const fresh = sorted.filter((s) => !have.has(s.id));
  if (fresh.length)
    cells.push({ row: lastRow + 1, col: 1, values: fresh.map((s) => [s.id, s.name, null, null]) });
  const rows = Math.max(lastRow + fresh.length, 2) - 1;
  return {
    write: {
      sheet,
      create: !existing,
      cells,
      frozenRows: 1,
      boldRows: 1,
      columnWidths: [10, 32, 12, 36],
      validations: [
        {
          range: { row: 2, col: 3, rows, cols: 1 },
          list: [...RESULT_TOKENS],
          strict: false,
          help:
            lang === "ru"
              ? "Отметка 2–5, зач, незач, н (не явился), у (уважительная), осв (освобождён)"
              : "A mark 2–5, зач (pass), незач (fail), н (absent), у (excused), осв (exempt)",
        },
      ],
      protection: {
        editors: args.editors,
        description:
          lang === "ru"
            ? "Результаты вносит экзаменатор или ассистент"
            : "Results are entered by the examiner or assistant",
      },
    },
    added: fresh.length,
    changed: cells.length > 0,
  };
}

/** A result as the sheet and the reports write it. */
export function resultLabel(v: ResultValue | null): string {
  if (!v) return "";
  switch (v.kind) {
    case "mark":
      return String(v.mark);
    case "pass":
      return "зач";
    case "fail":
      return "незач";
    case "absent":
      return "н";
    case "excused":
      return "у";
    case "exempt":
      return "осв";
  }
}
