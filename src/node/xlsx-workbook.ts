/**
 * The Workbook port over an .xlsx file, patching the zip package instead of re-serialising it:
 * parts the program does not change (charts, drawings, images, pivot tables and caches,
 * comments, the user's sheets and their protection, styles.xml entries) keep their bytes; the
 * sheets it writes are edited in place, each untouched cell's XML kept (see src/node/xlsx/).
 * The file is read once (async), served synchronously from memory, saved atomically.
 */
import { access, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { SheetWrite, Table, Workbook } from "../ports.js";
import { writeFileAtomic } from "./atomic.js";
import { UserError } from "./errors.js";
import { Book, PrefixedXml } from "./xlsx/book.js";
import type { ReadContext } from "./xlsx/cell-value.js";
import { EMPTY_SHEET, newWorkbookParts } from "./xlsx/new-workbook.js";
import { XlsxPackage } from "./xlsx/package.js";
import { setColumnWidths, setNumberFormats, setPageSetup, setPrintTitles } from "./xlsx/sheet-layout.js";
import { setDimension } from "./xlsx/sheet-parts.js";
import {
  addWorksheet,
  dropCalcChain,
  recalculateOnLoad,
  type SheetEntry,
  setSheetState,
} from "./xlsx/workbook-part.js";
import { applyWrite, type WriteEffects } from "./xlsx/write-sheet.js";
import { writeZip } from "./xlsx/zip.js";

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

function notXlsx(path: string): UserError {
  return new UserError("not-xlsx", {
    ru: `Файл ${path} не является книгой .xlsx или повреждён`,
    en: `${path} is not an .xlsx workbook or is damaged`,
  });
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
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
}

export class XlsxWorkbook implements Workbook {
  private readonly fx: WriteEffects = { formulaWritten: false, formulaReplaced: false };

  private constructor(
    readonly path: string,
    private readonly book: Book,
  ) {}

  /** A new, empty workbook that will be saved at path. */
  static create(path: string): XlsxWorkbook {
    return new XlsxWorkbook(path, new Book(XlsxPackage.fromParts(newWorkbookParts())));
  }

  static async open(path: string): Promise<XlsxWorkbook> {
    return XlsxWorkbook.fromBytes(path, await readBytes(path));
  }

  /** The workbook of these bytes, to be saved at path. */
  static fromBytes(path: string, data: Uint8Array): XlsxWorkbook {
    try {
      return new XlsxWorkbook(path, new Book(XlsxPackage.fromBytes(data)));
    } catch (e) {
      if (e instanceof PrefixedXml)
        throw new UserError("not-xlsx", {
          ru: `Книга ${path} записана с префиксом пространства имён XML («${e.prefix}:»), такие файлы программа пока не читает. Откройте её в Excel или LibreOffice и сохраните заново`,
          en: `${path} is written with an XML namespace prefix ("${e.prefix}:"), which this program does not read yet. Open it in Excel or LibreOffice and save it again`,
        });
      throw notXlsx(path);
    }
  }

  /** The package, for tests that compare parts byte for byte. */
  get package(): XlsxPackage {
    return this.book.pkg;
  }

  /** The XML of one cell as it would be saved, for tests that look at the file itself. */
  cellXml(sheet: string, row: number, col: number): string | undefined {
    const entry = this.book.entry(sheet);
    return entry && this.book.sheet(entry).cell(row, col);
  }

  private context(): ReadContext {
    return { shared: this.book.shared(), styles: this.book.styles(), date1904: this.book.date1904 };
  }

  sheetNames(): string[] {
    return this.book.entries.filter((e) => e.kind === "worksheet").map((e) => e.name);
  }

  read(names: readonly string[]): Map<string, Table> {
    const out = new Map<string, Table>();
    for (const name of names) {
      const entry = this.book.entry(name);
      if (!entry) continue;
      out.set(name, { sheet: name, values: this.book.values(entry, this.context()) });
    }
    return out;
  }

  write(batch: readonly SheetWrite[]): void {
    const b = this.book;
    for (const w of batch) {
      let entry = b.entry(w.sheet);
      if (!entry) {
        if (!w.create) throw new Error(`No sheet ${w.sheet}`);
        entry = addWorksheet(b.pkg, b.wbPath, w.sheet, EMPTY_SHEET);
        b.entries.push(entry);
      }
      applyWrite(b.sheet(entry), b.styles(), this.context(), w, this.fx);
      b.edited.add(entry.part);
      if (w.hidden !== undefined) {
        const next = setSheetState(b.pkg, b.wbPath, entry, w.hidden);
        const old = entry;
        b.entries = b.entries.map((e) => (e === old ? next : e));
        entry = next;
      }
      this.layout(entry, w);
    }
  }

  /** Column widths, number formats and page setup (the summary sheet reads and prints). */
  private layout(entry: SheetEntry, w: SheetWrite): void {
    const b = this.book;
    const data = b.sheet(entry);
    if (w.columnWidths?.length) data.head = setColumnWidths(data.head, w.columnWidths);
    if (w.numberFormats?.length) setNumberFormats(data, b.styles(), w);
    if (w.print) {
      setPageSetup(data, w.print);
      if (w.print.repeatRows)
        setPrintTitles(b.pkg, b.wbPath, entry.name, b.entries.indexOf(entry), w.print.repeatRows);
    }
  }

  /** The package with every edit serialised into its parts. */
  private flush(): Uint8Array {
    const b = this.book;
    for (const [part, data] of b.editedSheets()) {
      const size = data.extent();
      data.head = setDimension(data.head, size.rows, size.cols);
      b.pkg.setText(part, data.toXml());
    }
    b.edited.clear();
    if (b.stylesChanged()) b.pkg.setText(b.relatedPart("styles") ?? "xl/styles.xml", b.styles().toXml());
    if (this.fx.formulaWritten) recalculateOnLoad(b.pkg, b.wbPath);
    else if (this.fx.formulaReplaced) dropCalcChain(b.pkg, b.wbPath);
    return writeZip(b.pkg.entries());
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
    const bytes = this.flush();
    try {
      await writeFileAtomic(path, bytes);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError("write-failed", {
        ru: `Не удалось записать ${path}: ${(e as Error).message}. Прежний файл не изменён`,
        en: `Could not write ${path}: ${(e as Error).message}. The previous file is unchanged`,
      });
    }
  }
}
