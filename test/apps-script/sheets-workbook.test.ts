import { afterEach, describe, expect, it } from "vitest";
import { HEADER_PROTECTION, SheetsWorkbook, sheetText } from "../../src/apps-script/sheets-workbook.js";
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

function open(opts: SpreadsheetOptions = {}): SheetsWorkbook {
  restore?.();
  fakes = createFakes({ spreadsheet: opts, now: () => new Date(Date.UTC(2026, 8, 15, 9)) });
  restore = fakes.install();
  return new SheetsWorkbook(fakes.spreadsheet as unknown as Spreadsheet);
}

runWorkbookContract("Apps Script (fakes)", {
  async create(sheets: Record<string, CellValue[][]>) {
    return open({ sheets });
  },
  async reopen(wb: Workbook) {
    return new SheetsWorkbook((wb as SheetsWorkbook).spreadsheet);
  },
  calls: () => fakes.calls.total,
});

const rows = (n: number) => Array.from({ length: n }, (_, i) => [`S${i}`, `Имя ${i}`, i, i % 2 === 0]);

describe("SheetsWorkbook: service calls", () => {
  it("reads three sheets with one getValues each and never getValue", () => {
    const wb = open({ sheets: { A: rows(300), B: rows(300), C: rows(300) } });
    fakes.reset();
    const t = wb.read(["A", "B", "C", "Missing"]);
    expect(t.get("C")!.values[299]).toEqual(["S299", "Имя 299", 299, false]);
    expect(fakes.calls.count("Range.getValues")).toBe(3);
    expect(fakes.calls.count("Range.getValue")).toBe(0);
    expect(fakes.calls.count(/^Range\.get(Value|DisplayValue|Formula)$/)).toBe(0);
    // getSheetByName x4, getDataRange x3, getValues x3: no call per cell or per row.
    expect(fakes.calls.total).toBe(10);
  });

  it("a write of 2,000 rows costs exactly as many calls as a write of 20", () => {
    const cost = (n: number) => {
      const wb = open({ sheets: { Journal: [["ID", "Имя", "Балл", "Есть"]], Log: [["x"]] } });
      fakes.reset();
      wb.write([
        { sheet: "Journal", cells: [{ row: 2, col: 1, values: rows(n) }], backgrounds: [] },
        { sheet: "Log", append: rows(n) },
        { sheet: "Out", create: true, clear: true, cells: [{ row: 1, col: 1, values: rows(n) }] },
      ]);
      expect(fakes.calls.count("Range.setValue")).toBe(0);
      expect(fakes.calls.count("Range.setValues")).toBe(3);
      return { total: fakes.calls.total, byMethod: { ...fakes.calls.byMethod } };
    };
    const small = cost(20);
    const big = cost(2000);
    // 2,000 rows need more room than a new sheet's 1,000 rows: one insertRowsAfter per sheet.
    expect(big.byMethod["Sheet.insertRowsAfter"]).toBe(3);
    // ... and the new sheet cut to 20 rows needs a deleteRows that one of 2,000 does not.
    expect(small.byMethod["Sheet.deleteRows"]).toBe(1);
    expect(big.byMethod["Sheet.deleteRows"]).toBeUndefined();
    expect(big.total - big.byMethod["Sheet.insertRowsAfter"] + 1).toBe(small.total);
    expect(small.total).toBeLessThanOrEqual(25);
  });

  it("sizes a new sheet to its data plus a margin of 10 rows and 3 columns, not 1000 × 26", () => {
    const wb = open({ sheets: { A: [["x"]] } });
    wb.write([
      { sheet: "Journal", create: true, frozenRows: 1, cells: [{ row: 1, col: 1, values: rows(30) }] },
      {
        sheet: "Wide",
        create: true,
        cells: [{ row: 1, col: 1, values: [Array.from({ length: 40 }, () => 1)] }],
      },
    ]);
    const j = fakes.spreadsheet._sheet("Journal")!;
    expect([j.getMaxRows(), j.getMaxColumns()]).toEqual([40, 7]);
    const w = fakes.spreadsheet._sheet("Wide")!;
    expect([w.getMaxRows(), w.getMaxColumns()]).toEqual([12, 43]);
    expect(fakes.spreadsheet._cells()).toBe(1000 * 26 + 40 * 7 + 12 * 43);
  });

  it("a ragged block leaves the cells right of a short line untouched, formulas included", () => {
    const wb = open({ sheets: { S: [["a", "b", { formula: "=1+1", value: 2 }]] } });
    fakes.reset();
    wb.write([{ sheet: "S", cells: [{ row: 1, col: 1, values: [["A"], ["x", "y", "z"]] }] }]);
    expect(fakes.calls.count("Range.setValues")).toBe(1);
    const sheet = fakes.spreadsheet._sheet("S")!;
    expect(sheet.getRange("A1:C2").getFormulas()).toEqual([
      ["", "", "=1+1"],
      ["", "", ""],
    ]);
    expect(wb.read(["S"]).get("S")!.values).toEqual([
      ["A", "b", 2],
      ["x", "y", "z"],
    ]);
  });
});

