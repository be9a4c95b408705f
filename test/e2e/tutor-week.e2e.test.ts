/**
 * Issue 21 in a real browser (Debian's chromium via playwright-core): a tutor's week of a
 * 15-student group entered with the keyboard only and saved in one call, the focused row kept
 * above the sticky save bar, the unsaved-changes guard, the reload that keeps other edits,
 * Enter skipping disabled fields, long names, colours per code, lang and title, the access rule,
 * and the preview refusing a foreign Host (DNS rebinding) while its CSP lets the page run.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSidebar } from "../../sidebar/build.mjs";
import { writeDemoSchool } from "../../src/app/demo.js";
import { updateJournals } from "../../src/app/journals.js";
import { cellText } from "../../src/core/cells.js";
import { parseJournal } from "../../src/core/journal/parse.js";
import { type Preview, startPreview } from "../../src/node/preview/server.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./harness.js";

const ARGS = CHROMIUM_ARGS;
const USER = "r01@school7.example";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const LONG = "Оченьдлинноеимябезединогопробелакотороераньшерастягивалопанельдовосьмисотпикселей";

describe.skipIf(!existsSync(CHROMIUM))("a tutor's week in the sidebar (chromium, preview, .xlsx)", () => {
  let dir: string;
  let file: string;
  let preview: Preview;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sidebar-week-"));
    file = join(dir, "school.xlsx");
    const wb = XlsxWorkbook.create(file);
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
    // G99: 15 students of the tutor R01, Monday and Wednesday.
    const ids = Array.from({ length: 15 }, (_, i) => `X${String(i + 1).padStart(4, "0")}`);
    wb.write([
      { sheet: "Группы", append: [["G99", "Большая группа", "Математика", "T01", "R01", null, null]] },
      {
        sheet: "Расписание",
        append: [
          ["G99", "Пн", "10:00", "10:45", "онлайн", day("2026-09-01"), day("2026-12-27")],
          ["G99", "Ср", "10:00", "10:45", "онлайн", day("2026-09-01"), day("2026-12-27")],
        ],
      },
      {
        sheet: "Учащиеся",
        append: ids.map((id, i) => [
          id,
          `Ученик ${String(i + 1).padStart(2, "0")}`,
          "9А",
          "обучается",
          null,
          null,
          null,
          null,
          "да",
          null,
          null,
        ]),
      },
      { sheet: "Зачисления", append: ids.map((id) => [id, "G99", day("2026-09-01"), null]) },
    ]);
    updateJournals(wb, "2026-11-20");
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
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...ARGS, "--host-resolver-rules=MAP evil.test 127.0.0.1"],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(height = 760): Promise<{ page: Page; dialogs: string[]; console: string[] }> {
    const page = await browser.newPage({ viewport: { width: 300, height } });
    const dialogs: string[] = [];
    const console: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on("console", (m) => console.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(preview.url);
    await page.locator(".student").first().waitFor();
    return { page, dialogs, console };
  }

  async function sheet(name: string) {
    return (await XlsxWorkbook.open(file)).read([name]).get(name)?.values ?? [];
  }
  async function journal(group: string, date: string) {
    const j = parseJournal(`Журнал ${group}`, await sheet(`Журнал ${group}`));
    const c = j.columns.findIndex((x) => x.date === date);
    return {
      topic: c >= 0 ? j.columns[c].topic : "<none>",
      cells: new Map(j.rows.map((r) => [r.studentId, c >= 0 ? cellText(r.cells[c]) : "<none>"])),
    };
  }

  /** The focused element's row is fully visible: below the top edge and above the sticky save bar. */
  const focusVisible = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const row = (el?.closest(".student") ?? el) as HTMLElement | null;
      const bar = document.querySelector(".savebar")!.getBoundingClientRect();
      const r = row!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= bar.top + 0.5 ? "ok" : `row ${r.top}..${r.bottom}, bar at ${bar.top}`;
    });

  it("a week of a 15-student group with topics, a homework miss and two reasons: keyboard only, one save", async () => {
    const { page } = await open(640);
    const saves: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/rpc/") && !r.url().endsWith("/context"))
        saves.push(r.url().replace(/^.*\/rpc\//, ""));
    });
    // The flow and the group with the keyboard: focus the select and step through its options.
    await page.locator("#flow").focus();
    await page.keyboard.press("ArrowDown"); // «Неделя группы»
    await page.locator("#week-group").waitFor();
    await page.keyboard.press("Tab"); // the group select
    for (let i = 0; i < 20 && (await page.locator("#week-group").inputValue()) !== "G99"; i++)
      await page.keyboard.press("ArrowDown");
    expect(await page.locator("#week-group").inputValue()).toBe("G99");
    await page.locator('tr[data-id="X0001"]').waitFor(); // G99's week is loaded
    await page.keyboard.press("Tab"); // «← Пред.»: the week of 16.11
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#week-label").textContent()).toBe("Неделя с 16.11.2026");
    await page.keyboard.press("Tab"); // «След. →»
    await page.keyboard.press("Tab"); // Monday's topic
    await page.keyboard.type("Квадратные уравнения");
    await page.keyboard.press("Tab");
    await page.keyboard.type("№ 12–15");
    await page.keyboard.press("Tab"); // Wednesday's topic
    await page.keyboard.type("Теорема Виета");
    await page.keyboard.press("Tab"); // Wednesday's homework (none)
    await page.keyboard.press("Tab"); // the first cell: Ученик 01, Monday
    const mon = ["5", "н", "нз", "4", "5", "3", "4", "5", "4", "5", "5", "4", "3", "5", "4"];
    const wed = ["4", "5", "5", "б", "оп 4", "5", "4", "нз 3", "5", "4", "5", "3", "4", "5", "5"];
    for (const [i, v] of mon.entries()) {
      await page.keyboard.type(v);
      expect(await focusVisible(page), `Monday row ${i}`).toBe("ok");
      if (i < 14) await page.keyboard.press("Enter");
    }
    await page.keyboard.press("ArrowRight"); // Wednesday, row 15
    for (let i = 0; i < 14; i++) await page.keyboard.press("ArrowUp");
    for (const [i, v] of wed.entries()) {
      await page.keyboard.type(v);
      expect(await focusVisible(page), `Wednesday row ${i}`).toBe("ok");
      if (i < 14) await page.keyboard.press("Enter");
    }
    await page.keyboard.press("Tab"); // the reasons: Ученик 02 on Monday, Ученик 04 on Wednesday
    expect(await focusVisible(page)).toBe("ok");
    await page.keyboard.type("Семейные обстоятельства");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Справка от врача");
    await page.keyboard.press("Tab"); // «Сохранить»
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("week-save");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe("Сохранено отметок: 30 (уроков: 2)");
    expect(saves.filter((s) => s === "weekSave")).toHaveLength(1);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "sidebar-week.png"), fullPage: true });

    const ids = Array.from({ length: 15 }, (_, i) => `X${String(i + 1).padStart(4, "0")}`);
    const m = await journal("G99", "2026-11-16");
    const w = await journal("G99", "2026-11-18");
    expect(ids.map((id) => m.cells.get(id))).toEqual(mon);
    expect(ids.map((id) => w.cells.get(id))).toEqual(wed);
    expect([m.topic, w.topic]).toEqual(["Квадратные уравнения\nДЗ: № 12–15", "Теорема Виета"]);
    const reasons = (await sheet("Причины пропусков")).slice(1).map((r) => [r[0], r[1], r[3], r[4]]);
    expect(reasons).toEqual([
      ["X0002", "G99", "Семейные обстоятельства", USER],
      ["X0004", "G99", "Справка от врача", USER],
    ]);
    await page.close();
  });

  it("keeps the focused row above the sticky save bar typing down a long lesson; Enter skips disabled marks", async () => {
    const { page } = await open(480);
    const n = await page.locator(".student").count();
    expect(n).toBeGreaterThan(10);
    await page.locator('.student[data-row="1"] [data-att="absent"]').click();
    await page.locator('.student[data-row="0"] input.mark').focus();
    await page.keyboard.type("5");
    await page.keyboard.press("Enter"); // row 1 is absent: its mark is disabled and skipped
    expect(
      await page.evaluate(() => document.activeElement?.closest(".student")?.getAttribute("data-row")),
    ).toBe("2");
    for (let i = 2; i < n; i++) {
      await page.keyboard.type(String((i % 5) + 1));
      expect(await focusVisible(page), `row ${i}`).toBe("ok");
      if (i < n - 1) await page.keyboard.press("Enter");
    }
    await page.close();
  });

  it("asks before unsaved marks are dropped: flow switch, lesson switch, closing the page", async () => {
    const { page, dialogs } = await open();
    await page.locator('.student[data-row="0"] input.mark').fill("4");
    await page.locator("#flow").selectOption("student");
    // The confirm is answered asynchronously by the page's dialog handler: wait for it.
    await expect
      .poll(() => dialogs.at(-1))
      .toBe("confirm: Есть несохранённые изменения. Уйти и потерять их?");
    await expect.poll(() => page.locator("#flow").inputValue()).toBe("lesson");
    expect(await page.locator('.student[data-row="0"] input.mark').inputValue()).toBe("4");
    const before = await page.locator("#lesson-date").inputValue();
    await page.locator("#lesson-date").selectOption({ index: 0 });
    await expect.poll(() => dialogs.length).toBe(2);
    await expect.poll(() => page.locator("#lesson-date").inputValue()).toBe(before);
    // Closing or reloading: the beforeunload handler asks the browser to confirm.
    const asks = () =>
      page.evaluate(() => {
        const e = new Event("beforeunload", { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    await expect.poll(asks).toBe(true);
    await page.locator('.student[data-row="0"] input.mark').fill("");
    await expect.poll(asks).toBe(false);
    await page.close();
  });

  it("after a refused save, «Загрузить заново» keeps the other edits and shows the other person's value", async () => {
    const { page } = await open();
    const ids = await page
      .locator(".student")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
    // Today's column first (a save creates it), then the edits.
    await page.locator('.student[data-row="0"] input.mark').fill("4");
    await page.locator("#lesson-save").click();
    await expect
      .poll(() => page.locator('.savebar [role="status"]').textContent())
      .toMatch(/^Сохранено отметок: 1 /);
    await page.locator('.student[data-row="1"] input.mark').fill("5");
    await page.locator('.student[data-row="3"] [data-att="ill"]').click();
    await page.locator('.student[data-row="3"] input.reason').fill("ОРВИ");
    await page.locator('.student[data-row="6"] input.mark').fill("3");
    // Someone else writes row 6's cell meanwhile.
    const wb = await XlsxWorkbook.open(file);
    const j = parseJournal("Журнал G01", wb.read(["Журнал G01"]).get("Журнал G01")!.values);
    const col = j.columns.find((c) => c.date === "2026-11-23")!.col;
    const r = j.rows.find((x) => x.studentId === ids[6])!.row;
    wb.write([{ sheet: "Журнал G01", cells: [{ row: r, col, values: [[2]] }] }]);
    await new Promise((ok) => setTimeout(ok, 20));
    await wb.save();
    await page.locator("#lesson-save").click();
    await expect
      .poll(() => page.locator('[role="alert"]').textContent())
      .toMatch(/уже изменили после загрузки/);
    await page.locator("#lesson-reload").click();
    await expect
      .poll(() => page.locator('[role="status"]').first().textContent())
      .toMatch(/ваши изменения сохранены в 2 строк/);
    expect(await page.locator('.student[data-row="1"] input.mark').inputValue()).toBe("5");
    expect(await page.locator('.student[data-row="3"] input.reason').inputValue()).toBe("ОРВИ");
    expect(await page.locator('.student[data-row="6"] input.mark').inputValue()).toBe("2");
    await page.locator("#lesson-save").click();
    await expect
      .poll(() => page.locator('.savebar [role="status"]').textContent())
      .toMatch(/^Сохранено отметок: 2 /);
    const after = await journal("G01", "2026-11-23");
    expect([ids[1], ids[3], ids[6]].map((id) => after.cells.get(id))).toEqual(["5", "б", "2"]);
    await page.close();
  }, 30_000);

  it("enters «нз» and a code with a mark from the keyboard; every code has its own colour and letter", async () => {
    const { page } = await open();
    const ids = await page
      .locator(".student")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
    await page.locator('.student[data-row="8"] [role="radio"][tabindex="0"]').focus();
    await page.keyboard.press("m"); // «нз» on row 8, stays there
    expect(await page.locator('.student[data-row="8"] .missing').getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("3"); // нз 3, on to row 9
    await page.keyboard.press("l"); // row 9 late, on to row 10
    await page.locator('.student[data-row="9"] input.mark').fill("4");
    const colours = new Set<string>();
    for (const [i, a] of ["present", "absent", "excused", "ill", "late"].entries()) {
      const b = page.locator(`.student[data-row="${11 + i}"] [data-att="${a}"]`);
      await b.click();
      colours.add(await b.evaluate((e) => getComputedStyle(e).backgroundColor));
      expect((await b.textContent())?.trim()).toBe(["✓", "н", "у", "б", "оп"][i]);
    }
    expect(colours.size).toBe(5);
    await page.keyboard.press("Control+Enter");
    await expect
      .poll(() => page.locator('.savebar [role="status"]').textContent())
      .toMatch(/^Сохранено отметок/);
    const after = await journal("G01", "2026-11-23");
    expect([ids[8], ids[9]].map((id) => after.cells.get(id))).toEqual(["нз 3", "оп 4"]);
    await page.close();
  });

  it("wraps a long name in 300 px (tooltip = the name), says lang and title, Russian labels without gender", async () => {
    const { page } = await open();
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      "ru",
      "Дистанционное обучение",
    ]);
    expect(await page.locator('.student[data-row="0"] [data-att="absent"]').getAttribute("title")).toBe(
      "отсутствие",
    );
    expect(await page.locator('.student[data-row="0"] [data-att="ill"]').getAttribute("title")).toBe(
      "болезнь",
    );
    expect(await page.locator("#lesson-date").textContent()).not.toContain("нового столбца");
    await page.locator("#flow").selectOption("student");
    await page.locator("#student-name").fill(LONG);
    await page.locator("#student-class").fill("9а");
    await page.locator("#student-save").click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toMatch(/сохранён$/);
    await page.locator("#flow").selectOption("enroll");
    await page.locator("#enroll-group").selectOption("G01");
    await page.locator("#enroll-candidates").waitFor();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(300);
    const id = await page.locator("#enroll-candidates input[data-id]").last().getAttribute("data-id");
    await page.locator(`#enroll-candidates input[data-id="${id}"]`).check();
    await page.locator("#enroll-save").click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toBe("Зачислено: 1");
    expect(await width()).toBeLessThanOrEqual(300);
    await page.locator("#flow").selectOption("lesson");
    const name = page.locator(`.student[data-id="${id}"] .name`);
    await name.waitFor();
    expect(await name.getAttribute("title")).toBe(LONG);
    expect(await width()).toBeLessThanOrEqual(300);
    await page.close();
  });

  it("lists the tutor's students at risk with the reason; «Сообщить родителям» drafts, never sends", async () => {
    const { page } = await open();
    const calls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/rpc/")) calls.push(r.url().replace(/^.*\/rpc\//, ""));
    });
    await page.locator("#flow").selectOption("risk");
    const items = page.locator("#risk-list li");
    await items.first().waitFor();
    expect(await page.locator(".gray").first().textContent()).toBe(
      "Месяц 2026-11, уроки по 23.11.2026; только ваши группы.",
    );
    const n = await items.count();
    let drafts = 0;
    for (let i = 0; i < n; i++) {
      const li = items.nth(i);
      expect(await li.locator(".gray").first().textContent()).toMatch(
        /пропущено \d+ из \d+ уроков|отметка за месяц|отметок за месяц/,
      );
      await li.locator("button.notify").click();
      const text = await li.locator("textarea").count();
      if (text) {
        drafts++;
        expect(await li.locator("textarea").inputValue()).toMatch(/Здравствуйте/);
      } else expect(await li.locator('[role="alert"]').textContent()).toMatch(/^Черновик не составлен/);
    }
    expect(drafts).toBeGreaterThan(0);
    expect(calls).toEqual(["riskList"]);
    await page.close();
  });

  it("refuses a group that is not the tutor's, naming the rule", async () => {
    const { page } = await open();
    const first = () => page.locator(".student").first().getAttribute("data-id");
    const g01 = await first();
    await page.locator("#lesson-group").selectOption("G03");
    await expect.poll(first).not.toBe(g01); // G03's students are shown
    await page.locator('.student[data-row="0"] input.mark').fill("5");
    await page.locator("#lesson-save").click();
    await expect
      .poll(() => page.locator('.savebar [role="alert"]').textContent())
      .toMatch(/^Правило доступа: учитель и тьютор заполняют журнал только своих групп/);
    await page.close();
  });

  it("refuses a foreign Host (DNS rebinding) in the browser; the page runs under its CSP", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`http://evil.test:${preview.port}/`);
    expect(res?.status()).toBe(403);
    const rpc = await page.evaluate(() =>
      fetch("/rpc/context", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }).then((r) => r.status),
    );
    expect(rpc).toBe(403);
    await page.close();
    const { page: ok, console } = await open();
    expect(console.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    expect(errors).toEqual([]);
    await ok.close();
  });
});
