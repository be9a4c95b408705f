/** Issue 17: the monthly report lists the month's ИУП corrections and achievements by level; the rollup counts them. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { individualIn } from "../../src/app/individual.js";
import { loadWorkbook } from "../../src/app/load.js";
import { achievementsOfMonth, schoolSource } from "../../src/app/municipal.js";
import { compileMonth } from "../../src/app/report.js";
import { combineSchools } from "../../src/core/municipal/combine.js";
import { municipalReport, municipalSheets } from "../../src/core/municipal/report.js";
import type { Block } from "../../src/core/report/model.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = join(__dirname, "../fixtures/individual/individual-en.xlsx");
const NOW = new Date("2026-12-02T09:00:00Z");

function sectionAfter(blocks: Block[], heading: string): Block[] {
  const i = blocks.findIndex((b) => b.kind === "heading" && b.text === heading);
  return i < 0 ? [] : blocks.slice(i + 1);
}

describe("the individual section of the monthly report", () => {
  it("lists November's corrections (log and hand-marked) and achievements by level", async () => {
    const { model, names, tables } = loadWorkbook(await XlsxWorkbook.open(FIXTURE));
    const run = compileMonth(model, names, "2026-11", NOW, {
      lang: "en",
      individual: individualIn(model, tables),
    });
    const section = sectionAfter(run.doc.blocks, "Individual plans and achievements");
    const corrections = section[0];
    expect(corrections.kind).toBe("table");
    if (corrections.kind !== "table") return;
    // The logged one with old -> new; the hand-marked line of 16.11 that the log lacks; not October's.
    expect(corrections.rows).toEqual([
      [
        "2026-11-10",
        "S003 Sidorov Ivan",
        "Mathematics",
        "Hours a week: 5 → 4",
        "parents' application of 09.11.2026",
      ],
      ["2026-11-16", "S003 Sidorov Ivan", "English", "", ""],
    ]);
    const levels = section[1];
    expect(levels.kind === "table" && levels.rows).toEqual([
      ["school", "0", "0", "1", "1"],
      ["municipal", "0", "1", "0", "1"],
    ]);
    const list = section[2];
    // S002 has no consent: the ID alone. The entry with an unknown level is listed without it.
    expect(list.kind === "bullets" && list.items).toEqual([
      "2026-11-20 — S002: Young physicist (contest), municipal, prize-winner",
      "2026-11-12 — S001 Ivanova Anna: School mathematics olympiad (olympiad), school, winner",
      "2026-11-25 — S001 Ivanova Anna: Galaxy quiz (quiz), participant",
    ]);
  });

  it("is absent for a month with neither", async () => {
    const { model, names, tables } = loadWorkbook(await XlsxWorkbook.open(FIXTURE));
    const run = compileMonth(model, names, "2027-02", NOW, {
      lang: "en",
      individual: individualIn(model, tables),
    });
    expect(sectionAfter(run.doc.blocks, "Individual plans and achievements")).toEqual([]);
  });
});

describe("the rollup's achievements by level", () => {
  it("counts the month's entries per school and in total", async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const src = schoolSource(wb, "2026-11", NOW, "seven.xlsx");
    expect(src.registry.achievements).toEqual({ school: 1, municipal: 1 });
    const m = combineSchools("2026-11", [
      src,
      { ...src, school: "School No. 8", registry: { ...src.registry, achievements: { regional: 2 } } },
    ]);
    const doc = municipalReport(m, [], "ru", "02.12.2026 12:00");
    const table = doc.blocks.find(
      (b) => b.kind === "table" && b.caption === "Достижения учащихся за месяц по уровням",
    );
    expect(table?.kind === "table" && table.rows).toEqual([
      ["School No. 7", "1", "1", "0", "0", "0", "2"],
      ["School No. 8", "0", "0", "2", "0", "0", "2"],
      ["Всего", "1", "1", "2", "0", "0", "4"],
    ]);
    const sheet = municipalSheets(m, [], "ru").find((s) => s.sheet === "Достижения");
    expect(sheet?.cells?.[0].values[1]).toEqual(["School No. 7", 1, 1, 0, 0, 0, 2]);
    expect(achievementsOfMonth([], "2026-11")).toEqual({});
  });
});
