/** The fake spreadsheet behaves like Sheets where the adapters depend on it. */
import { describe, expect, it } from "vitest";
import { createFakes } from "./index.js";

function fresh(timeZone = "Europe/Moscow", locale = "ru_RU") {
  const f = createFakes({ spreadsheet: { timeZone, locale, sheets: { S: [["a", "b"]] } } });
  return { f, s: f.spreadsheet._sheet("S")! };
}

describe("fake Range values", () => {
  it("throws Sheets' messages when the data does not fit the range", () => {
    const { s } = fresh();
    expect(() => s.getRange(1, 1, 2, 2).setValues([["x", "y"]])).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => s.getRange(1, 1, 1, 2).setValues([["x", "y", "z"]])).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.",
    );
    expect(() => s.getRange(1, 1, 0, 1)).toThrow("The number of rows in the range must be at least 1.");
    expect(s.getRange("A1:B1").getValues()).toEqual([["a", "b"]]);
  });

  it("reads typed input like Sheets: formulas, apostrophes, numbers, dates, booleans; blanks as empty strings", () => {
    const { s } = fresh();
    s.getRange("A2:G2").setValues([["=SUM(1,2)", "'=SUM(1,2)", "'007", "007", "01.09.2026", "ИСТИНА", null]]);
    expect(s.getRange("A2:G2").getFormulas()).toEqual([["=SUM(1,2)", "", "", "", "", "", ""]]);
    const v = s.getRange("A2:G2").getValues()[0];
    expect(v[0]).toBe("#FORMULA");
    expect(v.slice(1, 4)).toEqual(["=SUM(1,2)", "007", 7]);
    expect((v[4] as Date).toISOString()).toBe("2026-08-31T21:00:00.000Z");
    expect(v[5]).toBe(true);
    expect(v[6]).toBe("");
    expect(s.getRange("E2").getDisplayValue()).toBe("01.09.2026");
  });

  it("reads month/day order and the decimal separator from the locale", () => {
    const { s } = fresh("America/New_York", "en_US");
    s.getRange("A2:C2").setValues([["5/4/2026", "4,5", "4.5"]]);
    const [d, comma, dot] = s.getRange("A2:C2").getValues()[0];
    expect((d as Date).toISOString()).toBe("2026-05-04T04:00:00.000Z");
    expect(comma).toBe("4,5");
    expect(dot).toBe(4.5);
  });

  it("text-formatted cells keep strings as typed", () => {
    const { s } = fresh();
    s.getRange("A2")
      .setNumberFormat("@")
      .setValues([["007"]]);
    expect(s.getRange("A2").getValues()).toEqual([["007"]]);
  });

  it("stores a Date as the wall-clock time of the spreadsheet's zone", () => {
    const { f, s } = fresh("Asia/Vladivostok");
    s.getRange("A2").setValues([[new Date("2026-09-01T05:30:00Z")]]);
    expect(s.getRange("A2").getDisplayValue()).toBe("01.09.2026 15:30:00");
    // Changing the spreadsheet's zone keeps the wall time and moves the instant, as in Sheets.
    f.spreadsheet.setSpreadsheetTimeZone("Europe/Moscow");
    expect((s.getRange("A2").getValue() as Date).toISOString()).toBe("2026-09-01T12:30:00.000Z");
  });

  it("refuses objects that are not cell values (an adapter bug, not data)", () => {
    const { s } = fresh();
    expect(() => s.getRange("A2").setValues([[{ formula: "=1" }]])).toThrow(/cannot write a object/);
  });
});

