import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadWorkbook } from "../../src/app/load.js";
import { pendingCorrections, runTransfer } from "../../src/app/transfer.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../fixtures/issue18/transfer-ru.xlsx", import.meta.url).pathname;
const open = async () => XlsxWorkbook.fromBytes("t.xlsx", await readFile(FIXTURE));
const DEC = new Date("2026-12-02T09:00:00Z");

describe("transfer to the home-class journals (hand-made workbook)", () => {
  it("holds exactly the tutors' cells of each home class, by subject, with the month mark", async () => {
    const wb = await open();
    const res = runTransfer(wb, { month: "2026-11", now: DEC, who: "coordinator" });
    expect(res.blocks.map((b) => `${b.className} ${b.subject}`)).toEqual([
      "9А Алгебра",
      "9Б Алгебра",
      "9Б Физика",
    ]);
    const algebraA = res.blocks[0];
    expect(algebraA.lessons.map((l) => l.key)).toEqual([
      "2026-11-03",
      "2026-11-05",
      "2026-11-10",
      "2026-11-10 (2)",
      "2026-11-17",
    ]);
    expect(algebraA.students.map((s) => [s.studentId, ...s.cells, s.monthMark])).toEqual([
      ["S01", "5", "н", "4", "оп 4", "5/4", "4"], // (5+4+4+5+4)/5 = 4.4
      ["S02", "3", "у", "", "4", "нз 2", "3"],
    ]);
    // S03 joined G01 on 10.11: the cells before are not the group's to hand over.
    const algebraB = res.blocks[1];
    expect(algebraB.students[0].cells).toEqual([null, null, "5", "б", "4"]);
    expect(res.blocks[2].students.map((s) => s.cells)).toEqual([
      ["4", "5", "5"],
      ["н", "3", "осв"],
    ]);
    expect(res.corrections).toEqual([]);
    expect(res.recorded).toBe(3);
  });

  it("--class picks one home class", async () => {
    const res = runTransfer(await open(), { month: "2026-11", className: "9б", now: DEC, who: "c" });
    expect(res.blocks.map((b) => b.className)).toEqual(["9Б", "9Б"]);
  });

  it("lists a mark changed after the transfer (cell, old → new, when, who from the audit) in the next export and the report", async () => {
    const wb = await open();
    runTransfer(wb, { month: "2026-11", now: DEC, who: "coordinator" });
    // The tutor enters a late mark for S02 on 10.11 (E3 of «Журнал G01»), audited as the sidebar does.
    wb.write([
      { sheet: "Журнал G01", cells: [{ row: 3, col: 5, values: [["5"]] }] },
      {
        sheet: "Аудит",
        create: true,
        cells: [
          {
            row: 1,
            col: 1,
            values: [
              ["Когда", "Кто", "Действие", "Лист", "Ячейка", "Было", "Стало"],
              ["2026-12-03 10:15:00", "t02@school.ru", "отметка", "Журнал G01", "E3", "", "5"],
            ],
          },
        ],
      },
    ]);
    const { model, tables } = loadWorkbook(wb);
    const pending = pendingCorrections(wb, model, tables, "2026-12");
    expect(pending.map((c) => [c.studentId, c.lesson, c.cell, c.old, c.new, c.when, c.who])).toEqual([
      ["S02", "2026-11-10", "E3", "", "5", "2026-12-03 10:15:00", "t02@school.ru"],
      // four marks now: (3+5+4+2)/4 = 3.5 → 4
      ["S02", "month", "", "3", "4", "", ""],
    ]);
    const dec = runTransfer(wb, {
      month: "2026-12",
      now: new Date("2026-12-04T09:00:00Z"),
      who: "coordinator",
    });
    expect(dec.corrections.map((c) => `${c.period} ${c.studentId} ${c.lesson} ${c.old}→${c.new}`)).toEqual([
      "2026-11 S02 2026-11-10 →5",
      "2026-11 S02 month 3→4",
    ]);
    // Handed over with December's export: listed once, no longer pending.
    const again = loadWorkbook(wb);
    expect(pendingCorrections(wb, again.model, again.tables, "2026-12")).toEqual([]);
    const register = again.tables.get("Перенос в классные журналы")!.values;
    expect(register[0]).toEqual([
      "Класс",
      "Предмет",
      "Группа",
      "Период",
      "Перенесено",
      "Кто",
      "Исправлений",
      "Снимок",
    ]);
    const nov = register.filter((r) => r[3] === "2026-11" && r[0] === "9А");
    expect(nov.map((r) => r[6])).toEqual([0, 2]);
  });
});

describe("what the extract cannot hold", () => {
  it("a student without a class is named, at the cell, not silently left out", async () => {
    const wb = await open();
    wb.write([{ sheet: "Учащиеся", cells: [{ row: 3, col: 3, values: [[""]] }] }]);
    const res = runTransfer(wb, { month: "2026-11", now: DEC, who: "c" });
    expect(res.blocks.flatMap((b) => b.students.map((s) => s.studentId))).not.toContain("S02");
    expect(res.issues.map((i) => `${i.sheet}!${i.cell} ${i.message.ru}`)).toEqual([
      "Учащиеся!C3 У S02 не указан класс: его отметки не попали ни в одну выписку",
    ]);
  });
});
