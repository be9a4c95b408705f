import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeMonth, type MonthFigures, type SetFigures } from "../../../src/core/metrics/index.js";
import { enrol, group, journal, school, student, syntheticModel } from "../../support/synthetic-school.js";

const TOKENS = [
  "",
  "5",
  "4",
  "3",
  "2",
  "1",
  "5/4",
  "3-",
  "зач",
  "незач",
  "н",
  "у",
  "б",
  "оп",
  "осв",
  "55",
  "?",
];
const ABSENT = new Set(["н", "у", "б"]);
const DATES = [
  "2026-09-30",
  ...Array.from({ length: 12 }, (_, i) => `2026-10-${String(2 * i + 1).padStart(2, "0")}`),
  "2026-11-02",
];

const arbSchool = fc.record({
  // rows × columns of tokens (column count fixed per case by the first row's length)
  cols: fc.integer({ min: 0, max: DATES.length }),
  rows: fc.array(fc.array(fc.constantFrom(...TOKENS), { minLength: DATES.length, maxLength: DATES.length }), {
    minLength: 1,
    maxLength: 8,
  }),
  classes: fc.array(fc.constantFrom("9А", "9Б", "10А"), { minLength: 8, maxLength: 8 }),
  absenceThreshold: fc.integer({ min: 0, max: 100 }),
  roundingThreshold: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  minimumMarks: fc.integer({ min: 0, max: 5 }),
  naWeight: fc.integer({ min: 0, max: 100 }),
});

function setInvariants(f: SetFigures): void {
  expect(f.N).toBe(f.n5 + f.n4 + f.n3 + f.n2 + f.n1 + f.nNa);
  for (const x of [f.success, f.quality, f.sou, f.attendance]) {
    if (f.N === 0) expect(x).toBeNull();
    else {
      expect(x).not.toBeNull();
      expect(x!).toBeGreaterThanOrEqual(0);
      expect(x!).toBeLessThanOrEqual(100 + 1e-9);
    }
  }
  if (f.N > 0) expect(f.success!).toBeGreaterThanOrEqual(f.quality!);
  if (f.average !== null) {
    expect(f.average).toBeGreaterThanOrEqual(1);
    expect(f.average).toBeLessThanOrEqual(5);
  }
}

function allInvariants(f: MonthFigures): void {
  for (const s of [f.school, ...f.groups, ...f.classes]) setInvariants(s);
  for (const g of f.groups) {
    if (g.journalFill !== null) expect(g.journalFill).toBeLessThanOrEqual(100);
  }
  for (const p of f.pairs) {
    expect(p.absences).toBeLessThanOrEqual(p.lessons);
    if (typeof p.monthMark === "number") {
      expect(Math.abs(p.monthMark - p.average!)).toBeLessThan(1);
      expect(p.monthMark).toBeGreaterThanOrEqual(1);
      expect(p.monthMark).toBeLessThanOrEqual(5);
    }
  }
  expect(f.school.N).toBe(f.pairs.filter((p) => p.counted).length);
}

describe("figure invariants", () => {
  it("hold for any journal: success ≥ quality, percentages in 0..100, attendance 100 without н/у/б", () => {
    fc.assert(
      fc.property(arbSchool, (c) => {
        const dates = DATES.slice(0, c.cols);
        const ids = c.rows.map((_, i) => `S${i + 1}`);
        const rows = c.rows.map((r, i) => [ids[i], "", ...r.slice(0, c.cols)]);
        const model = school({
          settings: {
            absenceThreshold: c.absenceThreshold,
            roundingThreshold: c.roundingThreshold,
            minimumMarks: c.minimumMarks,
            naWeight: c.naWeight,
          },
          students: ids.map((id, i) => student(id, c.classes[i])),
          groups: [group("G1", "T1")],
          enrollments: ids.map((id) => enrol(id, "G1")),
          journals: [journal("G1", dates, rows)],
        });
        const f = computeMonth(model, "2026-10", []);
        allInvariants(f);
        // Every October column is a lesson, exempt or invalid for every (open) enrollment.
        const october = dates.filter((d) => d.startsWith("2026-10")).length;
        for (const p of f.pairs) expect(p.lessons + p.exempt + p.invalid).toBe(october);
        const inOctober = rows.flatMap((r) =>
          dates.flatMap((d, j) => (d.startsWith("2026-10") ? [r[j + 2]] : [])),
        );
        if (!inOctober.some((t) => ABSENT.has(String(t))) && f.school.N > 0) {
          expect(f.school.attendance).toBe(100);
          for (const g of f.groups) if (g.N > 0) expect(g.attendance).toBe(100);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("hold over a generated school year, month by month", () => {
    const model = syntheticModel({ students: 120, groups: 12, classes: 6, seed: 7 });
    for (const month of ["2026-09", "2026-12", "2027-03", "2027-06"]) {
      const f = computeMonth(model, month, []);
      allInvariants(f);
      expect(f.school.N).toBeGreaterThan(0);
    }
    // July has no lessons: nothing is counted and every figure is blank.
    const july = computeMonth(model, "2027-07", []);
    expect(july.school.N).toBe(0);
    expect(july.groups.every((g) => g.journalFill === null && g.success === null)).toBe(true);
  });
});
