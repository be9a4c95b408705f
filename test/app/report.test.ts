import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { runMonth } from "../../src/app/report.js";
import type { Lang } from "../../src/core/i18n.js";
import { plainText, type ReportDoc } from "../../src/core/report/model.js";
import { renderDocx } from "../../src/node/report/docx.js";
import { docxText } from "../support/docx-text.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const NOW = new Date("2026-11-24T09:00:00Z");

function demoReport(lang: Lang, month = "2026-10") {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang, today: "2026-11-24" });
  return { wb, ...runMonth(wb, month, NOW) };
}

/** The body text a renderer must show: charts appear as their alt text. */
function bodyText(doc: ReportDoc): string {
  return plainText({
    ...doc,
    blocks: doc.blocks.map((b) => (b.kind === "chart" ? { kind: "paragraph", text: b.alt } : b)),
  });
}

describe("the monthly report of the demo school", () => {
  it.each(["ru", "en"] as const)("reads exactly like the reviewed golden text (%s)", async (lang) => {
    const golden = await readFile(
      new URL(`../golden/report-demo-2026-10.${lang}.txt`, import.meta.url),
      "utf8",
    );
    expect(`${plainText(demoReport(lang).doc)}\n`).toBe(golden);
  });

  it("has no empty section: every section heading is followed by content", () => {
    const { doc } = demoReport("ru");
    doc.blocks.forEach((b, i) => {
      if (b.kind === "heading" && b.level === 2) expect(doc.blocks[i + 1]?.kind).not.toBe("heading");
    });
  });

  it("the .docx says the same words as the model", async () => {
    const { doc } = demoReport("ru");
    expect(await docxText(await renderDocx(doc))).toBe(bodyText(doc));
  });

  it("quotes figures that agree with the summary sheet", () => {
    const { wb, figures } = demoReport("ru");
    const sheet = wb.sheets.get("Сводная 2026-10")!;
    const total = sheet.find((r) => r[0] === "Итого по школе")!;
    expect(total[1]).toBe(figures.school.students);
    expect(total[9]).toBe(Math.round(figures.school.success! * 10) / 10);
  });

  it("a month without lessons gives a short report, not a crash and not empty sections", () => {
    const { doc, figures } = demoReport("ru", "2026-08");
    expect(figures.school.N).toBe(0);
    const text = plainText(doc);
    expect(text).toContain("Успеваемость: нет данных");
    expect(doc.blocks.some((b) => b.kind === "chart")).toBe(false);
  });

  it("a rerun replaces the summary sheet: byte-identical values, one sheet", () => {
    const { wb } = demoReport("ru");
    const first = JSON.stringify(wb.sheets.get("Сводная 2026-10"));
    runMonth(wb, "2026-10", NOW);
    expect(JSON.stringify(wb.sheets.get("Сводная 2026-10"))).toBe(first);
    expect([...wb.sheets.keys()].filter((n) => n.startsWith("Сводная"))).toHaveLength(1);
  });
});

describe("the report of a large school", () => {
  it("charts the 15 groups with the lowest attendance, not 150 unreadable bars", async () => {
    const { syntheticModel } = await import("../support/synthetic-school.js");
    const { compileMonth } = await import("../../src/app/report.js");
    const model = syntheticModel({ students: 300, groups: 150, classes: 10, seed: 3 });
    const run = compileMonth(model, [], "2026-10", NOW);
    const chart = run.doc.blocks.find((b) => b.kind === "chart" && b.chart === "bar");
    if (chart?.kind !== "chart") throw new Error("no attendance chart");
    expect(chart.title).toBe("Посещаемость: 15 групп с самой низкой, %");
    expect(chart.categories).toHaveLength(15);
    const shown = new Set(chart.categories);
    const worstShown = Math.max(
      ...run.figures.groups.filter((g) => shown.has(g.groupId)).map((g) => g.attendance!),
    );
    for (const g of run.figures.groups.filter((x) => x.attendance !== null && !shown.has(x.groupId)))
      expect(g.attendance!).toBeGreaterThanOrEqual(worstShown);
  });
});
