import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadWorkbook } from "../../src/app/load.js";
import { registryBlocksIn } from "../../src/app/registries.js";
import { runTransfer } from "../../src/app/transfer.js";
import type { Block, TableBlock } from "../../src/core/report/model.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const fixture = (name: string) => new URL(`../fixtures/issue18/${name}`, import.meta.url).pathname;
const open = async (name: string) => XlsxWorkbook.fromBytes(name, await readFile(fixture(name)));

const headings = (blocks: Block[]) => blocks.filter((b) => b.kind === "heading").map((b) => b.text);
const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === "table");

describe("the monthly report's registry sections", () => {
  it("shows the month's events by class, courses, open workstation problems and support discrepancies", async () => {
    const wb = await open("registries-en.xlsx");
    const { model, tables: t } = loadWorkbook(wb);
    const blocks = registryBlocksIn(wb, model, t, "2026-11", "en");
    expect(headings(blocks)).toEqual([
      "Events of the month",
      "Course enrolments",
      "Workstations: open problems",
      "Support staff reports against the journal",
    ]);
    const [events, byClass, courses, problems, support] = tables(blocks);
    // The October seminar and the unreadable row are not November's.
    expect(events.rows).toEqual([
      [
        "2026-11-12",
        "distance conference",
        "Young researchers",
        "regional",
        "2",
        "1",
        "S01: winner; S03: participant",
      ],
      ["2026-11-20", "business game", "Start-up", "school", "2", "0", ""],
    ]);
    expect(byClass.rows).toEqual([
      ["9А", "2", "2", "1"],
      ["9Б", "2", "2", "1"],
    ]);
    expect(courses.rows.map((r) => [r[0], r[4], r[5]])).toEqual([
      ["Олимпиадная математика", "2", "running"],
      ["Робототехника", "2", ""],
    ]);
    expect(problems.rows).toEqual([["S02", "at home", "no Internet since 10.11", "2026-11-10"]]);
    expect(support.rows.map((r) => r.slice(0, 5))).toEqual([
      ["2026-11-03", "G01", "S01", "absent", "Journal G01!C2: 5"],
      ["2026-11-05", "G01", "S02", "present", "Journal G01!D3: у"],
    ]);
  });

  it("lists the corrections after transfer that no export has carried yet", async () => {
    const wb = await open("transfer-ru.xlsx");
    runTransfer(wb, { month: "2026-11", now: new Date("2026-12-01T09:00:00Z"), who: "c" });
    wb.write([{ sheet: "Журнал G02", cells: [{ row: 3, col: 3, values: [["у"]] }] }]);
    const { model, tables: t } = loadWorkbook(wb);
    const blocks = registryBlocksIn(wb, model, t, "2026-11", "ru");
    expect(headings(blocks)).toEqual(["Исправления после переноса в классные журналы"]);
    expect(tables(blocks)[0].rows).toEqual([["9Б", "Физика", "S04", "05.11.2026", "н → у", "", ""]]);
  });
});
