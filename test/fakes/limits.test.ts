import { describe, expect, it } from "vitest";
import { CELL_TEXT_LIMIT } from "./cells.js";
import { CELL_LIMIT, createFakes, STORE_LIMIT, VALUE_LIMIT } from "./index.js";
import { EXECUTION_BUDGET_MS, SIMULATED_LATENCY_MS } from "./latency.js";

describe("Google's limits in the fakes", () => {
  it("a spreadsheet holds at most 10,000,000 cells, blank ones included", () => {
    const fakes = createFakes({ spreadsheet: { sheets: { A: [["x"]] } } });
    const ss = fakes.spreadsheet;
    // 1 seeded 1000 × 26 tab + 383 new ones = 9,984,000 cells; one more tab passes the limit.
    for (let i = 0; i < 383; i++) ss.insertSheet(`S${i}`);
    expect(ss._cells()).toBe(384 * 26_000);
    expect(() => ss.insertSheet("one too many")).toThrow(
      "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
    );
    const a = ss._sheet("A")!;
    expect(() => a.insertColumnsAfter(26, 20)).toThrow(/above the limit/);
    a.deleteRows(101, 900);
    a.insertColumnsAfter(26, 100);
    expect(ss._cells()).toBeLessThanOrEqual(CELL_LIMIT);
  });

  it("a cell takes at most 50,000 characters", () => {
    const fakes = createFakes();
    const range = fakes.spreadsheet.getSheets()[0].getRange(1, 1);
    range.setValue("ж".repeat(CELL_TEXT_LIMIT));
    expect(() => range.setValues([["ж".repeat(CELL_TEXT_LIMIT + 1)]])).toThrow(
      "Your input contains more than the maximum of 50000 characters in a single cell.",
    );
  });

  it("properties: 9 KB a value, 500 KB a store", () => {
    const props = createFakes().properties.script;
    expect(() => props.setProperty("k", "x".repeat(VALUE_LIMIT + 1))).toThrow(/Argument too large/);
    const big = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, "x".repeat(9000)]));
    expect(() => props.setProperties(big)).toThrow(/property storage quota/);
    expect(STORE_LIMIT).toBe(512_000);
  });

  it("each round trip costs 50 simulated ms; a run past 5 minutes fails", () => {
    const fakes = createFakes();
    const sheet = fakes.spreadsheet.getSheets()[0];
    fakes.reset();
    sheet.getName(); // a local getter: no round trip
    sheet.getRange(1, 1).getValues();
    expect(fakes.calls.roundTrips).toBe(2);
    expect(fakes.calls.simulatedSeconds()).toBe((2 * SIMULATED_LATENCY_MS) / 1000);
    const calls = EXECUTION_BUDGET_MS / SIMULATED_LATENCY_MS;
    expect(() => {
      for (let i = 0; i < calls; i++) sheet.getLastRow();
    }).toThrow(/Exceeded maximum execution time/);
    fakes.calls.startExecution();
    expect(sheet.getLastRow()).toBe(0);
  });
});
