/**
 * Issue 20 "done when", locally: split, a tutor's edits, a coordinator's edit of the same cell
 * (conflict listed), new lessons pushed, a left student kept, a changed tutor losing edit
 * rights; the master's report after sync equals the report of a single workbook holding the
 * same marks; the round trips do not grow with students.
 */
import { describe, expect, it } from "vitest";
import { syncJournalWorkbook } from "../../src/app/journal-split.js";
import { updateJournals } from "../../src/app/journals.js";
import { loadWorkbook } from "../../src/app/load.js";
import { compileMonth } from "../../src/app/report.js";
import type { CellValue } from "../../src/core/cells.js";
import { JOURNAL_MARKER_SHEET, readMarker } from "../../src/core/journal-split/marker.js";
import { SYNC_STATE_SHEET } from "../../src/core/journal-split/state.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { presenceTables } from "../support/presence-school.js";

const now = new Date("2026-12-02T18:00:00Z");
const opts = (at = now) => ({ now: at, who: "coordinator@school.ru", source: "journals.xlsx" });
const G01 = "Журнал G01";

function set(wb: MemoryWorkbook, sheet: string, row: number, col: number, v: CellValue) {
  const grid = wb.sheets.get(sheet)!;
  while (grid.length < row) grid.push([]);
  grid[row - 1][col - 1] = v;
}
const cell = (wb: MemoryWorkbook, sheet: string, row: number, col: number) =>
  wb.sheets.get(sheet)?.[row - 1]?.[col - 1] ?? null;
/** The journal workbook's row of a student (or the header/topic rows by label). */
const rowOf = (wb: MemoryWorkbook, sheet: string, id: string) =>
  wb.sheets.get(sheet)!.find((r) => r[0] === id);

