import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";

const dir = await mkdtemp(join(tmpdir(), "long-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("cells over Excel's 32,767 characters", () => {
  it("check reports each one at its cell", async () => {
    const file = join(dir, "long.xlsx");
    expect((await cli(["init", file, "--demo", "--year", "2026"])).code).toBe(0);
    // Another program (exceljs) puts 40,000 characters into a note of «Учащиеся».
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet("Учащиеся")!;
    const col = (ws.getRow(1).values as unknown[]).indexOf("Примечание");
    expect(col).toBeGreaterThan(0);
    ws.getCell(4, col).value = "я".repeat(40000);
    await book.xlsx.writeFile(file);
    const r = await cli(["check", file]);
    const ref = `${String.fromCharCode(64 + col)}4`;
    expect(r.out).toContain(`Учащиеся!${ref}: В ячейке 40000 символов, а Excel хранит не больше 32 767`);
    const en = await cli(["check", file, "--lang", "en"]);
    expect(en.out).toContain(`Учащиеся!${ref}: The cell holds 40000 characters; Excel keeps at most 32,767`);
  });

  it("the .xlsx writer cuts a longer text to 32,767 characters, its end marked", async () => {
    const path = join(dir, "write.xlsx");
    const wb = XlsxWorkbook.create(path);
    wb.write([
      { sheet: "S", create: true, cells: [{ row: 1, col: 1, values: [["ж".repeat(40000), "ok"]] }] },
    ]);
    await wb.save();
    const [[text, ok]] = (await XlsxWorkbook.open(path)).read(["S"]).get("S")!.values;
    expect((text as string).length).toBe(32767);
    expect((text as string).endsWith("ж…")).toBe(true);
    expect(ok).toBe("ok");
  });
});
