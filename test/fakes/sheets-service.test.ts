import { describe, expect, it } from "vitest";
import { createFakes } from "./index.js";

type Api = {
  Spreadsheets: {
    get(
      id: string,
      a?: object,
    ): { sheets: { properties: { title: string; gridProperties: { rowCount: number } } }[] };
    batchUpdate(r: { requests: object[] }, id: string): unknown;
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
});
