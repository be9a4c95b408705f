/** The monthly report shows the reasons entered in «Причины пропусков» beside the at-risk students. */
import { describe, expect, it } from "vitest";
import { absenceReasonsIn } from "../../src/app/absence-reasons.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import { loadWorkbook } from "../../src/app/load.js";
import { compileMonth } from "../../src/app/report.js";
import type { TableBlock } from "../../src/core/report/model.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const NOW = new Date("2026-11-24T09:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("absence reasons in the monthly report", () => {
  it("lists the month's reasons of an at-risk student in the «Причины» column, and no other month's", () => {
    const wb = new MemoryWorkbook();
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
    const before = compileMonth(loadWorkbook(wb).model, wb.sheetNames(), "2026-10", NOW, { lang: "ru" });
    const pair = before.figures.atRisk[0];
    wb.sheets.set("Причины пропусков", [
      ["Учащийся", "Группа", "Дата", "Причина", "Кто внёс", "Когда"],
      [pair.studentId, pair.groupId, day("2026-10-14"), "справка от врача", "r01@school7.example", null],
      [pair.studentId, pair.groupId, day("2026-11-02"), "другой месяц", "r01@school7.example", null],
    ]);
    const { model, names, tables } = loadWorkbook(wb);
    const run = compileMonth(model, names, "2026-10", NOW, {
      lang: "ru",
      reasons: absenceReasonsIn(model, tables),
    });
    const table = run.doc.blocks.find(
      (b): b is TableBlock => b.kind === "table" && b.header.includes("Причины пропусков"),
    )!;
    const reasons = table.header.indexOf("Причины пропусков");
    const row = table.rows.find((r) => r.includes(pair.groupId) && r.some((c) => c.includes("справка")))!;
    expect(row[reasons]).toContain("14.10 — справка от врача");
    expect(row[reasons]).not.toContain("другой месяц");
  });
});
