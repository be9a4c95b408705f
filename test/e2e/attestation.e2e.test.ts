/**
 * «Результаты аттестации» in a real browser (Debian's chromium via playwright-core, as the
 * lesson flow's e2e): the preview server over a temp copy of the demo school, as the tutor R01
 * (assistant of A02); results typed with the keyboard only, a bad token marked and refused
 * before any call, Ctrl+Enter saves, the .xlsx read back; a comment like an XSS payload stays text.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";
import { type DemoBrowser, demoBrowser, hasChromium } from "./harness.js";

const USER = "r01@school7.example";
const XSS = "<img src=x onerror=alert(1)>";

describe.skipIf(!hasChromium)("attestation results in a real browser (preview server, demo .xlsx)", () => {
  let h: DemoBrowser;
  let file: string;
  let errors: string[];
  let dialogs: string[];

  beforeAll(async () => {
    h = await demoBrowser({
      prefix: "attestation-e2e-",
      user: USER,
      today: "2026-11-20",
      now: "2026-11-23T09:00:00Z",
    });
    ({ file, errors, dialogs } = h);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  async function open(): Promise<Page> {
    const page = await h.page({ width: 320, height: 760 });
    await page.locator(".student").first().waitFor();
    await page.locator("#flow").selectOption("attestation");
    await page.locator(".student.result-row").first().waitFor();
    return page;
  }

  async function sheet(name: string): Promise<Map<string, [string, string]>> {
    const wb = await XlsxWorkbook.open(file);
    const rows = wb.read([name]).get(name)!.values.slice(1);
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    return new Map(rows.map((r) => [text(r[0]), [text(r[2]), text(r[3])]]));
  }

  it("enters results with the keyboard only and saves them into the .xlsx", async () => {
    const page = await open();
    expect(await page.locator("#attestation-id").inputValue()).toBe("A02");
    const before = await sheet("Аттестация A02");
    const ids = await page
      .locator(".student.result-row")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
    expect(ids.length).toBe(before.size);
    const result = (i: number) => page.locator(`.student[data-row="${i}"] input.result`);
    await result(0).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5");
    await page.keyboard.press("Enter"); // on to row 1
    await page.keyboard.press("Control+A");
    await page.keyboard.type("7");
    expect(await result(1).getAttribute("aria-invalid")).toBe("true");
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain("«7»");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("незач");
    await page.keyboard.press("Tab"); // to row 1's comment
    await page.keyboard.type(XSS);
    await page.keyboard.press("ArrowDown"); // row 2's comment
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Control+Enter");
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toMatch(/^Сохранено ячеек: 3 \(Аттестация A02!/);
    const after = await sheet("Аттестация A02");
    expect(after.get(ids[0])).toEqual(["5", before.get(ids[0])![1]]);
    expect(after.get(ids[1])).toEqual(["незач", XSS]);
    for (const id of ids.slice(2)) expect(after.get(id)).toEqual(before.get(id));
    // The comment is shown as text, not markup.
    expect(await page.locator(".student img").count()).toBe(0);
    expect(await page.locator(`.student[data-row="1"] input.comment`).inputValue()).toBe(XSS);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 60_000);
});
