/**
 * «Выписки для классных журналов…» in the built bundle: dist/Code.js in a bare `vm` context
 * with the fakes as the only globals, on the demo school.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { pinContextClock } from "../support/vm-clock.js";

const root = new URL("../../", import.meta.url).pathname;
let code = "";

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
}, 60_000);

function bare(at = "2026-11-24T09:00:00Z", classTeachers = "") {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: at.slice(0, 10) });
  if (classTeachers) wb.sheets.get("Настройки")!.push(["Классные руководители", classTeachers]);
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
  });
  const context = vm.createContext({ ...fakes.globals, console });
  pinContextClock(context, at);
  vm.runInContext(code, context, { filename: "Code.js" });
  return { fakes, run: () => (context as Record<string, () => void>).menuTransfer() };
}

/** The spreadsheets the script made besides the bound one, by name. */
function madeBooks(fakes: ReturnType<typeof bare>["fakes"]) {
  return [...fakes.spreadsheetApp.files.values()].filter((f) => f.id !== fakes.spreadsheet.getId());
}

describe("menuTransfer in the bundle", () => {
  it("is a top-level function of the bundle and an item of the menu", () => {
    const { fakes } = bare();
    expect(code).toMatch(/^function menuTransfer\(/m);
    const context = vm.createContext({ ...fakes.globals, console });
    vm.runInContext(code, context);
    (context as Record<string, () => void>).onOpen();
    expect(fakes.ui._functionNames()).toContain("menuTransfer");
  });

  it("writes one protected extract sheet per class and records the transfer; a rerun replaces them", () => {
    const { fakes, run } = bare();
    fakes.ui._answer({ text: "2026-10" });
    fakes.ui._answer({ text: "9А" });
    run();
    const tabs = () => fakes.spreadsheet.getSheets().map((s) => s.getName());
    expect(tabs().filter((t) => t.startsWith("Выписка"))).toEqual(["Выписка 9А 2026-10"]);
    const sheet = fakes.spreadsheet.getSheetByName("Выписка 9А 2026-10")!;
    const values = sheet.getDataRange().getValues();
    expect(values[0][0]).toBe("Класс 9А: октябрь 2026");
    expect(values[3].slice(0, 2)).toEqual(["ID", "Учащийся"]);
    expect(sheet.protections.length).toBe(1);
    const register = fakes.spreadsheet
      .getSheetByName("Перенос в классные журналы")!
      .getDataRange()
      .getValues();
    expect(register.length).toBeGreaterThan(1);
    expect(register.slice(1).every((r) => r[0] === "9А" && r[3] === "2026-10")).toBe(true);
    expect(fakes.ui.alerts.at(-1)!.prompt).toMatch(
      /^Выписки за 2026-10: Выписка 9А 2026-10\. Исправлений после переноса: 0\./,
    );
    fakes.ui._answer({ text: "2026-10" });
    fakes.ui._answer({ text: "9А" });
    run();
    expect(tabs().filter((t) => t.startsWith("Выписка"))).toEqual(["Выписка 9А 2026-10"]);
    expect(fakes.spreadsheet.getSheetByName("Выписка 9А 2026-10")!.protections.length).toBe(1);
  });

  it("a month that is not one is refused before anything is written", () => {
    const { fakes, run } = bare();
    fakes.ui._answer({ text: "октябрь" });
    run();
    expect(fakes.spreadsheet.getSheetByName("Перенос в классные журналы")).toBeNull();
    expect(fakes.ui.alerts.at(-1)!.prompt).toBe("«октябрь» — не месяц; ожидается ГГГГ-ММ.");
  });

  it("a class with a class teacher gets its own spreadsheet, read-only for exactly that teacher; the others stay inside", () => {
    const { fakes, run } = bare("2026-11-24T09:00:00Z", "9Б: klass9b@school7.example");
    fakes.ui._answer({ text: "2026-10" });
    fakes.ui._answer({ text: "" });
    run();
    const tabs = fakes.spreadsheet.getSheets().map((s) => s.getName());
    expect(tabs).not.toContain("Выписка 9Б 2026-10");
    expect(tabs).toContain("Выписка 9А 2026-10");
    const books = madeBooks(fakes);
    expect(books).toHaveLength(1);
    const book = books[0];
    expect(book.getSheets().map((s) => s.getName())).toEqual(["Выписка 9Б 2026-10"]);
    expect(book.getSheetByName("Выписка 9Б 2026-10")!.getDataRange().getValues()[0][0]).toBe(
      "Класс 9Б: октябрь 2026",
    );
    const item = fakes.documents.drive.items.get(book.id)!;
    expect(item.viewers).toEqual(["klass9b@school7.example"]);
    expect(item.editors).toEqual([]);
    expect(fakes.ui.alerts.at(-1)!.prompt).toContain(
      "Классным руководителям (отдельные таблицы, только чтение): 9Б:",
    );
    // A rerun (another month) reuses the class's spreadsheet: a tab per month, no second file.
    fakes.ui._answer({ text: "2026-11" });
    fakes.ui._answer({ text: "9Б" });
    run();
    expect(madeBooks(fakes)).toHaveLength(1);
    expect(book.getSheets().map((s) => s.getName())).toEqual(["Выписка 9Б 2026-10", "Выписка 9Б 2026-11"]);
  });
});
