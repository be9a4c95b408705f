/** «Обновить журналы» checkpoints between batches and a continuation ends where one run would. */
import { describe, expect, it } from "vitest";
import { updateJournals } from "../../src/app/journals.js";
import { JOURNALS_JOB_KEY, runJournalsJob } from "../../src/app/journals-job.js";
import { FakeClock, MemoryStore } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { modelTables } from "../support/model-tables.js";
import { syntheticModel } from "../support/synthetic-school.js";

function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const tables = modelTables(syntheticModel({ students: 300, groups: 60, classes: 12, seed: 5 }));
  for (const [name, values] of Object.entries(tables))
    if (!name.startsWith("Журнал")) wb.sheets.set(name, values);
  return wb;
}

const sheetsOf = (wb: MemoryWorkbook) =>
  JSON.stringify([...wb.sheets.entries()].filter(([n]) => n.startsWith("Журнал")).sort());

describe("the journals job", () => {
  it("in one run when there is time: every journal, no checkpoint left", () => {
    const wb = school();
    const store = new MemoryStore();
    const r = runJournalsJob(
      { wb, store, clock: new FakeClock(0), scheduleContinuation: () => {} },
      "2026-10-31",
    );
    expect(r.status).toBe("done");
    expect(r.written).toBe(60);
    expect(store.get(JOURNALS_JOB_KEY)).toBeNull();
  });

  it("out of time, it saves its day, continues, and ends exactly like one run", () => {
    const whole = school();
    updateJournals(whole, "2026-10-31");
    const wb = school();
    const store = new MemoryStore();
    let continuations = 0;
    // Every clock read costs 5 minutes of a 4-minute budget: one batch a run.
    const ports = {
      wb,
      store,
      clock: new FakeClock(0, 300_000),
      scheduleContinuation: () => continuations++,
    };
    let r = runJournalsJob(ports, "2026-10-31");
    const runs = [r.written];
    while (r.status === "continued") {
      expect(JSON.parse(store.get(JOURNALS_JOB_KEY)!)).toEqual({ until: "2026-10-31" });
      // The continuation runs on a later day: it still finishes the saved one.
      r = runJournalsJob(ports, "2026-11-20");
      runs.push(r.written);
    }
    expect(runs).toEqual([25, 25, 10]);
    expect(continuations).toBe(2);
    expect(r.until).toBe("2026-10-31");
    expect(store.get(JOURNALS_JOB_KEY)).toBeNull();
    expect(sheetsOf(wb)).toBe(sheetsOf(whole));
  });
});
