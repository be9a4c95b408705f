import { afterEach, describe, expect, it } from "vitest";
import { AdvancedSheetsWorkbook, type SheetsService } from "../../src/apps-script/sheets-advanced.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import type { CellValue } from "../../src/core/cells.js";
import type { Workbook } from "../../src/ports.js";
import { runWorkbookContract } from "../contract/workbook.contract.js";
import { createFakes, type Fakes, type SpreadsheetOptions } from "../fakes/index.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

let fakes: Fakes;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const advanced = (ss: Spreadsheet) => new AdvancedSheetsWorkbook(ss, fakes.globals.Sheets as SheetsService);

function open(opts: SpreadsheetOptions = {}): AdvancedSheetsWorkbook {
  restore?.();
  fakes = createFakes({ spreadsheet: opts, now: () => new Date(Date.UTC(2026, 8, 15, 9)) });
  restore = fakes.install();
  return advanced(fakes.spreadsheet as unknown as Spreadsheet);
}

runWorkbookContract("Apps Script, reads through the Sheets advanced service (fakes)", {
  async create(sheets: Record<string, CellValue[][]>) {
    return open({ sheets });
  },
  async reopen(wb: Workbook) {
    return advanced((wb as SheetsWorkbook).spreadsheet);
  },
  calls: () => fakes.calls.total,
});

describe("AdvancedSheetsWorkbook", () => {
  const tabs = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `Журнал G${i}`,
        [
          ["ID", "Учащийся", new Date(Date.UTC(2026, 8, 1)), new Date(Date.UTC(2026, 8, 8))],
          [`S${i}`, `Имя ${i}`, 5, "н"],
        ],
      ]),
    );

  it("reads 157 sheets in two round trips (sheet list, then one POST for all tables)", () => {
    const wb = open({ sheets: tabs(157) });
    fakes.reset();
    const names = wb.sheetNames();
    const all = wb.read(names);
    expect(fakes.calls.roundTrips).toBe(2); // get (properties), getByDataFilter
    expect(fakes.calls.count("Sheets.Spreadsheets.getByDataFilter")).toBe(1);
    expect(all.size).toBe(157);
    wb.read(["Журнал G3"]);
    expect(fakes.calls.roundTrips).toBe(2); // kept for the execution
  });

  it("reads exactly what SpreadsheetApp reads: dates, numbers, text, formulas' values", () => {
    const wb = open({
      sheets: {
        S: [
          ["007", "текст", new Date(Date.UTC(2026, 8, 1, 14, 30)), { formula: '=HYPERLINK("u","метка")' }],
          [true, 4.5, new Date(Date.UTC(1899, 11, 30, 9, 5)), null],
        ],
      },
    });
    wb.write([{ sheet: "T", create: true, cells: [{ row: 1, col: 1, values: [["=x", "+7 900", "5/4"]] }] }]);
    const plain = new SheetsWorkbook(fakes.spreadsheet as unknown as Spreadsheet);
    expect(wb.read(["S", "T"])).toEqual(plain.read(["S", "T"]));
    expect(wb.read(["T"]).get("T")!.values).toEqual([["=x", "+7 900", "5/4"]]);
  });

  it("reads again after its own write, never stale", () => {
    const wb = open({ sheets: { S: [["a"]] } });
    expect(wb.read(["S"]).get("S")!.values).toEqual([["a"]]);
    wb.write([{ sheet: "S", cells: [{ row: 1, col: 1, values: [["b"]] }] }]);
    expect(wb.read(["S"]).get("S")!.values).toEqual([["b"]]);
  });

  it("gives every sheet's grid size from the one properties call", () => {
    const wb = open({ sheets: { A: [["x"]], B: [["y"]] } });
    fakes.reset();
    expect(wb.gridSizes()).toEqual([
      { sheet: "A", rows: 1000, cols: 26 },
      { sheet: "B", rows: 1000, cols: 26 },
    ]);
    expect(fakes.calls.count(/^Sheets\./)).toBe(1);
  });

  it("a write larger than one body sends its values RAW after the structure, and reads back the same", () => {
    const wb = open({ sheets: { A: [["x"]] } });
    const day = new Date(Date.UTC(2026, 9, 5));
    const rows = Array.from({ length: 9000 }, (_, i) => [
      `S${i}`,
      `Учащийся ${i} ${"ж".repeat(60)}`,
      i % 7,
      i % 11 === 0 ? "=HACK()" : "",
      day,
      i % 2 === 0,
    ]);
    fakes.reset();
    wb.write([{ sheet: "Сводная", create: true, clear: true, cells: [{ row: 1, col: 1, values: rows }] }]);
    expect(fakes.calls.count("Sheets.Spreadsheets.Values.batchUpdate")).toBeGreaterThan(0);
    expect(fakes.calls.count("Sheets.Spreadsheets.batchUpdate")).toBe(1);
    const back = wb.read(["Сводная"]).get("Сводная")!.values;
    expect(back).toHaveLength(9000);
    expect(back[0]).toEqual(["S0", `Учащийся 0 ${"ж".repeat(60)}`, 0, "=HACK()", day, true]);
    expect(back[8999]).toEqual(["S8999", `Учащийся 8999 ${"ж".repeat(60)}`, 8999 % 7, null, day, false]);
    // Text that looks like a formula stays text: nothing was evaluated.
    expect(fakes.spreadsheet._sheet("Сводная")!._cell(1, 4)?.f).toBeUndefined();
  });

  it("asks for the sheet list once per execution: after its own write it knows the sheets", () => {
    const wb = open({ sheets: { A: [["x"]] } });
    fakes.reset();
    wb.write([{ sheet: "B", create: true, cells: [{ row: 1, col: 1, values: [["y"]] }], frozenRows: 1 }]);
    expect(wb.sheetNames()).toEqual(["A", "B"]);
    expect(wb.gridSizes().find((g) => g.sheet === "B")).toEqual({ sheet: "B", rows: 12, cols: 4 });
    wb.write([{ sheet: "B", cells: [{ row: 30, col: 1, values: [["z"]] }] }]);
    expect(fakes.calls.count("Sheets.Spreadsheets.get")).toBe(1);
    expect(wb.read(["B"]).get("B")!.values.at(-1)).toEqual(["z"]);
    expect(fakes.spreadsheet._sheet("B")!.maxRows).toBe(30);
  });

  it("a protection added by one write is updated, not doubled, by the next in the same execution", () => {
    const wb = open({ sheets: { A: [["x"]] } });
    const protection = (editors: string[]) => ({ rows: 1, editors, description: "журнал" });
    wb.write([
      {
        sheet: "J",
        create: true,
        cells: [{ row: 1, col: 1, values: [["ID"]] }],
        protection: protection(["t1@school.example"]),
      },
    ]);
    wb.write([{ sheet: "J", protection: protection(["t2@school.example"]) }]);
    const list = fakes.spreadsheet._sheet("J")!.protections;
    expect(list.filter((p) => p.type === "RANGE")).toHaveLength(1);
    expect(list.filter((p) => p.type === "SHEET")).toHaveLength(1);
    expect([...list.find((p) => p.type === "SHEET")!.editors]).toContain("t2@school.example");
    expect([...list.find((p) => p.type === "SHEET")!.editors]).not.toContain("t1@school.example");
  });
});
