/**
 * The sidebar's new methods (issue 21) through the real Apps Script entry point: `sidebarRpc`
 * of the built dist/Code.js in a bare `vm` context over the fakes, the user from Session and
 * the time from the clock adapter — the week, the at-risk list, and the access rule.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import type { RpcEnvelope, WeekSheet } from "../../src/rpc/contract.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { pinContextClock } from "../support/vm-clock.js";

const root = new URL("../../", import.meta.url).pathname;
let code = "";
beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
}, 60_000);

function rpcAs(user: string) {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
    activeUser: user,
    now: () => new Date("2026-11-23T09:00:00Z"),
  });
  const context = vm.createContext({ ...fakes.globals, console });
  // The clock adapter reads the platform's Date: pinned to Monday 23.11.2026, as the fakes.
  pinContextClock(context, "2026-11-23T09:00:00Z");
  vm.runInContext(code, context, { filename: "Code.js" });
  const call = context.sidebarRpc as (m: string, p: unknown) => RpcEnvelope<unknown>;
  // Across the vm boundary: compare as JSON, as google.script.run would deliver it.
  return (m: string, p: unknown) =>
    JSON.parse(JSON.stringify(call(m, p))) as RpcEnvelope<Record<string, unknown>>;
}

describe("sidebarRpc in dist/Code.js: week, at-risk, access rule", () => {
  it("loads and saves a week, lists the tutor's students at risk", () => {
    const rpc = rpcAs("r01@school7.example");
    const w = rpc("weekLoad", { groupId: "G01", date: "2026-11-16" });
    if (!w.ok) throw new Error(w.error.en);
    const week = w.value as unknown as WeekSheet;
    expect(week.monday).toBe("2026-11-16");
    const l = week.lessons[0];
    const id = l.students[0].id;
    const next = l.students[0].cell === "н" ? "б" : "н";
    const saved = rpc("weekSave", {
      groupId: "G01",
      lessons: [
        {
          date: l.date,
          index: l.index,
          expected: { [id]: l.students[0].cell },
          values: { [id]: next },
          reasons: { [id]: "справка" },
        },
      ],
    });
    expect(saved).toMatchObject({ ok: true, value: { changed: 1 } });
    const risk = rpc("riskList", { date: "2026-10-10" });
    expect(risk).toMatchObject({ ok: true, value: { month: "2026-10", all: false } });
  });

  // The context's clock is pinned to Monday 23.11.2026: Wednesday's lesson is still ahead.
  it("refuses a lesson ahead of today for a tutor, naming the rule", () => {
    const rpc = rpcAs("r01@school7.example");
    const l = rpc("lessonLoad", { groupId: "G01", date: "2026-11-25" });
    if (!l.ok) throw new Error(l.error.en);
    const id = (l.value.students as { id: string }[])[0].id;
    const out = rpc("lessonSave", {
      groupId: "G01",
      date: "2026-11-25",
      index: 1,
      expected: { [id]: "" },
      values: { [id]: "5" },
    });
    expect(out).toMatchObject({
      ok: false,
      error: {
        code: "no-access",
        ru: expect.stringMatching(/^Правило доступа: урок можно отметить не позже его дня/),
      },
    });
  });
});
