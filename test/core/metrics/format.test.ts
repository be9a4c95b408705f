import { describe, expect, it } from "vitest";
import {
  avg2,
  formatChange,
  formatMark,
  formatNumber,
  pct,
  roundTo,
} from "../../../src/core/metrics/index.js";

describe("number formatting", () => {
  it("shows percentages with 1 decimal, a comma in Russian and a dot in English", () => {
    expect(pct(200 / 3, "ru")).toBe("66,7");
    expect(pct(200 / 3, "en")).toBe("66.7");
    expect(pct(100)).toBe("100,0");
    expect(pct(0, "en")).toBe("0.0");
  });

  it("shows averages with 2 decimals", () => {
    expect(avg2(43 / 12, "ru")).toBe("3,58");
    expect(avg2(4, "en")).toBe("4.00");
    // 601/200 = 3.005 is stored as 3.00499999…; a person rounds it to 3.01.
    expect(avg2(601 / 200, "en")).toBe("3.01");
  });

  it("shows a blank for a missing figure", () => {
    expect(pct(null)).toBe("");
    expect(avg2(undefined)).toBe("");
    expect(formatNumber(Number.NaN, 1, "ru")).toBe("");
  });

  it("rounds half away from zero and never shows -0", () => {
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(roundTo(-0.04, 1)).toBe(0);
    expect(Object.is(roundTo(-0.04, 1), -0)).toBe(false);
  });

  it("signs changes", () => {
    expect(formatChange(80 - 75.3, 1, "en")).toBe("+4.7");
    expect(formatChange(-3.5, 1, "ru")).toBe("-3,5");
    expect(formatChange(-0.04, 1, "ru")).toBe("0,0");
    expect(formatChange(null, 1, "ru")).toBe("");
  });

  it("shows month marks in the report's language", () => {
    expect(formatMark(4, "ru")).toBe("4");
    expect(formatMark("н/а", "ru")).toBe("н/а");
    expect(formatMark("н/а", "en")).toBe("n/a");
    expect(formatMark(null, "en")).toBe("");
  });
});
