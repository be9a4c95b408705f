import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { runJournals, runScheduleCheck } from "../../src/apps-script/actions/schedule-journals.js";
import { runCheck, runSetup } from "../../src/apps-script/actions/setup-check.js";
import { workbookLang } from "../../src/apps-script/env.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { buildMenu, MENU } from "../../src/apps-script/menu.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { setMonthly } from "../../src/apps-script/triggers.js";
import type { CellValue } from "../../src/core/cells.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";
import { HAND_MADE } from "../fixtures/hand-made.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

let restore: (() => void) | undefined;
// The Apps Script clock adapter reads the platform's Date: pin it to the fakes' day.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-24T09:00:00Z"));
});
afterEach(() => {
  restore?.();
  vi.useRealTimers();
});

function withSheets(sheets: Record<string, CellValue[][]>, opts: { ui?: boolean } = {}): Fakes {
  const fakes = createFakes({
    spreadsheet: { sheets: sheets as Record<string, SeedValue[][]> },
    now: () => new Date("2026-11-24T09:00:00Z"),
    ui: opts.ui,
  });
  restore = fakes.install();
  return fakes;
}

function demoSheets(opts: { students?: number } = {}): Record<string, CellValue[][]> {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-10-20" });
  const sheets = Object.fromEntries(wb.sheets);
  if (opts.students) {
    // Grow the school: extra students enrolled in G01 (same groups, same lessons).
    const students = sheets.Учащиеся;
    const enrollments = sheets.Зачисления;
    for (let i = 0; i < opts.students; i++) {
      const id = `X${String(i).padStart(4, "0")}`;
      students.push([id, `Ученик ${i}`, "9А", "обучается", null, null, null, null, "да", null, null]);
      enrollments.push([id, "G01", new Date(Date.UTC(2026, 8, 1)), null]);
    }
  }
  return sheets;
}

const read = (f: Fakes, name: string) =>
  new SheetsWorkbook(f.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
    .read([name])
    .get(name)?.values ?? [];

describe("the menu", () => {
  it("is built in the workbook's language from the one handler list", () => {
    const f = withSheets({
      Settings: [
        ["Key", "Value"],
        ["Language", "en"],
      ],
    });
    buildMenu(SpreadsheetApp.getUi(), workbookLang());
    expect(f.ui.menus[0].caption).toBe("Distance learning");
    expect(f.ui._functionNames()).toEqual(MENU.filter((m) => m !== null).map((m) => m!.handler));
    for (const name of f.ui._functionNames()) expect(Object.values(HANDLERS)).toContain(name);
  });

  it("reads nothing before authorization (AuthMode.NONE) and speaks Russian", () => {
    const f = withSheets({
      Settings: [
        ["Key", "Value"],
        ["Language", "en"],
      ],
    });
    f.reset();
    expect(workbookLang({ authMode: ScriptApp.AuthMode.NONE })).toBe("ru");
    expect(f.calls.count(/getValues/)).toBe(0);
  });
});

describe("«Настроить книгу» and «Проверить данные» in Apps Script", () => {
  it("sets up an empty spreadsheet once; a rerun changes nothing", () => {
    const f = withSheets({ Лист1: [] });
    runSetup();
    expect(f.spreadsheet.getSheets().map((s) => s.getName())).toContain("Учащиеся");
    expect(f.ui.alerts[0].prompt).toMatch(/^Созданы листы: Настройки, Учащиеся/);
    expect(f.spreadsheet._sheet("Учащиеся")!.getFrozenRows()).toBe(1);
    const before = JSON.stringify(read(f, "Учащиеся"));
    runSetup();
    expect(f.ui.alerts[1].prompt).toBe("Все листы на месте; данные не изменены.");
    expect(JSON.stringify(read(f, "Учащиеся"))).toBe(before);
  });

  it("writes every problem to «Проблемы» with a clickable link to its cell", () => {
    const f = withSheets(HAND_MADE);
    runCheck();
    const problems = f.spreadsheet._sheet("Problems")!;
    const formulas = problems.getRange(2, 1, 3, 1).getFormulas().flat();
    const gid = f.spreadsheet._sheet("Students")!.getSheetId();
    expect(formulas).toContain(`=HYPERLINK("#gid=${gid}&range=D5","Students!D5")`);
    expect(f.ui.alerts[0].prompt).toMatch(/^Found: \d+ errors, \d+ warnings\. Details/);
  });
});

describe("the cell limit", () => {
  it("«Проверить данные» warns on «Проблемы» at 80 % of the 10,000,000 cells, naming the biggest sheets", () => {
    const f = withSheets(demoSheets());
    runCheck();
    expect(read(f, "Проблемы").flat().join(" ")).not.toMatch(/предела Google Таблиц/);
    // 300 tabs of 1000 × 26 (7.8 M cells) plus the demo school's sheets: past 80 %.
    for (let i = 0; i < 300; i++) f.spreadsheet.insertSheet(`Старый ${i}`);
    f.spreadsheet._sheet("Старый 7")!.insertColumnsAfter(26, 100);
    runCheck();
    const text = read(f, "Проблемы").flat().join(" ");
    expect(text).toMatch(/В книге [\d ]+ ячеек — 8\d % предела Google Таблиц \(10 000 000\)/);
    expect(text).toContain("Старый 7 предупреждение cell-limit");
    expect(text).toContain("Самые большие: «Старый 7» 1000×126");
  });
});

describe("journals and schedule in Apps Script", () => {
  function journalCalls(students: number): number {
    const f = withSheets(demoSheets({ students }));
    // Remove the journals so the run creates them all, then count a second, updating run.
    runJournals();
    f.reset();
    runJournals();
    const calls = f.calls.total;
    restore?.();
    restore = undefined;
    return calls;
  }

  it("update the journals with a number of service calls that does not grow with students", () => {
    expect(journalCalls(300)).toBe(journalCalls(0));
  });

  it("protects each journal for its teacher and tutor and keeps the data", () => {
    const f = withSheets(demoSheets());
    const before = read(f, "Журнал G01");
    runJournals();
    const after = read(f, "Журнал G01");
    expect(after.slice(0, before.length).map((r) => r.slice(0, before[0].length))).toEqual(before);
    const editors = f.spreadsheet
      ._sheet("Журнал G01")!
      .getProtections("SHEET" as never)
      .flatMap((p) => p.getEditors().map((u) => u.getEmail()));
    expect(editors).toEqual(expect.arrayContaining(["t01@school7.example", "r01@school7.example"]));
  });

  it("«Проверить расписание» lists a conflict in «Проблемы»", () => {
    const sheets = demoSheets();
    sheets.Расписание.push(["G02", "Пн", "14:15", "15:00", "онлайн", null, null]);
    const f = withSheets(sheets);
    runScheduleCheck();
    const rows = read(f, "Проблемы");
    expect(rows.some((r) => String(r[3]).includes("одновременно"))).toBe(true);
    expect(f.ui.alerts[0].prompt).toContain("Проблемы");
  });
});

describe("the monthly trigger", () => {
  it("is installed once however often it is switched on, and removed when switched off", () => {
    const f = withSheets({ Лист1: [] });
    setMonthly(true, "Europe/Moscow");
    setMonthly(true, "Europe/Moscow");
    const mine = () =>
      f.scriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HANDLERS.monthlyReport);
    expect(mine()).toHaveLength(1);
    expect(mine()[0].schedule).toMatchObject({ onMonthDay: 1, atHour: 5, timeZone: "Europe/Moscow" });
    setMonthly(false, "Europe/Moscow");
    expect(mine()).toHaveLength(0);
  });
});
