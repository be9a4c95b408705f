/** «Обновить журналы» past the time limit: its one-off continuation trigger finishes the saved day. */
import { afterEach, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { JOURNALS_JOB_KEY } from "../../src/app/journals-job.js";
import { continueJournals } from "../../src/apps-script/actions/schedule-journals.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { STORE_PREFIX } from "../../src/apps-script/store.js";
import { scheduleContinuation } from "../../src/apps-script/triggers.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function install(): Fakes {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-10-20" });
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
  });
  restore = fakes.install();
  return fakes;
}

const continuations = (f: Fakes) =>
  f.scriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HANDLERS.continueJournals);

describe("the continuation of «Обновить журналы»", () => {
  it("writes the saved day's journals, then removes its trigger and its checkpoint", () => {
    const f = install();
    const props = f.properties.getScriptProperties();
    props.setProperty(STORE_PREFIX + JOURNALS_JOB_KEY, JSON.stringify({ until: "2026-11-20" }));
    scheduleContinuation("Europe/Moscow", HANDLERS.continueJournals);
    expect(continuations(f)).toHaveLength(1);
    f.env.uiAvailable = false; // a trigger has no UI
    continueJournals();
    expect(continuations(f)).toHaveLength(0);
    expect(props.getProperty(STORE_PREFIX + JOURNALS_JOB_KEY)).toBeNull();
    const header = f.spreadsheet._sheet("Журнал G01")!.getRange("1:1").getValues()[0].filter(Boolean);
    expect(header.map(String)).toContain("18.11.2026");
  });

  it("without a checkpoint does nothing but remove its trigger", () => {
    const f = install();
    scheduleContinuation("Europe/Moscow", HANDLERS.continueJournals);
    const before = f.spreadsheet.getSheets().length;
    continueJournals();
    expect(continuations(f)).toHaveLength(0);
    expect(f.spreadsheet.getSheets().length).toBe(before);
  });
});
