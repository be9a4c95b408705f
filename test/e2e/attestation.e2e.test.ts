/**
 * «Результаты аттестации» in a real browser (Debian's chromium via playwright-core, as the
 * lesson flow's e2e): the preview server over a temp copy of the demo school, as the tutor R01
 * (assistant of A02); results typed with the keyboard only, a bad token marked and refused
 * before any call, Ctrl+Enter saves, the .xlsx read back; a comment like an XSS payload stays text.
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
const USER = "r01@school7.example";
const XSS = "<img src=x onerror=alert(1)>";
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)("attestation results in a real browser (preview server, demo .xlsx)", () => {
  let dir: string;
  let file: string;
  let preview: Preview;
  let browser: Browser;
  const errors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "attestation-e2e-"));
    file = join(dir, "school.xlsx");
    const wb = XlsxWorkbook.create(file);
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
    await wb.save();
    const { path } = await buildSidebar(dir);
    preview = await startPreview({
      file,
      port: 0,
      user: USER,
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

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 320, height: 760 } });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(preview.url);
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
