/**
 * The sidebar in a real browser (Debian's chromium driven by playwright-core; never a
 * downloaded browser): the preview server on a free port over a temp copy of the demo school,
 * the lesson entry done with the mouse and then with the keyboard only, the .xlsx read back;
 * a student named like an XSS payload shown as text; a screenshot in test-artifacts/.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellText } from "../../src/core/cells.js";
import { parseJournal } from "../../src/core/journal/parse.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";
import { CHROMIUM, type DemoBrowser, demoBrowser, hasChromium } from "./harness.js";

const USER = "r01@school7.example";
const XSS = "<img src=x onerror=alert(1)>";
const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;

if (!hasChromium)
  console.warn(`e2e: skipped — ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`);

describe.skipIf(!hasChromium)("the sidebar in a real browser (preview server, demo .xlsx)", () => {
  let h: DemoBrowser;
  let dir: string;
  let file: string;
  let errors: string[];
  let dialogs: string[];

  beforeAll(async () => {
    h = await demoBrowser({
      prefix: "sidebar-e2e-",
      user: USER,
      today: "2026-11-20",
      now: "2026-11-23T09:00:00Z",
    });
    ({ dir, file, errors, dialogs } = h);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  async function open(): Promise<Page> {
    const page = await h.page({ width: 320, height: 760 });
    await page.locator(".student").first().waitFor();
    return page;
  }

  /** The journal cells of the lesson, by student ID, as the .xlsx holds them now. */
  async function journal(date: string): Promise<Map<string, string>> {
    const wb = await XlsxWorkbook.open(file);
    const j = parseJournal("Журнал G01", wb.read(["Журнал G01"]).get("Журнал G01")!.values);
    const c = j.columns.findIndex((x) => x.date === date);
    return new Map(j.rows.map((r) => [r.studentId, c >= 0 ? cellText(r.cells[c]) : "<none>"]));
  }

  /** A key of the Russian layout, as the browser gets it from the OS (Playwright knows only US keys). */
  async function pressRussian(page: Page, key: string, code: string): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key, code, text: key });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key, code });
    await cdp.detach();
  }

  const ids = (page: Page) =>
    page.locator(".student").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));

  it("enters a lesson with the mouse: own group and today's lesson preselected, saved into the .xlsx", async () => {
    const page = await open();
    expect(await page.locator("#lesson-group").inputValue()).toBe("G01");
    expect(await page.locator("#lesson-date").inputValue()).toBe("2026-11-23#1");
    const rows = await ids(page);
    expect(rows.length).toBeGreaterThan(10);
    expect((await journal("2026-11-23")).get(rows[0])).toBe("<none>");

    const row = (i: number) => page.locator(`.student[data-row="${i}"]`);
    await row(0).locator("input.mark").fill("5");
    await row(1).locator('[data-att="absent"]').click();
    await row(2).locator('[data-att="ill"]').click();
    await row(3).locator("input.mark").fill("4");
    expect(await row(1).locator("input.mark").isDisabled()).toBe(true);
    await page.locator("#lesson-save").click();
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toMatch(/^Сохранено отметок: 4 \(Журнал G01!/);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "sidebar.png") });

    const cells = await journal("2026-11-23");
    expect(rows.slice(0, 5).map((id) => cells.get(id))).toEqual(["5", "н", "б", "4", ""]);
    const wb = await XlsxWorkbook.open(file);
    const audit = wb.read(["Аудит"]).get("Аудит")!.values.slice(1);
    // The new columns (Saturday 21.11, not yet in the journal, and 23.11) + 4 cells.
    expect(audit.filter((r) => r[1] === USER && r[2] === "lesson")).toHaveLength(6);
    await page.close();
  });

  it("enters a lesson with the keyboard only (Tab, arrows, digits, Enter, Ctrl+Enter)", async () => {
    const page = await open();
    const rows = await ids(page);
    // Tab from the top of the page to the first student's attendance buttons.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      if (
        await page.evaluate(
          () => document.activeElement?.closest(".student")?.getAttribute("data-row") === "0",
        )
      )
        break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("radio");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown"); // row 4
    await page.keyboard.press("5"); // row 4: 5, on to row 5
    await pressRussian(page, "н", "KeyY"); // row 5: absent, on to row 6
    await page.keyboard.press("3"); // row 6: 3, on to row 7
    await page.keyboard.press("ArrowRight"); // row 7: н
    await page.keyboard.press("ArrowRight"); // row 7: у
    await page.keyboard.press("Tab"); // row 7's mark is disabled: on to its absence reason
    await page.keyboard.type("справка");
    await page.keyboard.press("Tab"); // row 8's buttons
    await page.keyboard.press("Tab"); // row 8's mark field
    await page.keyboard.type("5/4");
    await page.keyboard.press("Enter"); // row 9's mark field
    await page.keyboard.type("4+");
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => page.locator('[role="status"]').textContent()).toMatch(/^Сохранено отметок: 6 /);
    const cells = await journal("2026-11-23");
    expect(rows.slice(3, 11).map((id) => cells.get(id))).toEqual(["4", "5", "н", "3", "у", "5/4", "4+", ""]);
    await page.close();
  });

  it("shows a student named like markup as text: no element, no alert", async () => {
    const page = await open();
    await page.locator("#flow").selectOption("student");
    const id = await page.locator("#student-id").inputValue();
    await page.locator("#student-name").fill(XSS);
    await page.locator("#student-class").fill("9а");
    await page.locator("#student-consent").selectOption("yes");
    await page.locator("#student-save").click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toBe(`Учащийся ${id} сохранён`);

    await page.locator("#flow").selectOption("enroll");
    await page.locator("#enroll-group").selectOption("G01");
    await page.locator(`#enroll-candidates input[data-id="${id}"]`).check();
    await page.locator("#enroll-save").click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toBe("Зачислено: 1");

    await page.locator("#flow").selectOption("lesson");
    const name = page.locator(`.student[data-id="${id}"] .name`);
    await name.waitFor();
    expect(await name.textContent()).toBe(XSS);
    expect(await name.evaluate((e) => e.innerHTML)).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(await page.locator("img").count()).toBe(0);
    // A mark for the new student adds their journal row in the same save.
    await page.locator(`.student[data-id="${id}"] input.mark`).fill("5");
    await page.locator("#lesson-save").click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toMatch(/^Сохранено отметок: 1 /);
    expect((await journal("2026-11-23")).get(id)).toBe("5");
    const wb = await XlsxWorkbook.open(file);
    expect(
      wb
        .read(["Учащиеся"])
        .get("Учащиеся")!
        .values.find((r) => r[0] === id)
        ?.slice(1, 3),
    ).toEqual([XSS, "9А"]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("builds the monthly report and shows where the document is", async () => {
    const page = await open();
    await page.locator("#flow").selectOption("report");
    expect(await page.locator("#report-month").inputValue()).toBe("2026-10");
    await page.locator("#report-build").click();
    await page.locator("#report-done").waitFor({ timeout: 20_000 });
    const path = join(dir, "report-2026-10.docx");
    expect(await page.locator("#report-done code").textContent()).toBe(path);
    expect(existsSync(path)).toBe(true);
    await page.close();
  });

  it("shows a refused stale save as a message in the sidebar, and the file keeps the other person's mark", async () => {
    const page = await open();
    const rows = await ids(page);
    const target = rows[12];
    // Someone else writes the cell into the file after the page loaded it.
    const wb = await XlsxWorkbook.open(file);
    const j = parseJournal("Журнал G01", wb.read(["Журнал G01"]).get("Журнал G01")!.values);
    const col = j.columns.find((c) => c.date === "2026-11-23")!.col;
    const r = j.rows.find((x) => x.studentId === target)!.row;
    wb.write([{ sheet: "Журнал G01", cells: [{ row: r, col, values: [["2"]] }] }]);
    await new Promise((ok) => setTimeout(ok, 20)); // a different mtime
    await wb.save();
    await page.locator('.student[data-row="12"] input.mark').fill("5");
    await page.locator("#lesson-save").click();
    await expect
      .poll(() => page.locator('[role="alert"]').textContent())
      .toMatch(/уже изменили после загрузки/);
    expect((await journal("2026-11-23")).get(target)).toBe("2");
    expect(errors).toEqual([]);
    await page.close();
  });
});
