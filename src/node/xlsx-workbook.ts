/**
 * The Workbook port over an .xlsx file (exceljs). The file is loaded once (async), served
 * synchronously from memory, and saved atomically (temp file + rename) in one step.
 */
import { access, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { a1Range, type CellValue, isFormula, safeCell, type WriteValue } from "../core/cells.js";
import type { Rect, SheetWrite, Table, Validation, Workbook } from "../ports.js";
import { writeFileAtomic } from "./atomic.js";
import { UserError } from "./errors.js";

/** What exceljs 4.4 has at runtime but its typings omit. */
type Sheet = ExcelJS.Worksheet & {
  orderNo: number;
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void; model: Record<string, unknown> };
};

const NEUTRALISED = /^'[=+\-@\t\r]/;

/** exceljs cell value -> port value (formulas give their cached result, rich text its text). */
function fromCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return NEUTRALISED.test(v) ? v.slice(1) : v === "" ? null : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((x) => x.text).join("");
    if ("formula" in o || "sharedFormula" in o) {
      if (o.result !== undefined && typeof o.result !== "object") return fromCell(o.result);
      if (o.result instanceof Date) return o.result;
      return `=${String(o.formula ?? o.sharedFormula)}`;
    }
    if ("hyperlink" in o) return fromCell(o.text);
    if ("error" in o) return String(o.error);
    if ("text" in o) return fromCell(o.text);
  }
  return String(v);
}

