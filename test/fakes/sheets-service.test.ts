import { describe, expect, it } from "vitest";
import { createFakes } from "./index.js";

type Api = {
  Spreadsheets: {
    get(
      id: string,
      a?: object,
    ): { sheets: { properties: { title: string; gridProperties: { rowCount: number } } }[] };
    batchUpdate(r: { requests: object[] }, id: string): unknown;
    Values: { batchUpdate(r: object, id: string): { totalUpdatedCells: number } };
  };
};

function setup() {
  const fakes = createFakes({ spreadsheet: { sheets: { A: [["x"]] } } });
  const api = fakes.globals.Sheets as Api;
  return { fakes, api, id: fakes.spreadsheet.getId() };
}

describe("fake Sheets advanced service", () => {
  it("applies a batch all or nothing: a request past the grid undoes the ones before it", () => {
    const { fakes, api, id } = setup();
    const a = fakes.spreadsheet._sheet("A")!;
    const cell = (v: string) => ({ values: [{ userEnteredValue: { stringValue: v } }] });
    expect(() =>
      api.Spreadsheets.batchUpdate(
        {
          requests: [
            {
              updateCells: {
                start: { sheetId: a.id, rowIndex: 0, columnIndex: 0 },
                rows: [cell("y")],
                fields: "userEnteredValue",
              },
            },
            {
              updateCells: {
                start: { sheetId: a.id, rowIndex: 1000, columnIndex: 0 },
                rows: [cell("z")],
                fields: "userEnteredValue",
              },
            },
          ],
        },
        id,
      ),
    ).toThrow(/exceeds grid limits. Max rows: 1000, max columns: 26/);
    expect(a.getRange(1, 1).getValue()).toBe("x");
  });

  it("refuses an addSheet or appendDimension past 10,000,000 cells", () => {
    const { api, id } = setup();
    const add = (rows: number) => ({
      addSheet: {
        properties: { sheetId: 99, title: "B", gridProperties: { rowCount: rows, columnCount: 100 } },
      },
    });
    expect(() => api.Spreadsheets.batchUpdate({ requests: [add(100_000)] }, id)).toThrow(
      /above the limit of 10000000 cells/,
    );
    api.Spreadsheets.batchUpdate({ requests: [add(10)] }, id);
    const titles = api.Spreadsheets.get(id).sheets.map((s) => s.properties.title);
    expect(titles).toEqual(["A", "B"]);
    expect(() =>
      api.Spreadsheets.batchUpdate(
        { requests: [{ appendDimension: { sheetId: 99, dimension: "ROWS", length: 100_000 } }] },
        id,
      ),
    ).toThrow(/above the limit/);
  });

  it("answers only for the bound spreadsheet, and needs the spreadsheets scope", () => {
    const { api } = setup();
    expect(() => api.Spreadsheets.get("other")).toThrow(/Requested entity was not found/);
    const narrow = createFakes({ scopes: ["https://www.googleapis.com/auth/spreadsheets.currentonly"] });
    expect(() => (narrow.globals.Sheets as Api).Spreadsheets.get(narrow.spreadsheet.getId())).toThrow(
      /You do not have permission to call Sheets.Spreadsheets.get/,
    );
  });

  it('values.batchUpdate RAW stores text as given (never a formula), "" as blank, skips null', () => {
    const { fakes, api, id } = setup();
    const a = fakes.spreadsheet._sheet("A")!;
    const r = api.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: "RAW",
        data: [
          {
            range: "'A'!A1:C2",
            values: [
              ["=1+1", 5, true],
              ["", null, "x"],
            ],
          },
        ],
      },
      id,
    );
    expect(r.totalUpdatedCells).toBe(5);
    expect(a._cell(1, 1)?.v).toBe("=1+1");
    expect(a._cell(1, 1)?.f).toBeUndefined();
    expect(a._cell(1, 2)?.v).toBe(5);
    expect(a._cell(1, 3)?.v).toBe(true);
    expect(a._cell(2, 1)?.v ?? null).toBeNull();
    expect(a._cell(2, 3)?.v).toBe("x");
  });

  it("values.batchUpdate fails whole: past its range, past the grid, or without an input option", () => {
    const { fakes, api, id } = setup();
    const a = fakes.spreadsheet._sheet("A")!;
    const write = (data: object[], option: string | null = "RAW") =>
      api.Spreadsheets.Values.batchUpdate({ valueInputOption: option, data }, id);
    expect(() => write([{ range: "'A'!A1:A1", values: [["y", "z"]] }])).toThrow(/tried writing to row/);
    expect(() =>
      write([
        { range: "'A'!A1", values: [["y"]] },
        { range: "'A'!A1001", values: [["z"]] },
      ]),
    ).toThrow(/exceeds grid limits/);
    expect(a._cell(1, 1)?.v).toBe("x");
    expect(() => write([{ range: "'A'!A1", values: [["y"]] }], null)).toThrow(/valueInputOption/);
    expect(() => write([{ range: "'B'!A1", values: [["y"]] }])).toThrow(/Unable to parse range/);
  });
});
