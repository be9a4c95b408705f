/**
 * «Письма» / «Letters»: a hidden, program-owned record of every progress letter sent (Month,
 * Student, Sent at, Channel), so a rerun — the menu again, the next day's continuation, the
 * CLI — never sends a family the same month's letter twice.
 */
import type { SheetWrite } from "../../ports.js";
import { type CellValue, cellText, isBlank, type WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import { norm } from "../schema.js";

export const LETTERS_SHEET = {
  ru: "Письма",
  en: "Letters",
  columns: [
    { key: "month", ru: "Месяц", en: "Month" },
    { key: "studentId", ru: "Учащийся", en: "Student" },
    { key: "sentAt", ru: "Отправлено", en: "Sent at" },
    { key: "channel", ru: "Канал", en: "Channel" },
  ],
} as const;

export type SentColumn = (typeof LETTERS_SHEET.columns)[number]["key"];

/**
 * How a letter left: "email" mailed by the program (Apps Script), "csv" a row of the CLI's
 * mail-merge file, "docx" a file for a family reached by phone.
 */
export type SentChannel = "email" | "csv" | "docx";

export interface SentLetter {
  month: string;
  studentId: string;
  /** Date whose UTC fields hold the workbook's local time. */
  sentAt: Date;
  channel: SentChannel;
}

export interface SentRow {
  row: number;
  month: string;
  studentId: string;
  sentAt: CellValue;
  channel: string;
}

/** The tab of the record, in either language. */
export function lettersTabOf(names: readonly string[]): string | undefined {
  return names.find((n) => norm(n) === norm(LETTERS_SHEET.ru) || norm(n) === norm(LETTERS_SHEET.en));
}

function columnOf(header: unknown): SentColumn | undefined {
  const n = norm(header);
  return n ? LETTERS_SHEET.columns.find((c) => norm(c.ru) === n || norm(c.en) === n)?.key : undefined;
}

/** A Month cell as "YYYY-MM": text, or a date someone typed (its UTC fields). */
function monthText(v: CellValue | undefined): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return "";
    return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  const m = /^\s*(\d{4})[-./](\d{1,2})\s*$/.exec(cellText(v ?? null));
  return m ? `${m[1]}-${m[2].padStart(2, "0")}` : cellText(v ?? null);
}

export function parseSent(
  sheet: string,
  values: readonly (readonly CellValue[])[],
): { rows: SentRow[]; columns: Partial<Record<SentColumn, number>>; issues: Issue[] } {
  const columns: Partial<Record<SentColumn, number>> = {};
  (values[0] ?? []).forEach((h, i) => {
    const k = columnOf(h);
    if (k && columns[k] === undefined) columns[k] = i + 1;
  });
  const rows: SentRow[] = [];
  if (columns.month === undefined || columns.studentId === undefined) {
    const issues =
      values.length > 0
        ? [
            issue(sheet, "A1", "missing-column", {
              ru: `На листе «${sheet}» нужны столбцы «Месяц» и «Учащийся»: без них не видно, кому письма уже отправлены`,
              en: `Sheet "${sheet}" needs the columns "Month" and "Student": without them it is unknown who already got a letter`,
            }),
          ]
        : [];
    return { rows, columns, issues };
  }
  const at = (line: readonly CellValue[], k: SentColumn) =>
    columns[k] === undefined ? null : (line[columns[k]! - 1] ?? null);
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every(isBlank)) continue;
    rows.push({
      row: r + 1,
      month: monthText(at(line, "month")),
      studentId: cellText(at(line, "studentId")),
      sentAt: at(line, "sentAt"),
      channel: cellText(at(line, "channel")),
    });
  }
  return { rows, columns, issues: [] };
}

/** Students already sent `month`'s letter. */
export function sentStudents(rows: readonly SentRow[], month: string): Set<string> {
  return new Set(rows.filter((r) => r.month === month && r.studentId).map((r) => r.studentId));
}

/**
 * Append sent letters in the sheet's own column order; create the hidden sheet (header in
 * `lang`) when it is missing, add any missing header to the right. null when nothing to add.
 */
export function sentWrite(
  letters: readonly SentLetter[],
  tab: string | undefined,
  columns: Partial<Record<SentColumn, number>>,
  lang: Lang,
): SheetWrite | null {
  if (!letters.length) return null;
  const cols = { ...columns };
  let width = Math.max(0, ...Object.values(cols).map(Number));
  const header: { col: number; text: string }[] = [];
  for (const c of LETTERS_SHEET.columns) {
    if (cols[c.key] === undefined) {
      cols[c.key] = ++width;
      header.push({ col: width, text: c[lang] });
    }
  }
  const append = letters.map((l) => {
    const line: WriteValue[] = Array.from({ length: width }, () => null);
    line[cols.month! - 1] = l.month;
    line[cols.studentId! - 1] = l.studentId;
    line[cols.sentAt! - 1] = l.sentAt;
    line[cols.channel! - 1] = l.channel;
    return line;
  });
  return {
    sheet: tab ?? LETTERS_SHEET[lang],
    ...(tab === undefined ? { create: true, hidden: true, frozenRows: 1, boldRows: 1 } : {}),
    cells: header.map((h) => ({ row: 1, col: h.col, values: [[h.text]] })),
    append,
  };
}