function toCell(v: WriteValue): ExcelJS.CellValue {
  const safe = safeCell(v);
  if (isFormula(safe)) return { formula: safe.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  return safe as ExcelJS.CellValue;
}

function blank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

function trimTable(rows: CellValue[][]): CellValue[][] {
  while (rows.length && rows[rows.length - 1].every(blank)) rows.pop();
  let width = 0;
  for (const r of rows) {
    for (let i = r.length - 1; i >= width; i--) {
      if (!blank(r[i])) {
        width = i + 1;
        break;
      }
    }
  }
  return rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
}

function lockFiles(path: string): string[] {
  const dir = dirname(path);
  const name = basename(path);
  return [join(dir, `.~lock.${name}#`), join(dir, `~$${name}`), join(dir, `~$${name.slice(2)}`)];
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export class XlsxWorkbook implements Workbook {
  private constructor(
    readonly path: string,
    readonly book: ExcelJS.Workbook,
  ) {}

  /** A new, empty workbook that will be saved at path. */
  static create(path: string): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = "coordinator";
    return new XlsxWorkbook(path, book);
  }

  static async open(path: string): Promise<XlsxWorkbook> {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT")
        throw new UserError("no-file", { ru: `Файл не найден: ${path}`, en: `File not found: ${path}` });
      if (code === "EISDIR")
        throw new UserError("not-xlsx", {
          ru: `Это папка, а не файл .xlsx: ${path}`,
          en: `This is a folder, not an .xlsx file: ${path}`,
        });
      throw new UserError("locked", {
        ru: `Не удаётся открыть файл ${path} (${code}): он занят или нет прав`,
        en: `Cannot open ${path} (${code}): it is in use or not permitted`,
      });
    }
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new UserError("not-xlsx", {
        ru: `Файл ${path} не является книгой .xlsx или повреждён`,
        en: `${path} is not an .xlsx workbook or is damaged`,
      });
    }
    return new XlsxWorkbook(path, book);
  }

  private sheets(): ExcelJS.Worksheet[] {
    return ([...this.book.worksheets] as Sheet[]).sort((a, b) => a.orderNo - b.orderNo);
  }

  sheetNames(): string[] {
    return this.sheets().map((s) => s.name);
  }

  read(names: readonly string[]): Map<string, Table> {
    const out = new Map<string, Table>();
    for (const name of names) {
      const ws = this.book.getWorksheet(name);
      if (!ws) continue;
      const raw = ws.getSheetValues() as unknown[][];
      const rows: CellValue[][] = [];
      for (let r = 1; r < raw.length; r++) {
        const line = raw[r];
        rows.push(
          line ? Array.from({ length: Math.max(0, line.length - 1) }, (_, c) => fromCell(line[c + 1])) : [],
        );
      }
      out.set(name, { sheet: name, values: trimTable(rows) });
    }
    return out;
  }

  write(batch: readonly SheetWrite[]): void {
    for (const w of batch) {
      let ws = this.book.getWorksheet(w.sheet);
      if (!ws) {
        if (!w.create) throw new Error(`No sheet ${w.sheet}`);
        ws = this.book.addWorksheet(w.sheet);
      }
      if (w.clear) {
        ws.eachRow({ includeEmpty: true }, (row) => {
          row.eachCell({ includeEmpty: true }, (cell) => {
            cell.value = null;
            cell.style = {};
          });
        });
        (ws as Sheet).dataValidations.model = {};
      }
      for (const b of w.cells ?? []) {
        b.values.forEach((line, i) => {
          line.forEach((v, j) => {
            this.put(ws!, b.row + i, b.col + j, v);
          });
        });
      }
      if (w.append?.length) {
        const start = this.lastRow(ws) + 1;
        w.append.forEach((line, i) => {
          line.forEach((v, j) => {
            this.put(ws!, start + i, j + 1, v);
          });
        });
      }
      if (w.frozenRows !== undefined)
        ws.views = w.frozenRows > 0 ? [{ state: "frozen", ySplit: w.frozenRows, xSplit: 0 }] : [];
      for (const v of w.validations ?? []) this.validate(ws as Sheet, v);
      for (const bg of w.backgrounds ?? []) this.fill(ws, bg.range, bg.color);
      if (w.boldRows) for (let r = 1; r <= w.boldRows; r++) ws.getRow(r).font = { bold: true };
      if (w.protection) this.protect(ws, w.protection.rows ?? 1);
      if (w.hidden !== undefined) ws.state = w.hidden ? "hidden" : "visible";
      this.layout(ws, w);
    }
  }

  /** Column widths, number formats and page setup (issue 15: the summary sheet prints). */
  private layout(ws: ExcelJS.Worksheet, w: SheetWrite): void {
    w.columnWidths?.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
    for (const { range, format } of w.numberFormats ?? [])
      for (let r = range.row; r < range.row + range.rows; r++)
        for (let c = range.col; c < range.col + range.cols; c++) ws.getCell(r, c).numFmt = format;
    if (w.print) {
      ws.pageSetup.orientation = w.print.landscape ? "landscape" : "portrait";
      ws.pageSetup.paperSize = 9; // A4
      if (w.print.fitToWidth) Object.assign(ws.pageSetup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      if (w.print.repeatRows) ws.pageSetup.printTitlesRow = `1:${w.print.repeatRows}`;
    }
  }

  private put(ws: ExcelJS.Worksheet, row: number, col: number, v: WriteValue): void {
    const cell = ws.getCell(row, col);
    cell.value = toCell(v);
    // A Date with a time of day (a feedback timestamp) keeps it visible.
    if (v instanceof Date) cell.numFmt = v.getTime() % 86400000 === 0 ? "dd.mm.yyyy" : "dd.mm.yyyy hh:mm:ss";
  }

  private lastRow(ws: ExcelJS.Worksheet): number {
    const t = this.read([ws.name]).get(ws.name);
    return t ? t.values.length : 0;
  }

  private validate(ws: Sheet, v: Validation): void {
    const range = a1Range(v.range.row, v.range.col, v.range.rows, v.range.cols);
    const common = {
      allowBlank: true,
      showErrorMessage: true,
      // A list that only suggests (the exact rule is a pattern) informs and never blocks.
      errorStyle: v.strict ? "stop" : v.pattern ? "information" : "warning",
      showInputMessage: Boolean(v.help),
      prompt: v.help,
    } as const;
    // Excel has no regular expressions: a pattern rule uses its list of suggestions, or only the help prompt.
    if (v.list?.length) {
      ws.dataValidations.add(range, { ...common, type: "list", formulae: [`"${v.list.join(",")}"`] });
    } else if (v.help) {
      ws.dataValidations.add(range, { ...common, type: "custom", formulae: ["TRUE"] });
    }
  }

  private fill(ws: ExcelJS.Worksheet, r: Rect, color: string | null): void {
    const fill: ExcelJS.Fill = color
      ? { type: "pattern", pattern: "solid", fgColor: { argb: `FF${color.replace("#", "").toUpperCase()}` } }
      : { type: "pattern", pattern: "none" };
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++) ws.getCell(r.row + i, r.col + j).fill = fill;
  }

  /** xlsx sheet protection guards locked cells: lock the header rows, unlock the rest. */
  private protect(ws: ExcelJS.Worksheet, headerRows: number): void {
    const width = Math.max(ws.columnCount, 1) + 20;
    for (let c = 1; c <= width; c++) ws.getColumn(c).protection = { locked: false };
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.protection = { locked: n <= headerRows };
      });
    });
    for (let r = 1; r <= headerRows; r++) {
      for (let c = 1; c <= width; c++) ws.getCell(r, c).protection = { locked: true };
    }
    void ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatCells: true,
      formatColumns: true,
      formatRows: true,
      insertRows: true,
      sort: true,
      autoFilter: true,
    });
  }

  /** Write the workbook to its path atomically; refuses while Excel/LibreOffice holds it open. */
  async save(path = this.path): Promise<void> {
    for (const lock of lockFiles(path)) {
      if (await exists(lock))
        throw new UserError("locked", {
          ru: `Файл ${path} открыт в другой программе (${basename(lock)}); закройте его и повторите`,
          en: `${path} is open in another program (${basename(lock)}); close it and try again`,
        });
    }
    const buf = await this.book.xlsx.writeBuffer();
    try {
      await writeFileAtomic(path, new Uint8Array(buf as ArrayBuffer));
    } catch (e) {
      throw new UserError("write-failed", {
        ru: `Не удалось записать ${path}: ${(e as Error).message}. Прежний файл не изменён`,
        en: `Could not write ${path}: ${(e as Error).message}. The previous file is unchanged`,
      });
    }
  }
}
