import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cellData,
  color,
  dateToSerial,
  planSheetWrites,
  type SheetInfo,
  serialToDate,
  sheetWritesToRequests,
} from "../../src/google/sheets-requests.js";

const sheet = (title: string, sheetId: number, extra: Partial<SheetInfo> = {}): SheetInfo => ({
  sheetId,
  title,
  hidden: false,
  rowCount: 1000,
  columnCount: 26,
  frozenRowCount: 0,
  protectedRanges: [],
  ...extra,
});
const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
const kinds = (reqs: object[]) => reqs.map((r) => Object.keys(r)[0]);

describe("sheetWritesToRequests", () => {
  it("puts addSheet first, with fresh sheetIds, and ignores create for a sheet that exists", () => {
    const reqs = sheetWritesToRequests(
      [
        { sheet: "A", create: true, append: [["x"]] },
        { sheet: "New", create: true, cells: [{ row: 1, col: 1, values: [["h"]] }] },
        { sheet: "Other", create: true },
      ],
      [sheet("A", 0), sheet("B", 7)],
    );
    expect(kinds(reqs)).toEqual(["addSheet", "addSheet", "appendCells", "updateCells"]);
    expect(reqs[0].addSheet?.properties).toEqual({
      sheetId: 8,
      title: "New",
      // One row of data, sized to it plus the margin (10 rows, 3 columns): not Google's 1000 × 26.
      gridProperties: { rowCount: 12, columnCount: 4 },
    });
    expect(reqs[1].addSheet?.properties?.sheetId).toBe(9);
    expect(reqs[3].updateCells).toEqual({
      start: { sheetId: 8, rowIndex: 0, columnIndex: 0 },
      rows: [{ values: [{ userEnteredValue: { stringValue: "h" } }] }],
      fields: "userEnteredValue",
    });
  });

  it("refuses a missing sheet without create, before building anything", () => {
    expect(() => sheetWritesToRequests([{ sheet: "Nope", append: [["x"]] }], [sheet("A", 0)])).toThrow(
      /Nope/,
    );
  });

  it("formats date cells with one repeatCell per rectangle: a header row of dates, a column of dates", () => {
    const reqs = sheetWritesToRequests(
      [
        {
          sheet: "J",
          cells: [
            {
              row: 1,
              col: 3,
              values: [
                ["ID", d(2026, 9, 1), d(2026, 9, 3), d(2026, 9, 8)],
                [d(2026, 9, 1), "5", null, "н"],
                [d(2026, 9, 2), "4", null, null],
                [new Date(Date.UTC(2026, 8, 2, 10)), null, null, null],
              ],
            },
          ],
        },
      ],
      [sheet("J", 3)],
    );
    expect(kinds(reqs)).toEqual(["updateCells", "repeatCell", "repeatCell", "repeatCell"]);
    const ranges = reqs
      .slice(1)
      .map((r) => [r.repeatCell?.range, r.repeatCell?.cell?.userEnteredFormat?.numberFormat?.type]);
    expect(ranges).toEqual([
      [{ sheetId: 3, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 }, "DATE"],
      [{ sheetId: 3, startRowIndex: 3, endRowIndex: 4, startColumnIndex: 2, endColumnIndex: 3 }, "DATE_TIME"],
      [{ sheetId: 3, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 3, endColumnIndex: 6 }, "DATE"],
    ]);
    expect(reqs[0].updateCells?.rows?.[1].values?.[0]).toEqual({
      userEnteredValue: { numberValue: dateToSerial(d(2026, 9, 1)) },
    });
  });

  it("appends with the date format inline (new rows have none to keep)", () => {
    const [plain] = sheetWritesToRequests([{ sheet: "S", append: [["a", 1]] }], [sheet("S", 0)]);
    expect(plain.appendCells?.fields).toBe("userEnteredValue");
    const [dated] = sheetWritesToRequests([{ sheet: "S", append: [["a", d(2024, 1, 1)]] }], [sheet("S", 0)]);
    expect(dated.appendCells).toEqual({
      sheetId: 0,
      rows: [
        {
          values: [
            { userEnteredValue: { stringValue: "a" } },
            {
              userEnteredValue: { numberValue: 45292 },
              userEnteredFormat: { numberFormat: { type: "DATE", pattern: "dd.mm.yyyy" } },
            },
          ],
        },
      ],
      fields: "userEnteredValue,userEnteredFormat.numberFormat",
    });
  });

  it("grows existing grids once per sheet and sizes a new sheet to what is written", () => {
    const reqs = sheetWritesToRequests(
      [
        { sheet: "S", cells: [{ row: 1005, col: 2, values: [["x"]] }] },
        { sheet: "S", backgrounds: [{ range: { row: 1, col: 1, rows: 1, cols: 28 }, color: "#fff" }] },
        { sheet: "N", create: true, append: [Array.from({ length: 30 }, () => 1)], frozenRows: 2 },
      ],
      [sheet("S", 0)],
    );
    expect(kinds(reqs).slice(0, 3)).toEqual(["addSheet", "appendDimension", "appendDimension"]);
    expect(reqs[0].addSheet?.properties?.gridProperties).toEqual({ rowCount: 14, columnCount: 33 });
    expect(reqs[1].appendDimension).toEqual({ sheetId: 0, dimension: "ROWS", length: 5 });
    expect(reqs[2].appendDimension).toEqual({ sheetId: 0, dimension: "COLUMNS", length: 2 });
  });

  it("clears values, fills, number formats and rules of the whole sheet, then writes", () => {
    const reqs = sheetWritesToRequests([{ sheet: "S", clear: true, append: [["x"]] }], [sheet("S", 4)]);
    expect(reqs[0].updateCells).toEqual({
      range: { sheetId: 4 },
      fields:
        "userEnteredValue,userEnteredFormat.backgroundColor,userEnteredFormat.numberFormat,dataValidation",
    });
    expect(kinds(reqs)).toEqual(["updateCells", "appendCells"]);
  });

  it("sets frozen rows and hidden in one updateSheetProperties", () => {
    const [r] = sheetWritesToRequests([{ sheet: "S", frozenRows: 1, hidden: true }], [sheet("S", 2)]);
    expect(r.updateSheetProperties).toEqual({
      properties: { sheetId: 2, gridProperties: { frozenRowCount: 1 }, hidden: true },
      fields: "gridProperties.frozenRowCount,hidden",
    });
  });

  it("builds list, pattern and help-only validations; list values are neutralised like cells", () => {
    const range = { row: 2, col: 4, rows: 5, cols: 1 };
    const reqs = sheetWritesToRequests(
      [
        {
          sheet: "S",
          validations: [
            { range, list: ["да", "=evil()"], strict: false },
            { range, pattern: "^\\d{2}:\\d{2}$", strict: true },
            { range, strict: false, help: "ЧЧ:ММ" },
          ],
        },
      ],
      [sheet("S", 0)],
    );
    const rules = reqs.map((r) => r.setDataValidation?.rule);
    expect(reqs[0].setDataValidation?.range).toEqual({
      sheetId: 0,
      startRowIndex: 1,
      endRowIndex: 6,
      startColumnIndex: 3,
      endColumnIndex: 4,
    });
    expect(rules[0]).toEqual({
      condition: {
        type: "ONE_OF_LIST",
        values: [{ userEnteredValue: "да" }, { userEnteredValue: "'=evil()" }],
      },
      strict: false,
      showCustomUi: true,
    });
    expect(rules[1]?.condition?.values?.[0].userEnteredValue).toBe(
      '=REGEXMATCH(TO_TEXT(D2),"^\\d{2}:\\d{2}$")',
    );
    expect(rules[1]?.strict).toBe(true);
    expect(rules[2]).toEqual({
      condition: { type: "CUSTOM_FORMULA", values: [{ userEnteredValue: "=TRUE" }] },
      strict: false,
      showCustomUi: false,
      inputMessage: "ЧЧ:ММ",
    });
  });

  it("bolds the header rows across all columns and fills or clears backgrounds", () => {
    const reqs = sheetWritesToRequests(
      [
        {
          sheet: "S",
          boldRows: 2,
          backgrounds: [
            { range: { row: 3, col: 1, rows: 1, cols: 2 }, color: "#D9D9D9" },
            { range: { row: 4, col: 1, rows: 1, cols: 1 }, color: null },
          ],
        },
      ],
      [sheet("S", 0)],
    );
    expect(kinds(reqs)).toEqual(["repeatCell", "repeatCell", "repeatCell"]);
    expect(reqs[0].repeatCell?.cell).toEqual({ userEnteredFormat: { backgroundColor: color("#d9d9d9") } });
    expect(reqs[1].repeatCell).toMatchObject({
      cell: { userEnteredFormat: {} },
      fields: "userEnteredFormat.backgroundColor",
    });
    expect(reqs[2].repeatCell).toEqual({
      range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2 },
      cell: { userEnteredFormat: { textFormat: { bold: true } } },
      fields: "userEnteredFormat.textFormat.bold",
    });
  });

  it("adds a protection once, and updates the existing one of the same range on a rerun", () => {
    const header = { sheetId: 0, startRowIndex: 0, endRowIndex: 1 };
    const first = planSheetWrites(
      [
        { sheet: "S", protection: { rows: 1, description: "d" } },
        { sheet: "S", protection: { rows: 1, description: "d" } },
        { sheet: "S", protection: { editors: ["t@example.org"] } },
      ],
      [sheet("S", 0)],
    );
    expect(first.requests).toEqual([
      {
        addProtectedRange: {
          protectedRange: {
            range: header,
            warningOnly: false,
            editors: { users: [], domainUsersCanEdit: false },
            description: "d",
          },
        },
      },
      {
        addProtectedRange: {
          protectedRange: {
            range: { sheetId: 0 },
            warningOnly: false,
            editors: { users: ["t@example.org"], domainUsersCanEdit: false },
          },
        },
      },
    ]);
    expect(first.sheets[0].protectedRanges).toEqual([{ range: header }, { range: { sheetId: 0 } }]);
    const rerun = sheetWritesToRequests(
      [{ sheet: "S", protection: { rows: 1, description: "d2" } }],
      [sheet("S", 0, { protectedRanges: [{ protectedRangeId: 77, range: header }] })],
    );
    expect(rerun).toEqual([
      {
        updateProtectedRange: {
          protectedRange: {
            protectedRangeId: 77,
            warningOnly: false,
            editors: { users: [], domainUsersCanEdit: false },
            description: "d2",
          },
          fields: "warningOnly,editors,description",
        },
      },
    ]);
  });

  it("protects the header and the whole sheet when a journal asks for both, as SpreadsheetApp does", () => {
    const reqs = sheetWritesToRequests(
      [{ sheet: "S", protection: { rows: 2, editors: ["t@example.org", "r@example.org"] } }],
      [sheet("S", 3)],
    );
    expect(reqs.map((r) => r.addProtectedRange?.protectedRange?.range)).toEqual([
      { sheetId: 3, startRowIndex: 0, endRowIndex: 2 },
      { sheetId: 3 },
    ]);
    expect(reqs[1].addProtectedRange?.protectedRange?.editors?.users).toEqual([
      "t@example.org",
      "r@example.org",
    ]);
  });

  it("does not change the sheets it was given", () => {
    const before = [sheet("S", 0)];
    const copy = structuredClone(before);
    planSheetWrites([{ sheet: "S", frozenRows: 1, hidden: true, protection: { rows: 1 } }], before);
    expect(before).toEqual(copy);
  });
});

