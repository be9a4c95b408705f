/**
 * Issue 20 in the fakes: the journal spreadsheet made by «Журналы для преподавателей», shared in
 * Drive with exactly the groups' staff; a tutor's account opens it and edits only its groups'
 * tabs, and cannot open the master; a tutor's mark comes back through the hourly trigger
 * (audited), a changed tutor loses access; the sync's round trips do not grow with students.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import {
  JOURNAL_BOOK_KEY,
  journalBookFromMenu,
  journalBookFromTrigger,
} from "../../src/apps-script/actions/journal-book.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { MENU } from "../../src/apps-script/menu.js";
import { STORE_PREFIX } from "../../src/apps-script/store.js";
import { canEditSheet, openAs, roleOf } from "../fakes/access.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";
import { presenceTables } from "../support/presence-school.js";

const COORDINATOR = "coordinator@school.ru";
const G01 = "Журнал G01";
let restore: (() => void) | undefined;
afterEach(() => restore?.());

function fakesOf(tables = presenceTables()): Fakes {
  return createFakes({
    spreadsheet: { sheets: tables as Record<string, SeedValue[][]> },
    activeUser: COORDINATOR,
    now: () => new Date("2026-12-02T18:00:00Z"),
  });
}

function install(tables = presenceTables()): Fakes {
  const f = fakesOf(tables);
  restore = f.install();
  return f;
}

const journalId = (f: Fakes) =>
  f.properties.getScriptProperties().getProperty(STORE_PREFIX + JOURNAL_BOOK_KEY)!;
const access = (f: Fakes) => ({
  open: (user: string, id: string) => openAs(f.spreadsheetApp, f.documents.drive, user, id),
  edit: (user: string, sheet: string) =>
    canEditSheet(f.spreadsheetApp, f.documents.drive, user, journalId(f), sheet),
  role: (user: string) => roleOf(f.spreadsheetApp, f.documents.drive, user, journalId(f)),
});

describe("the tutors' journal spreadsheet in Google", () => {
  it("is a menu item; holds only the journals; a tutor opens it, edits only their groups, not the master", () => {
    expect(
      MENU.some(
        (m) =>
          m?.handler === HANDLERS.journalBook && m.ru === "Журналы для преподавателей: создать / обновить",
      ),
    ).toBe(true);
    const f = install();
    journalBookFromMenu();
    expect(f.ui.alerts[0].prompt).toContain("Книга журналов создана");
    const journal = f.spreadsheetApp.files.get(journalId(f))!;
    expect(journal.getSheets().map((s) => s.getName())).toEqual([
      "Журнал G01",
      "Журнал G02",
      "Журнал G03",
      "_journal_book",
    ]);
    expect(journal.getSheetByName("_journal_book")!.getRange("A1:B1").getValues()).toEqual([
      ["master", f.spreadsheet.id],
    ]);
    expect(journal.getSheetByName(G01)!.getRange(1, 1, 3, 4).getValues()).toEqual([
      ["ID", "Учащийся", "30.11.2026", "02.12.2026"],
      ["Тема", "", "", ""],
      ["S001", "Иванов Иван", "", 5],
    ]);
    const a = access(f);
    // orlov is G01's tutor; volkov teaches G02 only; the master is shared with neither.
    expect(a.open("orlov@school.ru", journal.id)).toBe(journal);
    expect(a.edit("orlov@school.ru", G01)).toBe(true);
    expect(a.edit("orlov@school.ru", "Журнал G02")).toBe(false);
    expect(a.edit("volkov@school.ru", "Журнал G02")).toBe(true);
    expect(a.edit("volkov@school.ru", G01)).toBe(false);
    expect(() => a.open("orlov@school.ru", f.spreadsheet.id)).toThrow(/permission/);
    expect(a.role("parent@mail.ru")).toBeNull();
    expect(f.documents.drive.items.get(journal.id)!.editors.sort()).toEqual([
      "orlov@school.ru",
      "smirnova@school.ru",
      "volkov@school.ru",
    ]);
    expect(f.scriptApp.triggers.filter((t) => t.getHandlerFunction() === HANDLERS.journalSync)).toHaveLength(
      1,
    );
  });

  it("brings a tutor's mark back hourly (audited), and a replaced tutor loses access", () => {
    const f = install();
    journalBookFromMenu();
    const journal = f.spreadsheetApp.files.get(journalId(f))!;
    journal.getSheetByName(G01)!.getRange(4, 3).setValue("н");
    f.spreadsheet.getSheetByName("Группы")!.getRange(2, 5).setValue("T03");
    journalBookFromTrigger();
    expect(f.spreadsheet.getSheetByName(G01)!.getRange(3, 3).getValue()).toBe("н");
    const audit = f.spreadsheet.getSheetByName("Аудит")!.getRange(2, 1, 1, 7).getValues()[0];
    expect(audit.slice(1, 7)).toEqual([
      COORDINATOR,
      `журналы: из книги ${journal.getUrl()}`,
      G01,
      "C3",
      "",
      "н",
    ]);
    const a = access(f);
    expect(a.role("orlov@school.ru")).toBeNull();
    expect(a.edit("volkov@school.ru", G01)).toBe(true);
    expect(f.scriptApp.triggers.filter((t) => t.getHandlerFunction() === HANDLERS.journalSync)).toHaveLength(
      1,
    );
  });

  it("makes the same number of Google calls for 4 students as for 400", () => {
    const calls = (extra: number) => {
      const tables = presenceTables();
      for (let i = 0; i < extra; i++) {
        const id = `S${1000 + i}`;
        tables.Учащиеся.push([id, `Ученик ${i}`, "9А", "обучается", "да", ""]);
        tables.Зачисления.push([id, "G01", "01.09.2026", null]);
        tables[G01].push([id, `Ученик ${i}`, i % 2 ? 5 : null, null]);
      }
      const f = install(tables);
      journalBookFromMenu();
      const sheet = f.spreadsheetApp.files.get(journalId(f))!.getSheetByName(G01)!;
      for (let i = 0; i < extra; i++) sheet.getRange(7 + i, 4).setValue(4);
      f.reset();
      journalBookFromTrigger();
      const n = [/^Sheets\.Spreadsheets/, /^Drive\.Permissions/].map((m) => f.calls.count(m));
      restore?.();
      restore = undefined;
      return n;
    };
    const small = calls(0);
    // Sheets: master get + getByDataFilter + batchUpdate, the same for the journal workbook; Drive: one list.
    expect(small).toEqual([6, 1]);
    expect(calls(400)).toEqual(small);
  });
});

describe("dist/Code.js: the journal workbook's entry points in a bare vm", () => {
  it("menuJournalBook creates and shares it, journalBookHourly syncs it", () => {
    const root = new URL("../../", import.meta.url).pathname;
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
    const f = fakesOf();
    const context = vm.createContext({ ...f.globals, console });
    vm.runInContext(readFileSync(`${root}dist/Code.js`, "utf8"), context, { filename: "Code.js" });
    const call = (name: string) => (context[name] as () => void)();
    call(HANDLERS.journalSync); // before the menu: nothing to sync, nothing made
    expect(f.properties.getScriptProperties().getProperty(STORE_PREFIX + JOURNAL_BOOK_KEY)).toBeNull();
    call(HANDLERS.journalBook);
    const journal = f.spreadsheetApp.files.get(journalId(f))!;
    journal.getSheetByName(G01)!.getRange(4, 3).setValue("б");
    call(HANDLERS.journalSync);
    expect(f.spreadsheet.getSheetByName(G01)!.getRange(3, 3).getValue()).toBe("б");
    expect(access(f).edit("orlov@school.ru", G01)).toBe(true);
  }, 60_000);
});
