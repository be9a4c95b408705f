/**
 * An export file on disk -> rows for the presence import. A Meet attendance Google Sheet
 * downloaded as .xlsx is read from its first sheet. Meet, Zoom and Moodle write CSV in
 * UTF-8 (maybe with a BOM); a file re-saved by Excel in Russia is Windows-1251 and split by
 * «;». Lines are kept as they are (preamble lines included): the core finds the header.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { CsvError, parse } from "csv-parse/sync";
import type { PresenceFile } from "../app/presence.js";
import { msg } from "../core/i18n.js";
import { guessDelimiter } from "../core/presence/delimiter.js";
import { decodeCsv } from "./csv.js";
import { UserError } from "./errors.js";
import { XlsxWorkbook } from "./xlsx-workbook.js";

export function csvRows(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      delimiter: guessDelimiter(text),
    }) as string[][];
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
}

/** The first sheet of an .xlsx (a Meet attendance Sheet downloaded from Drive). */
async function xlsxRows(path: string): Promise<PresenceFile> {
  const wb = await XlsxWorkbook.open(path);
  const first = wb.sheetNames()[0];
  const values = first ? (wb.read([first]).get(first)?.values ?? []) : [];
  return { name: basename(path), rows: values };
}

export async function readPresenceFile(path: string): Promise<PresenceFile> {
  if (/\.xlsx$/i.test(path)) return xlsxRows(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === "ENOENT"
      ? new UserError("no-file", msg(`Файл не найден: ${path}`, `File not found: ${path}`))
      : new UserError(
          "locked",
          msg(`Не удаётся прочитать ${path} (${code})`, `Cannot read ${path} (${code})`),
        );
  }
  return { name: basename(path), rows: csvRows(decodeCsv(bytes)) };
}
