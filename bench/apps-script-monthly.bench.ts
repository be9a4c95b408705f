/**
 * Apps Script service calls of the whole monthly run (read the workbook, summary sheet, JSON
 * sheet, the Google Doc with its charts, sharing) against the counting fakes, for a synthetic
 * school of 200 and of 2,000 students with the same 150 groups: the numbers must be equal.
 */
import { updateJournals } from "../src/app/journals.js";
import { runMonthlyJob } from "../src/app/monthly-job.js";
import { jobPorts } from "../src/apps-script/actions/report.js";
import { workbook } from "../src/apps-script/env.js";
import { createFakes, type SeedValue } from "../test/fakes/index.js";
import { modelTables } from "../test/support/model-tables.js";
import { syntheticModel } from "../test/support/synthetic-school.js";
import type { Bench, Figure } from "./harness.js";

function monthlyCalls(students: number): {
  total: number;
  trips: number;
  sheetsApi: number;
  docs: number;
} {
  const model = syntheticModel({ students, groups: 150, classes: 40, seed: 11 });
  const fakes = createFakes({
    spreadsheet: { sheets: modelTables(model) as Record<string, SeedValue[][]> },
    ui: false,
    mailQuota: 100,
  });
  // Journals seeded as the program now makes them (sized to their data): 150 journals of a
  // whole year at Google's default 1000 rows would already pass the 10 M-cell limit.
  fakes.spreadsheet._fitToData();
  const restore = fakes.install();
  try {
    fakes.reset();
    const ports = { ...jobPorts("bench@school.example"), budgetMs: Number.POSITIVE_INFINITY };
    const r = runMonthlyJob(ports, "2026-10");
    if (r.status !== "done") throw new Error("the monthly job did not finish");
    return {
      total: fakes.calls.total,
      trips: fakes.calls.roundTrips,
      sheetsApi: fakes.calls.count(/^Sheets\./),
      docs: fakes.calls.count(/^(Docs|Document|Body|DocumentApp)/),
    };
  } finally {
    restore();
  }
}

export const appsScriptMonthlyBench: Bench = {
  name: "Apps Script monthly run: service calls at 200 and 2,000 students",
  run(): Figure[] {
    const small = monthlyCalls(200);
    const large = monthlyCalls(2000);
    return [
      { name: "service calls, 200 students (150 groups)", value: small.total },
      { name: "service calls, 2,000 students (150 groups)", value: large.total, target: "= 200 students" },
      { name: "  round trips, 2,000 students", value: large.trips },
      { name: "  Sheets advanced service calls (reads and batchUpdates)", value: large.sheetsApi },
      { name: "  Docs / DocumentApp calls", value: large.docs },
      { name: "ratio 2,000 : 200", value: (large.total / small.total).toFixed(2), target: "1.00" },
    ];
  },
};

/** Service calls of «Обновить журналы» on the synthetic school: creating all 150, then updating. */
function journalCalls(students: number): { create: number; update: number } {
  const model = syntheticModel({ students, groups: 150, classes: 40, seed: 11 });
  const tables = modelTables(model);
  for (const name of Object.keys(tables)) if (name.startsWith("Журнал")) delete tables[name];
  const fakes = createFakes({ spreadsheet: { sheets: tables as Record<string, SeedValue[][]> }, ui: false });
  const restore = fakes.install();
  try {
    // The menu's workbook: reads and writes through the Sheets advanced service.
    const wb = workbook;
    fakes.reset();
    updateJournals(wb(), "2026-12-25");
    const create = fakes.calls.total;
    fakes.reset();
    updateJournals(wb(), "2027-01-31");
    return { create, update: fakes.calls.total };
  } finally {
    restore();
  }
}

export const appsScriptJournalsBench: Bench = {
  name: "Apps Script «Обновить журналы»: service calls for 150 journals",
  run(): Figure[] {
    const small = journalCalls(200);
    const large = journalCalls(2000);
    return [
      { name: "create 150 journals, 200 students", value: small.create },
      {
        name: "create 150 journals, 2,000 students",
        value: large.create,
        target: "≈ 200 students (no per-row calls)",
      },
      { name: "update 150 journals (new lessons), 200 students", value: small.update },
      {
        name: "update 150 journals (new lessons), 2,000 students",
        value: large.update,
        target: "≈ 200 students (no per-row calls)",
      },
    ];
  },
};
