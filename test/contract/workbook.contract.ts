/**
 * One contract for every Workbook adapter (exceljs, SpreadsheetApp fakes, Sheets API).
 * Each adapter's test file calls runWorkbookContract with a harness.
 */
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../src/core/cells.js";
import type { Workbook } from "../../src/ports.js";

export interface ContractHarness {
  /** A new workbook holding these sheets (in this order) with these values. */
  create(sheets: Record<string, CellValue[][]>): Promise<Workbook>;
  /** Persist what was written (if the adapter buffers) and open it again from storage. */
  reopen(wb: Workbook): Promise<Workbook>;
  /** Service calls made so far, for adapters that count them. */
  calls?(): number;
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

export function runWorkbookContract(name: string, h: ContractHarness): void {
  describe(`Workbook contract: ${name}`, () => {
    it("lists sheets in tab order", async () => {
      const wb = await h.create({ Учащиеся: [["ID"]], Группы: [["ID"]], Extra: [["x"]] });
      expect(wb.sheetNames()).toEqual(["Учащиеся", "Группы", "Extra"]);
    });

    it("reads several sheets in one batch, trims trailing blanks, omits missing sheets", async () => {
      const wb = await h.create({
        A: [
          ["ID", "ФИО", null],
          ["S1", "Иванов Иван", null],
          [null, null, null],
        ],
        B: [["x", 2, true]],
      });
      const tables = wb.read(["A", "B", "Missing"]);
      expect([...tables.keys()].sort()).toEqual(["A", "B"]);
      expect(tables.get("A")!.values).toEqual([
        ["ID", "ФИО"],
        ["S1", "Иванов Иван"],
      ]);
      expect(tables.get("B")!.values).toEqual([["x", 2, true]]);
    });

    it("reads dates as Date values whose UTC fields are the calendar date", async () => {
      const wb = await h.create({ D: [["С"], [d(2026, 9, 1)]] });
      const v = wb.read(["D"]).get("D")!.values[1][0];
      expect(v).toBeInstanceOf(Date);
      expect((v as Date).toISOString().slice(0, 10)).toBe("2026-09-01");
    });

    it("creates sheets, writes blocks and appends rows in one batch, and they persist", async () => {
      const wb = await h.create({
        Existing: [
          ["a", "b"],
          [1, 2],
        ],
      });
      wb.write([
        { sheet: "New", create: true, cells: [{ row: 1, col: 1, values: [["ID", "Name"]] }], frozenRows: 1 },
        { sheet: "Existing", append: [[3, 4]], cells: [{ row: 1, col: 3, values: [["c"]] }] },
      ]);
      const again = await h.reopen(wb);
      expect(again.sheetNames()).toEqual(["Existing", "New"]);
      const t = again.read(["Existing", "New"]);
      expect(t.get("New")!.values).toEqual([["ID", "Name"]]);
      expect(t.get("Existing")!.values).toEqual([
        ["a", "b", "c"],
        [1, 2, null],
        [3, 4, null],
      ]);
    });

    it("never writes a formula from text: injection is neutralised and reads back as the same text", async () => {
      const wb = await h.create({ S: [["x"]] });
      const evil = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"];
      wb.write([{ sheet: "S", append: [evil] }]);
      const again = await h.reopen(wb);
      expect(again.read(["S"]).get("S")!.values[1]).toEqual(evil);
    });

    it("writes a program-made formula as a formula", async () => {
      const wb = await h.create({ S: [["x"]] });
      wb.write([
        { sheet: "S", cells: [{ row: 2, col: 1, values: [[{ formula: '=HYPERLINK("#gid=0","go")' }]] }] },
      ]);
      const again = await h.reopen(wb);
      const v = again.read(["S"]).get("S")!.values[1][0];
      expect(v).not.toBeNull();
    });

    it("clear replaces the content: a rerun never duplicates rows", async () => {
      const wb = await h.create({ S: [["old"], ["old2"], ["old3"]] });
      for (let i = 0; i < 2; i++)
        wb.write([{ sheet: "S", clear: true, cells: [{ row: 1, col: 1, values: [["new"]] }] }]);
      const again = await h.reopen(wb);
      expect(again.read(["S"]).get("S")!.values).toEqual([["new"]]);
    });

    it("keeps Cyrillic text, numbers and booleans exactly", async () => {
      const wb = await h.create({ S: [["x"]] });
      wb.write([{ sheet: "S", append: [["Ёлкина Алёна", 4.5, false, "5/4"]] }]);
      const again = await h.reopen(wb);
      expect(again.read(["S"]).get("S")!.values[1]).toEqual(["Ёлкина Алёна", 4.5, false, "5/4"]);
    });

    if (h.calls) {
      it("a read of many sheets and a write of many sheets do not cost a call per cell", async () => {
        const big = Array.from({ length: 200 }, (_, i) => [`S${i}`, `Имя ${i}`, i]);
        const wb = await h.create({ A: big, B: big, C: big });
        const before = h.calls!();
        wb.read(["A", "B", "C"]);
        wb.write([
          { sheet: "A", append: big },
          { sheet: "B", append: big },
        ]);
        expect(h.calls!() - before).toBeLessThanOrEqual(20);
      });
    }
  });
}
