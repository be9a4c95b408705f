/**
 * The sidebar server over the Apps Script fakes: the demo school (journals filled up to
 * 20.11.2026) in a fake spreadsheet, read and written through SheetsWorkbook under the real
 * documentLock, as the tutor R01 on Monday 23.11.2026.
 */
import { writeDemoSchool } from "../../../src/app/demo.js";
import { updateJournals } from "../../../src/app/journals.js";
import { createSidebarServer, type SidebarServer } from "../../../src/app/sidebar/index.js";
import { documentLock } from "../../../src/apps-script/lock.js";
import { SheetsWorkbook } from "../../../src/apps-script/sheets-workbook.js";
import type { CellValue } from "../../../src/core/cells.js";
import { createFakes, type Fakes, type SeedValue } from "../../fakes/index.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

export const NOW = new Date("2026-11-23T09:00:00Z");
export const USER = "r01@school7.example";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * The demo school's sheets; with `group`, one more group G99 (Mon/Wed 10:00) of that many
 * new students, its journal generated up to 20.11.2026.
 */
export function demoSheets(opts: { group?: number } = {}): Record<string, CellValue[][]> {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
  if (opts.group !== undefined) {
    const s = wb.sheets;
    s.get("Группы")!.push(["G99", "Большая группа", "Математика", "T01", "R01", "", ""]);
    s.get("Расписание")!.push(
      ["G99", "Пн", "10:00", "10:45", "онлайн", day("2026-09-01"), day("2026-12-27")],
      ["G99", "Ср", "10:00", "10:45", "онлайн", day("2026-09-01"), day("2026-12-27")],
    );
    for (let i = 1; i <= opts.group; i++) {
      const id = `X${String(i).padStart(4, "0")}`;
      s.get("Учащиеся")!.push([
        id,
        `Ученик ${String(i).padStart(4, "0")}`,
        "9А",
        "обучается",
        null,
        null,
        null,
        null,
        "да",
        null,
        null,
      ]);
      s.get("Зачисления")!.push([id, "G99", day("2026-09-01"), null]);
    }
    updateJournals(wb, "2026-11-20");
  }
  return Object.fromEntries(wb.sheets);
}

export interface Setup {
  fakes: Fakes;
  wb: SheetsWorkbook;
  server: SidebarServer;
  /** A sheet's values as the port reads them. */
  read(sheet: string): CellValue[][];
  restore(): void;
}

export function setup(sheets: Record<string, CellValue[][]> = demoSheets(), user = USER): Setup {
  const fakes = createFakes({
    spreadsheet: { sheets: sheets as Record<string, SeedValue[][]> },
    now: () => NOW,
    activeUser: user,
  });
  const restore = fakes.install();
  const wb = new SheetsWorkbook(fakes.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);
  const server = createSidebarServer({ wb, lock: documentLock, clock: { now: () => NOW }, user });
  return {
    fakes,
    wb,
    server,
    read: (sheet) => wb.read([sheet]).get(sheet)?.values ?? [],
    restore,
  };
}

/** What the call throws (a UserError), or fails the test when it does not throw. */
export function thrown(f: () => unknown): { code: string; msg: { ru: string; en: string } } {
  try {
    f();
  } catch (e) {
    return e as { code: string; msg: { ru: string; en: string } };
  }
  throw new Error("expected an error");
}
