import { describe, expect, it } from "vitest";
import { CELL_LIMIT, cellLimitIssue } from "../../../src/core/limits/cells.js";

describe("cellLimitIssue", () => {
  it("stays quiet below 80 % of the limit", () => {
    expect(cellLimitIssue([{ sheet: "A", rows: 1000, cols: 7999 }])).toBeNull();
  });

  it("warns at 80 % naming the biggest sheets, in both languages", () => {
    const grids = [
      { sheet: "Настройки", rows: 20, cols: 5 },
      { sheet: "Журнал G01", rows: 4000, cols: 1000 },
      { sheet: "Журнал G02", rows: 4000, cols: 1000 },
    ];
    const i = cellLimitIssue(grids)!;
    expect(i.severity).toBe("warning");
    expect(i.code).toBe("cell-limit");
    expect(i.message.ru).toContain("8 000 100 ячеек — 80 % предела");
    expect(i.message.ru).toContain("«Журнал G01» 4000×1000, «Журнал G02» 4000×1000, «Настройки» 20×5");
    expect(i.sheet).toBe("Журнал G01");
    expect(i.message.en).toContain("8 000 100 cells, 80% of the Google Sheets limit (10 000 000)");
    expect(CELL_LIMIT).toBe(10_000_000);
  });
});
