/** The .xlsx adapter's print layout (issue 15): widths, number formats and page setup reach the file. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const dir = await mkdtemp(join(tmpdir(), "xlsx-layout-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("XlsxWorkbook print layout", () => {
  it("writes column widths, number formats, landscape fit-to-width and repeated title rows", async () => {
    const path = join(dir, "layout.xlsx");
    const wb = XlsxWorkbook.create(path);
    wb.write([
      {
        sheet: "Сводная 2026-11",
        create: true,
        cells: [
          { row: 1, col: 1, values: [["Сводная"], ["note"], ["Класс", "Успеваемость, %"], ["9А", 80.46]] },
        ],
        frozenRows: 2,
        columnWidths: [8, 16],
        numberFormats: [{ range: { row: 4, col: 2, rows: 1, cols: 1 }, format: "0.0" }],
        print: { landscape: true, fitToWidth: true, repeatRows: 2 },
      },
    ]);
    await wb.save();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet("Сводная 2026-11")!;
    expect([ws.getColumn(1).width, ws.getColumn(2).width]).toEqual([8, 16]);
    expect(ws.getCell(4, 2).numFmt).toBe("0.0");
    expect(ws.getCell(4, 2).value).toBe(80.46);
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:2",
    });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });
});