describe("SheetsWorkbook: writes land as Sheets features", () => {
  it("sets frozen rows, bold header, list and pattern validations, backgrounds, hidden tabs", () => {
    const wb = open({ sheets: { Main: [["x"]] } });
    wb.write([
      {
        sheet: "Журнал",
        create: true,
        cells: [{ row: 1, col: 1, values: [["ID", "Статус", "01.09"]] }],
        frozenRows: 1,
        boldRows: 1,
        validations: [
          { range: { row: 2, col: 2, rows: 1500, cols: 1 }, list: ["заявка", "обучается"], strict: true },
          {
            range: { row: 2, col: 3, rows: 30, cols: 5 },
            pattern: '^(н|б|[2-5]|"ok")$',
            strict: false,
            help: "Отметка: 2–5, н или б",
          },
        ],
        backgrounds: [{ range: { row: 2, col: 3, rows: 2, cols: 2 }, color: "#D9D9D9" }],
      },
      { sheet: "Служебный", create: true, cells: [{ row: 1, col: 1, values: [["state"]] }], hidden: true },
    ]);
    const ss = fakes.spreadsheet;
    expect(ss.sheets.map((s) => s.name)).toEqual(["Main", "Журнал", "Служебный"]);
    const j = ss._sheet("Журнал")!;
    expect(j.getFrozenRows()).toBe(1);
    expect(j.getRange("A1:C1").getFontWeights()).toEqual([["bold", "bold", "bold"]]);
    expect(j.getRange("A2").getFontWeight()).toBe("normal");
    // The validation needed 1,501 rows: the new sheet has them and the margin of 10.
    expect(j.getMaxRows()).toBe(1511);
    const list = j.getRange("B1501").getDataValidation()!;
    expect(list.getCriteriaType()).toBe("VALUE_IN_LIST");
    expect(list.getCriteriaValues()).toEqual([["заявка", "обучается"], true]);
    expect(list.getAllowInvalid()).toBe(false);
    expect(j.getRange("B1").getDataValidation()).toBeNull();
    const pat = j.getRange("G31").getDataValidation()!;
    expect(pat.getCriteriaType()).toBe("CUSTOM_FORMULA");
    expect(pat.getCriteriaValues()).toEqual([
      '=OR(ISBLANK(C2),REGEXMATCH(TO_TEXT(C2),"^(н|б|[2-5]|""ok"")$"))',
    ]);
    expect(pat.getAllowInvalid()).toBe(true);
    expect(pat.getHelpText()).toBe("Отметка: 2–5, н или б");
    expect(j.getRange("C2:E3").getBackgrounds()).toEqual([
      ["#d9d9d9", "#d9d9d9", "#ffffff"],
      ["#d9d9d9", "#d9d9d9", "#ffffff"],
    ]);
    expect(ss._sheet("Служебный")!.isSheetHidden()).toBe(true);
    expect(j.isSheetHidden()).toBe(false);
  });

  it("protects header rows for the owner only and a sheet for given editors, without piling up on rerun", () => {
    const owner = "coordinator@school.example";
    const wb = open({
      sheets: { J: [["h"], ["1"]] },
      editors: ["tutor@school.example", "admin@school.example"],
    });
    const batch = [
      { sheet: "J", protection: { rows: 2 } },
      { sheet: "J", protection: { editors: ["tutor@school.example"], description: "Журнал 5А" } },
    ];
    wb.write(batch);
    wb.write(batch);
    const j = fakes.spreadsheet._sheet("J")!;
    const ranges = j.getProtections("RANGE");
    expect(ranges).toHaveLength(1);
    expect(ranges[0].getDescription()).toBe(HEADER_PROTECTION);
    expect(ranges[0].getRange().getA1Notation()).toBe("A1:Z2");
    expect(ranges[0].isWarningOnly()).toBe(false);
    expect(ranges[0].canDomainEdit()).toBe(false);
    expect(ranges[0].getEditors().map((u) => u.getEmail())).toEqual([owner]);
    const sheetProt = j.getProtections("SHEET");
    expect(sheetProt).toHaveLength(1);
    expect(sheetProt[0].getDescription()).toBe("Журнал 5А");
    expect(
      sheetProt[0]
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([owner, "tutor@school.example"]);
  });

  it("clear removes old values, backgrounds and validations; a rerun gives the same sheet", () => {
    const wb = open({ sheets: { S: [["old"], ["old"], ["old"]] } });
    const batch = [
      {
        sheet: "S",
        clear: true,
        cells: [{ row: 1, col: 1, values: [["new"]] }],
        backgrounds: [{ range: { row: 3, col: 1, rows: 1, cols: 1 }, color: "#ff0000" }],
        validations: [{ range: { row: 2, col: 1, rows: 5, cols: 1 }, list: ["a"], strict: false }],
      },
    ];
    wb.write(batch);
    const s = fakes.spreadsheet._sheet("S")!;
    expect(s.getRange("A3").getBackground()).toBe("#ff0000");
    wb.write([{ sheet: "S", clear: true, cells: [{ row: 1, col: 1, values: [["again"]] }] }]);
    expect(s.getRange("A3").getBackground()).toBe("#ffffff");
    expect(s.getRange("A2").getDataValidation()).toBeNull();
    expect(wb.read(["S"]).get("S")!.values).toEqual([["again"]]);
  });

  it("refuses to write to a missing sheet without create", () => {
    const wb = open({ sheets: { S: [["x"]] } });
    expect(() => wb.write([{ sheet: "Nope", append: [["a"]] }])).toThrow(/No sheet Nope/);
  });
});

describe("SheetsWorkbook: text stays text", () => {
  it("neutralises injection: no formula is stored, the text reads back unchanged", () => {
    const wb = open({ sheets: { S: [["x"]] } });
    const evil = ['=HYPERLINK("http://evil","click")', "+1", "-2", "@SUM(A1)", "=1+1"];
    wb.write([{ sheet: "S", append: [evil] }]);
    const s = fakes.spreadsheet._sheet("S")!;
    expect(s.getRange("A2:E2").getFormulas()).toEqual([["", "", "", "", ""]]);
    expect(s.getRange("A2:E2").getValues()).toEqual([evil]);
  });

  it("keeps text that Sheets would turn into numbers, dates or booleans", () => {
    const wb = open({ sheets: { S: [["x"]] } });
    const texts = [
      "007",
      "5/4",
      "01.09.2026",
      "2026-09-01",
      "12:30",
      "TRUE",
      "ложь",
      "'quoted",
      "4,5",
      "50%",
    ];
    wb.write([{ sheet: "S", cells: [{ row: 1, col: 1, values: [texts] }] }]);
    expect(wb.read(["S"]).get("S")!.values[0]).toEqual(texts);
    // Without the guard the fake parses them, as Sheets does: the test would catch a regression.
    const raw = fakes.spreadsheet._sheet("S")!.getRange("A2:C2");
    raw.setValues([["007", "01.09.2026", "TRUE"]]);
    const v = raw.getValues()[0];
    expect(v[0]).toBe(7);
    expect(v[1]).toBeInstanceOf(Date);
    expect(v[2]).toBe(true);
  });

  it("sheetText adds an apostrophe only where Sheets would misread the text", () => {
    expect(sheetText("Иванов Иван")).toBe("Иванов Иван");
    expect(sheetText("=1")).toBe("'=1");
    expect(sheetText("5А")).toBe("'5А");
    expect(sheetText("'x")).toBe("''x");
    expect(sheetText("true")).toBe("'true");
  });

  it("writes a program-made formula as a formula", () => {
    const wb = open({ sheets: { S: [["x"]] } });
    wb.write([
      { sheet: "S", cells: [{ row: 1, col: 2, values: [[{ formula: '=HYPERLINK("#gid=0","Лист")' }]] }] },
    ]);
    const s = fakes.spreadsheet._sheet("S")!;
    expect(s.getRange("B1").getFormula()).toBe('=HYPERLINK("#gid=0","Лист")');
    expect(wb.read(["S"]).get("S")!.values[0]).toEqual(["x", "Лист"]);
  });
});

describe("SheetsWorkbook: dates in the spreadsheet's time zone", () => {
  const utc = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, m - 1, d, h, mi));

  it("a date typed in a Moscow spreadsheet reads as that calendar date", () => {
    const wb = open({ timeZone: "Europe/Moscow", sheets: { S: [["Дата"]] } });
    // What Sheets hands the script for 01.09.2026 00:00 in Moscow: 2026-08-31T21:00Z.
    fakes.spreadsheet
      ._sheet("S")!
      .getRange("A2")
      .setValues([[new Date("2026-08-31T21:00:00Z")]]);
    expect(fakes.spreadsheet._sheet("S")!.getRange("A2").getDisplayValue()).toBe("01.09.2026");
    const v = wb.read(["S"]).get("S")!.values[1][0] as Date;
    expect(v.toISOString()).toBe("2026-09-01T00:00:00.000Z");
  });

  it.each([
    ["America/Los_Angeles", "2026-03-08"],
    ["Asia/Vladivostok", "2026-12-31"],
    ["Europe/London", "2026-10-25"],
  ])("round-trips dates and times in %s", (timeZone, iso) => {
    const wb = open({ timeZone, sheets: { S: [["x"]] } });
    const day = new Date(`${iso}T00:00:00Z`);
    const lesson = new Date(`${iso}T15:40:00Z`);
    wb.write([{ sheet: "S", append: [[day, lesson]] }]);
    const s = fakes.spreadsheet._sheet("S")!;
    const [d, l] = s.getRange("A2:B2").getDisplayValues()[0];
    const [y, m, dd] = iso.split("-");
    expect(d).toBe(`${dd}.${m}.${y}`);
    expect(l).toBe(`${dd}.${m}.${y} 15:40`);
    expect(s.getRange("A2:B2").getNumberFormats()).toEqual([["dd.mm.yyyy", "dd.mm.yyyy hh:mm"]]);
    const back = wb.read(["S"]).get("S")!.values[1];
    expect(back).toEqual([day, lesson]);
  });

  it("a date seeded by a person reads back with its UTC fields equal to what they see", () => {
    const wb = open({
      timeZone: "Pacific/Auckland",
      sheets: { S: [[utc(2026, 9, 1)], [utc(1899, 12, 30, 9, 30)]] },
    });
    const v = wb.read(["S"]).get("S")!.values;
    expect(v[0][0]).toEqual(utc(2026, 9, 1));
    expect(v[1][0]).toEqual(utc(1899, 12, 30, 9, 30));
  });
});