describe("the tutors' journal workbook", () => {
  it("holds only the journals: ID, the allowed name, lessons, topics; editable by the group's staff", () => {
    const master = new MemoryWorkbook(presenceTables());
    const journal = new MemoryWorkbook();
    const r = syncJournalWorkbook(master, journal, { ...opts(), masterId: "school.xlsx" });
    expect(journal.sheetNames()).toEqual(["Журнал G01", "Журнал G02", "Журнал G03", JOURNAL_MARKER_SHEET]);
    // The marker: the master, language, time zone and each tab's group — no one's name or email.
    expect(readMarker(journal.sheets.get(JOURNAL_MARKER_SHEET)!)).toEqual({
      masterId: "school.xlsx",
      lang: "ru",
      timeZone: "Europe/Moscow",
      tabs: [
        { sheet: "Журнал G01", groupId: "G01" },
        { sheet: "Журнал G02", groupId: "G02" },
        { sheet: "Журнал G03", groupId: "G03" },
      ],
    });
    expect(journal.writes[0].find((x) => x.sheet === JOURNAL_MARKER_SHEET)?.hidden).toBe(true);
    expect(journal.sheets.get(G01)).toEqual([
      ["ID", "Учащийся", "30.11.2026", "02.12.2026"],
      ["Тема", null, null, null],
      ["S001", "Иванов Иван", null, 5],
      ["S002", "Петрова Анна", null, null],
      // S003 has no consent: «Имена в отчёте» = «с согласием» shows the ID alone.
      ["S003", null, 4, null],
      ["S004", "Кузнецова Мария", 5, null],
    ]);
    const text = JSON.stringify([...journal.sheets]);
    for (const secret of ["@", "9А", "обучается", "Логин"]) expect(text).not.toContain(secret);
    expect(r.tabs.map((t) => [t.sheet, t.editors])).toEqual([
      ["Журнал G01", ["smirnova@school.ru", "orlov@school.ru"]],
      ["Журнал G02", ["volkov@school.ru"]],
      ["Журнал G03", ["smirnova@school.ru"]],
    ]);
    expect(r.readers).toEqual(["orlov@school.ru", "smirnova@school.ru", "volkov@school.ru"]);
    const w = journal.writes[0].find((x) => x.sheet === G01)!;
    expect(w.protection?.editors).toEqual(["smirnova@school.ru", "orlov@school.ru"]);
    expect(w.validations?.[0]).toMatchObject({ range: { row: 3, col: 3, rows: 4, cols: 2 }, strict: false });
    expect(w.validations?.[0].help).toContain("н (не был)");
    expect(r.pushed).toBe(4);
    expect(master.sheets.has(SYNC_STATE_SHEET)).toBe(true);
    // A second sync with nothing changed writes no journal cell and takes none.
    const again = syncJournalWorkbook(master, journal, { ...opts(), masterId: "school.xlsx" });
    expect([again.pushed, again.applied.length, again.conflicts.length]).toEqual([0, 0, 0]);
    expect(journal.writes[1].flatMap((x) => x.cells ?? [])).toEqual([]);
    expect(again.foreignTabs).toEqual([]);
  });

  it("takes tutors' edits, pushes the coordinator's, lists a cell changed in both", () => {
    const master = new MemoryWorkbook(presenceTables());
    const journal = new MemoryWorkbook();
    syncJournalWorkbook(master, journal, opts());
    set(journal, G01, 4, 3, "н"); // tutor: S002 absent on 30.11
    set(journal, G01, 3, 4, "4"); // tutor: S001 02.12 5 → 4 …
    set(journal, G01, 2, 4, "Квадратные уравнения"); // … and a topic
    set(master, G01, 2, 4, 3); // … while the coordinator made it 3 in the master
    set(master, G01, 4, 4, "5"); // coordinator: S003 02.12
    const r = syncJournalWorkbook(master, journal, opts(new Date("2026-12-02T19:00:00Z")));
    expect(r.applied).toEqual([{ sheet: G01, cell: "C3", old: null, value: "н" }]);
    expect(cell(master, G01, 3, 3)).toBe("н");
    // Topic row: the master journal has none, so the topic stays only in the journal workbook.
    expect(r.conflicts.map((i) => [i.sheet, i.cell, i.code])).toEqual([[G01, "D2", "journal-sync-conflict"]]);
    expect(r.conflicts[0].message.ru).toContain("(«3»)");
    expect(r.conflicts[0].message.ru).toContain("(«4»)");
    expect(cell(master, G01, 2, 4)).toBe(3);
    expect(cell(journal, G01, 3, 4)).toBe("4");
    expect(cell(journal, G01, 5, 4)).toBe("5");
    const problems = master.sheets.get("Проблемы")!;
    expect(problems.some((p) => p[2] === "journal-sync-conflict")).toBe(true);
    expect(master.sheets.get("Аудит")!.slice(1)).toEqual([
      [
        "2026-12-02 22:00:00",
        "coordinator@school.ru",
        "журналы: из книги journals.xlsx",
        G01,
        "C3",
        null,
        "н",
      ],
    ]);
    // The conflict stays listed until someone makes both agree, then it is gone.
    expect(syncJournalWorkbook(master, journal, opts()).conflicts).toHaveLength(1);
    set(journal, G01, 3, 4, 3);
    const resolved = syncJournalWorkbook(master, journal, opts());
    expect([resolved.conflicts.length, resolved.applied.length, resolved.pushed]).toEqual([0, 0, 0]);
  });

  it("pushes new lessons and students, keeps a left student marked, follows a change of tutor", () => {
    const tables = presenceTables();
    const master = new MemoryWorkbook(tables);
    const journal = new MemoryWorkbook();
    syncJournalWorkbook(master, journal, opts());
    // S004 leaves G01 on 01.12, S005 joins it; T03 replaces T02 as G01's tutor; a week passes.
    const enr = master.sheets.get("Зачисления")!;
    enr.find((r) => r[0] === "S004" && r[1] === "G01")![3] = "01.12.2026";
    enr.push(["S005", "G01", "03.12.2026", null]);
    master.sheets.get("Учащиеся")!.push(["S005", "Новикова Ева", "9А", "обучается", "да", ""]);
    master.sheets.get("Группы")!.find((r) => r[0] === "G01")![4] = "T03";
    updateJournals(master, "2026-12-09");
    const later = new Date("2026-12-09T18:00:00Z");
    const r = syncJournalWorkbook(master, journal, opts(later));
    const tab = journal.sheets.get(G01)!;
    // The master's journal got every lesson since 1 September (no «С» in the schedule): all pushed.
    const header = master.sheets.get(G01)![0];
    expect(header).toContain("09.12.2026");
    expect([...tab[0]].sort()).toEqual([...header].sort());
    expect(tab[0].slice(0, 4)).toEqual(["ID", "Учащийся", "30.11.2026", "02.12.2026"]);
    expect(rowOf(journal, G01, "S004")?.slice(0, 4)).toEqual([
      "S004",
      "Кузнецова Мария (выбыл(а) 01.12.2026)",
      5,
      null,
    ]);
    expect(rowOf(journal, G01, "S005")?.slice(0, 2)).toEqual(["S005", "Новикова Ева"]);
    expect(r.tabs.find((t) => t.sheet === G01)?.editors).toEqual(["smirnova@school.ru", "volkov@school.ru"]);
    expect(r.readers).toEqual(["smirnova@school.ru", "volkov@school.ru"]);
    const w = journal.writes.at(-1)!.find((x) => x.sheet === G01)!;
    expect(w.protection?.editors).not.toContain("orlov@school.ru");
    // Marks typed in the new columns come back to the master.
    const jCol = tab[0].indexOf("07.12.2026") + 1;
    const mCol = header.indexOf("07.12.2026") + 1;
    set(journal, G01, 3, jCol, "5");
    const back = syncJournalWorkbook(master, journal, opts(later));
    expect(back.applied.map((c) => c.value)).toEqual(["5"]);
    expect(cell(master, G01, 2, mCol)).toBe("5");
  });

  it("leaves the master with the report of a single workbook holding the same marks", () => {
    const master = new MemoryWorkbook(presenceTables());
    const journal = new MemoryWorkbook();
    syncJournalWorkbook(master, journal, opts());
    set(journal, G01, 4, 3, "н");
    set(journal, G01, 6, 4, "б");
    set(journal, "Журнал G02", 5, 3, "3");
    syncJournalWorkbook(master, journal, opts());
    const single = new MemoryWorkbook(presenceTables());
    set(single, G01, 3, 3, "н");
    set(single, G01, 5, 4, "б");
    set(single, "Журнал G02", 4, 3, "3");
    const report = (wb: MemoryWorkbook) => {
      const { model, names } = loadWorkbook(wb);
      return compileMonth(model, names, "2026-12", now).figures;
    };
    const fromMaster = report(master);
    expect(fromMaster).toEqual(report(single));
    expect(fromMaster).not.toEqual(report(new MemoryWorkbook(presenceTables())));
  });

  it("reads and writes each workbook once, whatever the number of students", () => {
    const trips = (extra: number) => {
      const tables = presenceTables();
      for (let i = 0; i < extra; i++) {
        const id = `S${100 + i}`;
        tables.Учащиеся.push([id, `Ученик ${i}`, "9А", "обучается", "да", ""]);
        tables.Зачисления.push([id, "G01", "01.09.2026", null]);
        tables[G01].push([id, `Ученик ${i}`, i % 2 ? 5 : null, null]);
      }
      const master = new MemoryWorkbook(tables);
      const journal = new MemoryWorkbook();
      syncJournalWorkbook(master, journal, opts());
      for (let i = 0; i < extra; i++) set(journal, G01, 7 + i, 4, "4");
      master.reads = journal.reads = 0;
      master.writes.length = journal.writes.length = 0;
      const r = syncJournalWorkbook(master, journal, opts());
      expect(r.applied).toHaveLength(extra);
      return [master.reads, master.writes.length, journal.reads, journal.writes.length];
    };
    expect(trips(3)).toEqual([1, 1, 1, 1]);
    expect(trips(300)).toEqual([1, 1, 1, 1]);
  });
});

describe("a journal workbook tab that lost its ID column", () => {
  it("is not synced, says so, and keeps the base", () => {
    const master = new MemoryWorkbook(presenceTables());
    const journal = new MemoryWorkbook();
    syncJournalWorkbook(master, journal, opts());
    const base = JSON.stringify(master.sheets.get(SYNC_STATE_SHEET));
    for (const row of journal.sheets.get(G01)!) row.shift();
    const r = syncJournalWorkbook(master, journal, opts());
    expect(r.conflicts.map((i) => [i.sheet, i.code])).toEqual([[G01, "missing-column"]]);
    expect(r.applied).toEqual([]);
    expect(JSON.stringify(master.sheets.get(SYNC_STATE_SHEET))).toBe(base);
    // Its staff keep their access to the workbook meanwhile.
    expect(r.readers).toContain("orlov@school.ru");
  });
});
