/**
 * The built artifact, as Apps Script runs it: dist/Code.js loaded into a bare `vm` context
 * (no require, no process, no module) with the in-memory fakes as the only globals. Every
 * top-level function must exist, be one of main.ts's exports, and run.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import * as main from "../../src/apps-script/main.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { demoYearOf } from "../../src/core/school-year.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { manifestScopes, requiredScopes } from "../fakes/scopes.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { PINNED_DAYS } from "../support/pinned-days.js";
import { pinContextClock } from "../support/vm-clock.js";
import { bundleEvents } from "./bundle-env.js";

const root = new URL("../../", import.meta.url).pathname;
let code = "";

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
}, 60_000);

/** The demo as `init --demo` makes it on `today`, in a bare context whose clock is pinned there. */
function bareContext(at = "2026-11-24T09:00:00Z") {
  const today = at.slice(0, 10);
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: demoYearOf(today), lang: "ru", today });
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
    htmlFiles: { Sidebar: readFileSync(`${root}dist/Sidebar.html`, "utf8") },
  });
  const context = vm.createContext({ ...fakes.globals, console });
  pinContextClock(context, at);
  vm.runInContext(code, context, { filename: "Code.js" });
  return { fakes, context: context as Record<string, unknown> };
}

describe("dist/Code.js in a bare V8 context", () => {
  it("declares a top-level function for every export of main.ts and nothing else", () => {
    const declared = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]).sort();
    expect(declared).toEqual(Object.keys(main).sort());
    for (const h of Object.values(HANDLERS)) expect(declared).toContain(h);
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|^export /m);
  });

  it("runs with no Node globals at all", () => {
    const { context } = bareContext();
    expect(context.require).toBeUndefined();
    expect(context.process).toBeUndefined();
    expect(typeof context.onOpen).toBe("function");
  });

  it("every entry point runs against the fakes", () => {
    const { context, fakes } = bareContext();
    // Alphabetical: menuCreateForm runs before onFeedbackSubmit answers its form.
    const names = Object.keys(main).sort();
    const events = bundleEvents(fakes);
    for (const name of names) {
      const fn = context[name] as (...a: unknown[]) => unknown;
      const args = events[name]?.() ?? [];
      expect(() => fn(...args), name).not.toThrow();
    }
    // No scope missing (every call above passed the manifest), and none to spare: each scope
    // of appsscript.json is the only one that lets some call made above through.
    const called = Object.keys(fakes.calls.byMethod);
    for (const scope of manifestScopes()) {
      const rest = new Set(manifestScopes().filter((s) => s !== scope));
      const needs = called.filter((m) => {
        const req = requiredScopes(m);
        return req !== null && !req.some((s) => rest.has(s));
      });
      expect(needs, scope).not.toEqual([]);
    }
    // onOpen built the menu; setup and check left their marks.
    expect(fakes.ui.menus[0].caption).toBe("Дистанционное обучение");
    const tabs = fakes.spreadsheet.getSheets().map((s) => s.getName());
    expect(tabs).toEqual(
      expect.arrayContaining(["Проблемы", "Сводная 2026-10", "Отзывы родителей", "Присутствие в СДО"]),
    );
    expect(fakes.ui.alerts.map((a) => a.prompt)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(Проблем не найдено|Найдено)/)]),
    );
    const feedback = new SheetsWorkbook(
      fakes.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
    )
      .read(["Отзывы родителей"])
      .get("Отзывы родителей")!.values;
    expect(feedback.flat()).toContain('=HYPERLINK("http://x","y")');
  });

  it.each(PINNED_DAYS)(
    "on $today the entry points follow the pinned day: the trigger, the sidebar, today's lesson",
    (day) => {
      const { context, fakes } = bareContext(day.at);
      const call = (name: string, ...a: unknown[]) => (context[name] as (...x: unknown[]) => unknown)(...a);
      call(HANDLERS.monthlyReport);
      const tabs = () => fakes.spreadsheet.getSheets().map((s) => s.getName());
      expect(tabs().includes(`Сводная ${day.triggerMonth}`)).toBe(day.triggerRuns);
      const ctx = JSON.parse(JSON.stringify(call("sidebarRpc", "context", {}))) as {
        value: { today: string; reportMonth: string };
      };
      expect(ctx.value.today).toBe(day.today);
      expect(ctx.value.reportMonth).toBe(day.reportMonth);
      const lesson = call("sidebarRpc", "lessonLoad", { groupId: "G01" }) as { value: { date: string } };
      expect(lesson.value.date).toBe(day.g01Lesson);
    },
  );
});
