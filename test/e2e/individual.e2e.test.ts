/**
 * Issue 17 in a real browser (Debian's chromium, playwright-core): «Индивидуальный план» —
 * a line corrected after the load check, the correction in the .xlsx — and «Достижение».
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";
import { type DemoBrowser, demoBrowser, hasChromium } from "./harness.js";

describe.skipIf(!hasChromium)("the individual student's flows in a real browser", () => {
  let h: DemoBrowser;
  let file: string;
  let errors: string[];

  beforeAll(async () => {
    h = await demoBrowser({
      prefix: "individual-e2e-",
      user: "k01@school7.example",
      today: "2026-11-20",
      now: "2026-11-23T09:00:00Z",
    });
    ({ file, errors } = h);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  async function open(flow: string): Promise<Page> {
    const page = await h.page({ width: 320, height: 900 });
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
