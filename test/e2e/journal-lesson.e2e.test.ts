/**
 * Issue 20 (a) in a real browser (Debian's chromium): the built sidebar page in the journal
 * workbook's mode. google.script.run is a shim calling the journal-only dispatcher over a
 * journal workbook made by the sync: no flow to choose, the tutor's one tab, no absence
 * reason field; an absence marked with a click is saved into the tab.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSidebar } from "../../sidebar/build.mjs";
import { journalDispatch } from "../../src/app/journal-lesson.js";
import { syncJournalWorkbook } from "../../src/app/journal-split.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { presenceTables } from "../support/presence-school.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./harness.js";

const now = new Date("2026-12-02T18:00:00Z");
const G01 = "Журнал G01";

describe.skipIf(!existsSync(CHROMIUM))("the journal workbook's lesson screen (chromium)", () => {
  let dir: string;
  let html: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "journal-lesson-"));
    html = await readFile((await buildSidebar(dir)).path, "utf8");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows only the lesson flow of the tutor's tab and saves an absence into it", async () => {
    const master = new MemoryWorkbook(presenceTables());
    const journal = new MemoryWorkbook();
    const r = syncJournalWorkbook(master, journal, { now, who: "coordinator@school.ru", source: "j.xlsx" });
    const editors = new Map(r.tabs.map((t) => [t.sheet, t.editors]));
    const calls: string[] = [];
    const ports = {
      wb: journal,
      user: "orlov@school.ru",
      clock: { now: () => now },
      lock: { withLock: <T>(fn: () => T) => fn() },
      tabEditors: () => editors,
    };
    const page = await browser.newPage({ viewport: { width: 300, height: 760 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.exposeFunction("journalRpc", (method: string, payload: string) => {
      calls.push(method);
      return JSON.stringify(
        journalDispatch(ports, method, JSON.parse(payload), (e) => errors.push(String(e))),
      );
    });
    await page.addInitScript(() => {
      const bridge = (window as unknown as { journalRpc: (m: string, p: string) => Promise<string> })
        .journalRpc;
      const runner = (ok: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}) => ({
        withSuccessHandler: (f: (v: unknown) => void) => runner(f, fail),
        withFailureHandler: (f: (e: unknown) => void) => runner(ok, f),
        sidebarRpc: (m: string, p: unknown) => {
          bridge(m, JSON.stringify(p ?? {})).then((v) => ok(JSON.parse(v)), fail);
        },
      });
      (window as unknown as { google: unknown }).google = { script: { run: runner() } };
    });
    // Served at a made-up origin (never reaching the network) so the init script runs first.
    await page.route("http://journal.test/", (route) =>
      route.fulfill({ contentType: "text/html", body: html }),
    );
    await page.goto("http://journal.test/");
    await page
      .locator(".student")
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        throw new Error(`${e}\n${await page.locator("body").textContent()}\n${errors.join("\n")}\n${calls}`);
      });
    expect(await page.locator("#flow").count()).toBe(0);
    const names = await page.locator(".student .name").allTextContents();
    expect(names.map((n) => n.trim())).toEqual(["Иванов Иван", "Петрова Анна", "S003", "Кузнецова Мария"]);
    const anna = page.locator(".student").nth(1);
    await anna.locator('[data-att="absent"]').click();
    expect(await page.locator(".student .reason").count()).toBe(0);
    await page.locator("#lesson-save").click();
    await expect.poll(() => journal.sheets.get(G01)?.[3]?.[3] ?? null).toBe("н");
    expect(calls).toEqual(["context", "lessonLoad", "lessonSave"]);
    expect(errors).toEqual([]);
  }, 60_000);
});
