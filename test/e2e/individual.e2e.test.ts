/**
 * Issue 17 in a real browser (Debian's chromium, playwright-core): «Индивидуальный план» —
 * a line corrected after the load check, the correction in the .xlsx — and «Достижение».
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSidebar } from "../../sidebar/build.mjs";
import { writeDemoSchool } from "../../src/app/demo.js";
import { type Preview, startPreview } from "../../src/node/preview/server.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
];

describe.skipIf(!existsSync(CHROMIUM))("the individual student's flows in a real browser", () => {
  let dir: string;
  let file: string;
  let preview: Preview;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "individual-e2e-"));
    file = join(dir, "school.xlsx");
    const wb = XlsxWorkbook.create(file);
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
    await wb.save();
    const { path } = await buildSidebar(dir);
    preview = await startPreview({
      file,
      port: 0,
      user: "k01@school7.example",
      html: path,
      clock: { now: () => new Date("2026-11-23T09:00:00Z") },
      log: (e) => errors.push(String(e)),
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(flow: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(preview.url);
    await page.locator("#flow").waitFor();
    await page.locator("#flow").selectOption(flow);
    return page;
  }

  const sheet = async (name: string) => (await XlsxWorkbook.open(file)).read([name]).get(name)?.values ?? [];

  it("corrects a plan line after the load check; the .xlsx holds the change and its log row", async () => {
    const page = await open("plan");
    await page.locator("#plan-student").selectOption("S001");
    const option = page.locator("#plan-row option", { hasText: "Русский язык" });
    await option.waitFor({ state: "attached" });
    await page.locator("#plan-row").selectOption((await option.getAttribute("value")) as string);
    expect(await page.locator("#plan-hours").inputValue()).toBe("4");
    await page.locator("#plan-hours").fill("30");
    await page.locator("#plan-check-button").click();
    await page.locator("#plan-check").waitFor();
    expect(await page.locator("#plan-check").textContent()).toContain(
      "Нагрузка: 38 ч в неделю из 29 допустимых",
    );
    await page.locator("#plan-hours").fill("3");
    await page.locator("#plan-reason").fill("заявление родителей от 20.11.2026");
    await page.locator("#plan-save").click();
    await page.locator(".ok").waitFor();
    expect(await page.locator(".ok").textContent()).toMatch(/^Строка \d+ скорректирована: Часов в неделю$/);
    const log = await sheet("Корректировки ИУП");
    expect(log.at(-1)?.slice(1, 8)).toEqual([
      "S001",
      "Русский язык",
      expect.any(Number),
      "Часов в неделю",
      "4",
      "3",
      "заявление родителей от 20.11.2026",
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("adds an achievement to «Портфолио»", async () => {
    const page = await open("achievement");
    await page.locator("#ach-student").selectOption("S002");
    await page.locator("#ach-title").fill("Конкурс чтецов");
    await page.locator("#ach-level").selectOption("municipal");
    await page.locator("#ach-result").selectOption("winner");
    await page.locator("#ach-save").click();
    await page.locator(".ok").waitFor();
    const rows = await sheet("Портфолио");
    expect(rows.at(-1)?.slice(0, 6)).toEqual([
      "S002",
      new Date("2026-11-23T00:00:00Z"),
      null,
      "Конкурс чтецов",
      "муниципальный",
      "победитель",
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
