import { describe, expect, it } from "vitest";
import { demoYearOf, schoolYearOf } from "../../src/core/school-year.js";

describe("school years", () => {
  it.each([
    ["2026-07-31", 2025, 2025],
    ["2026-08-01", 2026, 2025],
    ["2026-09-30", 2026, 2025],
    ["2026-10-01", 2026, 2026],
    ["2026-12-31", 2026, 2026],
    ["2027-01-01", 2026, 2026],
    ["2028-02-29", 2027, 2027],
  ])("%s: a new workbook is for %i, the demo shows %i", (day, school, demo) => {
    expect(schoolYearOf(day)).toBe(school);
    expect(demoYearOf(day)).toBe(demo);
  });
});
