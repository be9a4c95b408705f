/** `coordinator journals school.xlsx --split journals.xlsx` and `--collect journals.xlsx` on real files. */
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";
import { presenceTables } from "../../support/presence-school.js";

const dir = await mkdtemp(join(tmpdir(), "journal-split-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function schoolFile(): Promise<string> {
  const file = join(dir, "school.xlsx");
  const wb = XlsxWorkbook.create(file);
  wb.write(
    Object.entries(presenceTables()).map(([sheet, values]) => ({
      sheet,
      create: true,
      cells: [{ row: 1, col: 1, values }],
    })),
  );
  await wb.save();
  return file;
}

async function book(file: string) {
  const b = new ExcelJS.Workbook();
  await b.xlsx.readFile(file);
  return b;
}

describe("coordinator journals --split / --collect", () => {
  it("creates the journal workbook, collects a tutor's mark, lists a conflict and exits 1", async () => {
    const school = await schoolFile();
    const journals = join(dir, "journals.xlsx");
    const missing = await cli(["journals", school, "--collect", journals, "--until", "2026-12-02"]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain("--split");
    expect(existsSync(journals)).toBe(false);

    const split = await cli(["journals", school, "--split", journals, "--until", "2026-12-02"]);
    expect(split.code).toBe(0);
    expect(split.out).toContain("Журнал G01: правят smirnova@school.ru, orlov@school.ru");
    const jb = await book(journals);
    expect(jb.worksheets.map((w) => w.name)).toEqual([
      "Журнал G01",
      "Журнал G02",
      "Журнал G03",
      "_journal_book",
    ]);
    // The marker the journal workbook's own script recognises it by: hidden, the master's file named.
    expect(jb.getWorksheet("_journal_book")!.state).toBe("hidden");
    expect(jb.getWorksheet("_journal_book")!.getCell("B1").value).toBe(basename(school));
    const tab = jb.getWorksheet("Журнал G01")!;
    expect(tab.getCell("B5").value).toBeNull(); // S003: no consent, no name
    expect(tab.getCell("A5").value).toBe("S003");
    expect((await book(school)).getWorksheet("_journals_sync")?.state).toBe("hidden");

    // A tutor marks S002 absent; the coordinator and the tutor both change S001's 02.12.
    const j = await XlsxWorkbook.open(journals);
    j.write([
      {
        sheet: "Журнал G01",
        cells: [
          { row: 4, col: 3, values: [["н"]] },
          { row: 3, col: 4, values: [["4"]] },
        ],
      },
    ]);
    await j.save();
    const m = await XlsxWorkbook.open(school);
    m.write([{ sheet: "Журнал G01", cells: [{ row: 2, col: 4, values: [[3]] }] }]);
    await m.save();

    const collect = await cli(["journals", school, "--collect", journals, "--until", "2026-12-02"]);
    expect(collect.code).toBe(1);
    expect(collect.out).toContain("принято в основную книгу 1; конфликтов 1");
    expect(collect.out).toContain("Журнал G01!D2");
    const sb = await book(school);
    expect(sb.getWorksheet("Журнал G01")!.getCell("C3").value).toBe("н");
    expect(sb.getWorksheet("Журнал G01")!.getCell("D2").value).toBe(3);
    const audit = sb.getWorksheet("Аудит")!;
    expect(audit.getRow(2).values).toContain("журналы: из книги journals.xlsx");
    expect((await book(journals)).getWorksheet("Журнал G01")!.getCell("D3").value).toBe("4");
  });

  it("collects a journal workbook made by hand in Excel (English, no sync state yet)", async () => {
    // test/fixtures/journal-split/make.py (openpyxl): rows reordered, a number typed, a column of the tutor's own.
    const fixtures = new URL("../../fixtures/journal-split/", import.meta.url).pathname;
    const school = join(dir, "school-en.xlsx");
    const journals = join(dir, "journals-en.xlsx");
    await copyFile(`${fixtures}school-en.xlsx`, school);
    await copyFile(`${fixtures}journals-en.xlsx`, journals);
    const r = await cli(["journals", school, "--collect", journals, "--until", "2026-12-02"]);
    expect(r.out).toContain("1 tabs; 0 cells pushed; 4 taken into the master; 1 conflicts.");
    expect(r.out).toContain("Journal G01!C5");
    expect(r.code).toBe(1);
    const g01 = (await book(school)).getWorksheet("Journal G01")!;
    expect(["D2", "D3", "D4", "D5", "C5"].map((c) => g01.getCell(c).value)).toEqual([
      "Quadratics",
      4,
      "5",
      "a",
      "4",
    ]);
    const jt = (await book(journals)).getWorksheet("Journal G01")!;
    expect(jt.getCell("C3").value).toBe("3");
    expect(jt.getCell("E3").value).toBe("called home");
    expect(jt.getCell("B5").value).toBeNull(); // S002: no consent
  });
});