describe("fake Sheet geometry", () => {
  it("has 1000x26 cells: ranges outside throw until rows are inserted", () => {
    const { s } = fresh();
    expect(() => s.getRange(1001, 1)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    s.insertRowsAfter(1000, 5);
    expect(s.getRange(1005, 1).getA1Notation()).toBe("A1005");
    expect(() => s.getRange("AA1")).toThrow(/outside the dimensions/);
    expect(s.getRange("A:B").getA1Notation()).toBe("A1:B1005");
    expect(s.getRange("2:3").getA1Notation()).toBe("A2:Z3");
  });

  it("getLastRow/getDataRange follow content, not formatting; an empty sheet's data range is A1", () => {
    const { f, s } = fresh();
    s.getRange("C10").setBackground("#ff0000");
    expect(s.getLastRow()).toBe(1);
    expect(s.getDataRange().getA1Notation()).toBe("A1:B1");
    const empty = f.spreadsheet.insertSheet("Empty");
    expect(empty.getDataRange().getValues()).toEqual([[""]]);
    expect(empty.getLastRow()).toBe(0);
  });

  it("inserts a sheet after the active one unless given an index; names are unique regardless of case", () => {
    const f = createFakes({ spreadsheet: { sheets: { A: [], B: [], C: [] } } });
    const ss = f.spreadsheet;
    ss.insertSheet("X");
    expect(ss.getSheets().map((s) => s.getName())).toEqual(["A", "X", "B", "C"]);
    expect(ss.getActiveSheet().getName()).toBe("X");
    ss.insertSheet("Y", 4);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(["A", "X", "B", "C", "Y"]);
    expect(() => ss.insertSheet("y")).toThrow('A sheet with the name "y" already exists');
  });

  it("cannot hide or delete the last visible sheet", () => {
    const f = createFakes({ spreadsheet: { sheets: { Only: [] } } });
    const only = f.spreadsheet._sheet("Only")!;
    expect(() => only.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    expect(() => f.spreadsheet.deleteSheet(only)).toThrow("You can't remove all the sheets in a document.");
  });

  it("clear() empties contents and formats but keeps data validation", () => {
    const { f, s } = fresh();
    const rule = f.spreadsheetApp.newDataValidation().requireValueInList(["a"]).build();
    s.getRange("A1").setBackground("#00ff00").setFontWeight("bold").setDataValidation(rule);
    s.clear();
    expect(s.getRange("A1").getValue()).toBe("");
    expect(s.getRange("A1").getBackground()).toBe("#ffffff");
    expect(s.getRange("A1").getFontWeight()).toBe("normal");
    expect(s.getRange("A1").getDataValidation()).toBe(rule);
  });
});

describe("fake protections", () => {
  it("never removes the owner or the running user; sheet.protect() returns the existing protection", () => {
    const f = createFakes({
      owner: "owner@school.example",
      effectiveUser: "coord@school.example",
      spreadsheet: { editors: ["tutor@school.example"], sheets: { J: [] } },
    });
    const j = f.spreadsheet._sheet("J")!;
    const p = j.protect();
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(["owner@school.example", "tutor@school.example"]);
    p.addEditor("coord@school.example");
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(["owner@school.example", "coord@school.example"]);
    expect(j.protect()).toBe(p);
    expect(() => j.getRange("A1").protect().setUnprotectedRanges([])).toThrow(/sheet protection/);
    p.remove();
    expect(j.getProtections("SHEET")).toEqual([]);
  });
});

describe("call counting", () => {
  it("counts each service call once by Class.method, helpers and internals not at all", () => {
    const { f, s } = fresh();
    f.reset();
    s.getRange("A1:B1").getValues();
    s.getRange("A1").getValue();
    s.appendRow(["x", 1]);
    f.spreadsheet._sheet("S");
    expect(f.calls.byMethod).toEqual({
      "Sheet.getRange": 2,
      "Range.getValues": 1,
      "Range.getValue": 1,
      "Sheet.appendRow": 1,
    });
    expect(f.calls.total).toBe(5);
    expect(f.calls.count(/^Range\./)).toBe(2);
    expect(f.calls.log).toEqual([
      "Sheet.getRange",
      "Range.getValues",
      "Sheet.getRange",
      "Range.getValue",
      "Sheet.appendRow",
    ]);
  });

  it("install() puts the services on globalThis and restore() takes them away", () => {
    const f = createFakes();
    const g = globalThis as Record<string, unknown>;
    expect(g.SpreadsheetApp).toBeUndefined();
    const restore = f.install();
    expect(SpreadsheetApp.getActiveSpreadsheet().getName()).toBe("Школа");
    expect(f.calls.count("SpreadsheetApp.getActiveSpreadsheet")).toBe(1);
    restore();
    expect(g.SpreadsheetApp).toBeUndefined();
  });

  it("plugs extra services in through `extras`, counted on the same counter", () => {
    const f = createFakes({
      extras: ({ calls }) => ({
        MailApp: {
          sendEmail: () => calls.hit("MailApp.sendEmail"),
        },
      }),
    });
    (f.globals.MailApp as { sendEmail(): void }).sendEmail();
    expect(f.calls.byMethod).toEqual({ "MailApp.sendEmail": 1 });
  });
});
