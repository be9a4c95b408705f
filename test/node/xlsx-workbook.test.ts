import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells.js";
import { atomicHooks } from "../../src/node/atomic.js";
import { UserError } from "../../src/node/errors.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";
import type { Workbook } from "../../src/ports.js";
import { runWorkbookContract } from "../contract/workbook.contract.js";

const dir = await mkdtemp(join(tmpdir(), "xlsx-wb-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
let n = 0;

// The files come from another writer (exceljs), so the adapter is tested on what it did not make.
runWorkbookContract("package-patching (.xlsx)", {
  async create(sheets: Record<string, CellValue[][]>) {
    const path = join(dir, `c${n++}.xlsx`);
    const book = new ExcelJS.Workbook();
    for (const [name, values] of Object.entries(sheets)) {
      const ws = book.addWorksheet(name);
      values.forEach((r, i) => {
        r.forEach((v, j) => {
          if (v !== null) ws.getCell(i + 1, j + 1).value = v;
        });
      });
    }
    await book.xlsx.writeFile(path);
    return XlsxWorkbook.open(path);
  },
  async reopen(wb: Workbook) {
    const x = wb as XlsxWorkbook;
    await x.save();
    return XlsxWorkbook.open(x.path);
  },
});

describe("XlsxWorkbook", () => {
  it("writes validations, frozen rows, protection, fills and hidden state into the file", async () => {
    const path = join(dir, "features.xlsx");
    const wb = XlsxWorkbook.create(path);
    wb.write([
      {
        sheet: "S",
        create: true,
        cells: [
          {
            row: 1,
            col: 1,
            values: [
              ["ID", "Статус"],
              ["S1", "обучается"],
            ],
          },
        ],
        frozenRows: 1,
        boldRows: 1,
        validations: [
          { range: { row: 2, col: 2, rows: 10, cols: 1 }, list: ["заявка", "обучается"], strict: false },
        ],
        backgrounds: [{ range: { row: 2, col: 1, rows: 1, cols: 1 }, color: "#d9d9d9" }],
        protection: { rows: 1 },
      },
      { sheet: "H", create: true, cells: [{ row: 1, col: 1, values: [["x"]] }], hidden: true },
    ]);
    await wb.save();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet("S")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const dv = (
      ws as unknown as {
        dataValidations: { model: Record<string, { type: string; formulae: string[]; errorStyle: string }> };
      }
    ).dataValidations.model;
    const rule = Object.values(dv)[0];
    expect(rule.type).toBe("list");
    expect(rule.formulae[0]).toBe('"заявка,обучается"');
    expect(rule.errorStyle).toBe("warning");
    expect(ws.getCell("A2").fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFD9D9D9" } });
    // The header stays locked (the default); the rows below are an edit range without password.
    expect(ws.getCell("A1").protection?.locked).not.toBe(false);
    const xml = (await XlsxWorkbook.open(path)).package.text("xl/worksheets/sheet1.xml")!;
    expect(xml).toContain('<protectedRange name="coordinator" sqref="A2:XFD1048576"/>');
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(book.getWorksheet("H")!.state).toBe("hidden");
  });

  it("gives a clear user error for a missing file, a folder and a file that is not xlsx", async () => {
    await expect(XlsxWorkbook.open(join(dir, "nope.xlsx"))).rejects.toMatchObject({ code: "no-file" });
    await expect(XlsxWorkbook.open(dir)).rejects.toMatchObject({ code: "not-xlsx" });
    const txt = join(dir, "text.xlsx");
    await writeFile(txt, "hello");
    const err = await XlsxWorkbook.open(txt).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe("not-xlsx");
    expect(err.text("ru")).toContain("не является книгой .xlsx");
  });

  it("a failure in the middle of saving leaves the previous file byte-identical", async () => {
    const path = join(dir, "atomic.xlsx");
    const wb = XlsxWorkbook.create(path);
    wb.write([{ sheet: "S", create: true, cells: [{ row: 1, col: 1, values: [["before"]] }] }]);
    await wb.save();
    const before = await readFile(path);
    const again = await XlsxWorkbook.open(path);
    again.write([{ sheet: "S", cells: [{ row: 1, col: 1, values: [["after"]] }] }]);
    atomicHooks.beforeRename = () => {
      throw new Error("disk full");
    };
    try {
      await expect(again.save()).rejects.toMatchObject({ code: "write-failed" });
    } finally {
      atomicHooks.beforeRename = undefined;
    }
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses to save while LibreOffice holds the file open", async () => {
    const path = join(dir, "open.xlsx");
    const wb = XlsxWorkbook.create(path);
    wb.write([{ sheet: "S", create: true, cells: [{ row: 1, col: 1, values: [["x"]] }] }]);
    await writeFile(join(dir, ".~lock.open.xlsx#"), "user");
    await expect(wb.save()).rejects.toMatchObject({ code: "locked" });
  });

  it("reads a hand-made sheet: rich text, formulas with cached results, dates as text and numbers", async () => {
    const path = join(dir, "hand.xlsx");
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Учащиеся");
    ws.getCell("A1").value = { richText: [{ text: "I" }, { text: "D" }] };
    ws.getCell("B1").value = { formula: '"ФИ"&"О"', result: "ФИО" };
    ws.getCell("A2").value = "S001";
    ws.getCell("B2").value = { text: "Петров", hyperlink: "mailto:x@y.z" };
    ws.getCell("C2").value = "01.09.2026";
    await book.xlsx.writeFile(path);
    const wb = await XlsxWorkbook.open(path);
    expect(wb.read(["Учащиеся"]).get("Учащиеся")!.values).toEqual([
      ["ID", "ФИО", null],
      ["S001", "Петров", "01.09.2026"],
    ]);
  });
});

describe("journal validation in .xlsx", () => {
  it("offers the tokens as an information-style list: it guides and never blocks", async () => {
    const path = join(dir, "journal-dv.xlsx");
    const wb = XlsxWorkbook.create(path);
    wb.write([
      {
        sheet: "Журнал G01",
        create: true,
        cells: [{ row: 1, col: 1, values: [["ID", "Учащийся", "01.09.2026"]] }],
        validations: [
          { range: { row: 3, col: 3, rows: 5, cols: 1 }, pattern: "^x$", list: ["5", "н"], strict: false },
        ],
      },
    ]);
    await wb.save();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const dv = Object.values(
      (
        book.getWorksheet("Журнал G01") as unknown as {
          dataValidations: { model: Record<string, { errorStyle: string; formulae: string[] }> };
        }
      ).dataValidations.model,
    )[0];
    expect(dv).toMatchObject({ errorStyle: "information", formulae: ['"5,н"'] });
  });
});
