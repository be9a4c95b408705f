/** computeMonth over a big school: 2,000 students, 150 groups, 40 classes, a full year of journals. */
import { computeMonth } from "../src/core/metrics/index.js";
import { syntheticLessons, syntheticModel } from "../test/support/synthetic-school.js";
import { type Bench, timeMs } from "./harness.js";

const MONTHS = [
  "2026-09",
  "2026-10",
  "2026-11",
  "2026-12",
  "2027-01",
  "2027-02",
  "2027-03",
  "2027-04",
  "2027-05",
  "2027-06",
];

export const metricsBench: Bench = {
  name: "metrics: computeMonth",
  async run() {
    const t0 = performance.now();
    const model = syntheticModel({ students: 2000, groups: 150, classes: 40, seed: 1 });
    const buildMs = Math.round(performance.now() - t0);
    const cells = model.journals.reduce((n, j) => n + j.rows.length * j.columns.length, 0);
    const lessons = syntheticLessons(model, "2026-10");
    const one = await timeMs(() => computeMonth(model, "2026-10", lessons), 5);
    const year = await timeMs(() => MONTHS.map((m) => computeMonth(model, m, syntheticLessons(model, m))), 1);
    return [
      { name: "journal cells in the model (Sep–Jun)", value: cells },
      { name: "pairs in October", value: one.result.pairs.length },
      { name: "building the synthetic model (parseJournal included)", value: buildMs, unit: "ms" },
      { name: "computeMonth, one month", value: one.ms, unit: "ms", target: "< 1000 ms" },
      { name: "computeMonth, ten months (with lesson expansion)", value: year.ms, unit: "ms" },
    ];
  },
};