describe("cellData and colours", () => {
  it("turns each port value into the API's value", () => {
    expect(cellData(null)).toEqual({});
    expect(cellData("")).toEqual({ userEnteredValue: { stringValue: "" } });
    expect(cellData("@me")).toEqual({ userEnteredValue: { stringValue: "@me" } });
    expect(cellData("\tx")).toEqual({ userEnteredValue: { stringValue: "\tx" } });
    expect(cellData(4.5)).toEqual({ userEnteredValue: { numberValue: 4.5 } });
    expect(cellData(Number.NaN)).toEqual({ userEnteredValue: { stringValue: "NaN" } });
    expect(cellData(false)).toEqual({ userEnteredValue: { boolValue: false } });
    expect(cellData({ formula: "SUM(A1:A2)" })).toEqual({
      userEnteredValue: { formulaValue: "=SUM(A1:A2)" },
    });
    expect(() => cellData(new Date(Number.NaN))).toThrow(/Invalid Date/);
  });

  it("parses #rgb and #rrggbb colours and refuses anything else", () => {
    expect(color("#ff0000")).toEqual({ red: 1, green: 0, blue: 0 });
    expect(color("#0f0")).toEqual({ red: 0, green: 1, blue: 0 });
    expect(() => color("grey")).toThrow(/colour/);
  });
});

describe("serial numbers", () => {
  it("match Sheets' epoch (1899-12-30)", () => {
    expect(dateToSerial(d(2024, 1, 1))).toBe(45292);
    expect(dateToSerial(d(1899, 12, 31))).toBe(1);
    expect(serialToDate(45292.75).toISOString()).toBe("2024-01-01T18:00:00.000Z");
  });

  it("round-trip every date-time to the millisecond", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(serialToDate(dateToSerial(new Date(ms))).getTime()).toBe(ms);
      }),
    );
  });
});
