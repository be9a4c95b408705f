/**
 * Apps Script at a real school's size: round trips (calls that reach Google, each charged
 * 50 ms by the fakes) and simulated seconds of every menu operation, for 150 groups at 200 and
 * at 2,000 students, and the workbook's cells after a school year of journals (limit 10 M).
 * The fakes' 5-minute limit is lifted here so that an operation past it still shows its cost.
 */
import { updateJournals } from "../src/app/journals.js";
import { reportFromMenu, runReportJob } from "../src/apps-script/actions/report.js";
import { runCheck, runSetup } from "../src/apps-script/actions/setup-check.js";
import { sidebarRpc } from "../src/apps-script/actions/sidebar.js";
import { workbook } from "../src/apps-script/env.js";
import type { LessonSheet } from "../src/rpc/contract.js";
import { createFakes, type Fakes, type SeedValue } from "../test/fakes/index.js";
import { modelTables } from "../test/support/model-tables.js";
import { syntheticModel } from "../test/support/synthetic-school.js";
import type { Bench, Figure } from "./harness.js";

type Cost = { trips: number; seconds: number };
type Row = Record<string, Cost>;

const TARGETS: Record<string, number> = {
  check: 10,
  "journals, first run": 20,
  "journals, nothing new": 10,
  "monthly job, from the trigger": 40,
  "monthly job, from the menu": 40,
  "sidebar: one lesson save": 10,
};

function measure(fakes: Fakes, fn: () => unknown): Cost {
  fakes.reset();
  fn();
  return { trips: fakes.calls.roundTrips, seconds: fakes.calls.simulatedSeconds() };
}

function school(students: number): { row: Row; cells: number } {
  const synthetic = syntheticModel({ students, groups: 150, classes: 40, seed: 11 });
  // Staff sign in with their emails (the sidebar checks who may save which journal).
  const model = {
    ...synthetic,
    staff: synthetic.staff.map((s) => ({ ...s, email: `${s.id.toLowerCase()}@school.example` })),
  };
  const tables = modelTables(model);
  for (const name of Object.keys(tables)) if (name.startsWith("Журнал")) delete tables[name];
  // The sidebar saves as the first group's teacher: only their own groups' lessons are theirs.
  const teacher = model.staff.find((s) => s.id === model.groups[0].teacherId)?.email ?? "";
  const fakes = createFakes({
    spreadsheet: { sheets: tables as Record<string, SeedValue[][]> },
    activeUser: teacher,
  });
  fakes.calls.budgetMs = Number.POSITIVE_INFINITY;
  const restore = fakes.install();
  try {
    const row: Row = {};
    row["set-up"] = measure(fakes, runSetup);
    row.check = measure(fakes, runCheck);
    row["journals, first run"] = measure(fakes, () => updateJournals(workbook(), "2026-10-31"));
    row["journals, a week later"] = measure(fakes, () => updateJournals(workbook(), "2026-11-07"));
    row["journals, nothing new"] = measure(fakes, () => updateJournals(workbook(), "2026-11-07"));
    row["monthly job, from the trigger"] = measure(fakes, () =>
      runReportJob("2026-10", "bench@school.example"),
    );
    fakes.ui._answer({ button: "OK", text: "2026-10" });
    row["monthly job, from the menu"] = measure(fakes, reportFromMenu);
    const groupId = model.groups[0].id;
    type Load = { ok: boolean; value?: LessonSheet };
    const any = sidebarRpc("lessonLoad", { groupId }) as Load;
    const lesson = any.value?.options.find((o) => o.inJournal && o.date <= "2026-10-31");
    if (!lesson) throw new Error(`lessonLoad found no lesson: ${JSON.stringify(any).slice(0, 300)}`);
    const { date } = lesson;
    const load = sidebarRpc("lessonLoad", { groupId, date, index: lesson.index }) as Load;
    if (!load.ok || !load.value) throw new Error(`lessonLoad failed: ${JSON.stringify(load)}`);
    const { index, students: list } = load.value;
    const expected = Object.fromEntries(list.map((s) => [s.id, s.cell]));
    const values = Object.fromEntries(list.map((s, i) => [s.id, ["5", "н", "4"][i % 3]]));
    row["sidebar: one lesson save"] = measure(fakes, () => {
      const r = sidebarRpc("lessonSave", { groupId, date, index, expected, values }) as { ok: boolean };
      if (!r.ok) throw new Error(`lessonSave failed: ${JSON.stringify(r)}`);
    });
    // A whole school year (September–May) of journals.
    updateJournals(workbook(), "2027-05-31");
    return { row, cells: fakes.spreadsheet._cells() };
  } finally {
    restore();
  }
}

export const appsScriptScaleBench: Bench = {
  name: "Apps Script at 150 groups: round trips (50 ms each) at 200 and 2,000 students",
  run(): Figure[] {
    const small = school(200);
    const large = school(2000);
    const figures: Figure[] = [];
    for (const op of Object.keys(small.row)) {
      const a = small.row[op];
      const b = large.row[op];
      const limit = TARGETS[op];
      const within = Math.abs(b.trips - a.trips) <= 0.1 * Math.max(a.trips, 1);
      figures.push({
        name: `${op}: 200 / 2,000 students`,
        value: `${a.trips} / ${b.trips}`,
        unit: `round trips, ${a.seconds.toFixed(1)} / ${b.seconds.toFixed(1)} s${b.seconds > 300 ? " (past 5 min)" : ""}${within ? "" : " (differs > 10 %)"}`,
        target: limit === undefined ? undefined : `≤ ${limit}`,
      });
    }
    figures.push({
      name: "cells after a school year of 150 journals, 2,000 students",
      value: large.cells,
      target: "well under 10,000,000",
    });
    return figures;
  },
};
