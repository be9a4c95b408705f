/**
 * CSV in and out. In: the Forms "Download responses" file (UTF-8, maybe with a BOM, every field
 * quoted, answers with commas, quotes and line breaks). Out: RFC 4180 with a BOM so Excel
 * reads Cyrillic, every text field neutralised: a CSV opened in Excel runs formulas too.
 */
import { CsvError, parse } from "csv-parse/sync";
import { neutralize } from "../core/cells.js";
import { msg } from "../core/i18n.js";
import { UserError } from "./errors.js";

export interface Csv {
  header: string[];
  /** One per data line, header title -> answer; a repeated title's answers joined by "; ". */
  records: Record<string, string>[];
}

/** Bytes of a CSV file as text: UTF-8 (BOM or not), else Windows-1251 as Excel saves it in Russia. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

export function readCsv(text: string): Csv {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    const line = e instanceof CsvError ? ((e as CsvError & { lines?: number }).lines ?? "?") : "?";
    throw new UserError(
      "bad-csv",
      msg(
        `Файл CSV повреждён около строки ${line}: ${(e as Error).message}`,
        `The CSV file is damaged near line ${line}: ${(e as Error).message}`,
      ),
    );
  }
  const [header = [], ...data] = rows;
  const records = data
    .filter((line) => line.some((v) => v.trim() !== ""))
    .map((line) => {
      const rec: Record<string, string> = {};
      header.forEach((title, i) => {
        const v = line[i] ?? "";
        const before = rec[title];
        rec[title] = before === undefined ? v : [before, v].filter((x) => x.trim() !== "").join("; ");
      });
      return rec;
    });
  return { header, records };
}

export type CsvValue = string | number | boolean | null | undefined;

function field(v: CsvValue, delimiter: string): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? neutralize(v) : String(v);
  return s.includes('"') || s.includes(delimiter) || /[\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows as CSV text: CRLF line ends, quotes doubled, a UTF-8 BOM first. `delimiter` ";" suits
 * Excel with Russian regional settings, which splits on ";" when a file is double-clicked.
 */
export function writeCsv(rows: readonly (readonly CsvValue[])[], delimiter: "," | ";" = ","): string {
  return `\uFEFF${rows.map((r) => r.map((v) => field(v, delimiter)).join(delimiter)).join("\r\n")}\r\n`;
}
