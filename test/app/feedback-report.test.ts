/**
 * The monthly report's «Отзывы родителей» section, end to end: a Forms responses CSV imported
 * into the demo workbook shows up in that month's report with the average rating and the
 * problems quoted — and without the names or IDs of the families who wrote them.
 */
import { describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { ensureTokens, importResponses } from "../../src/app/feedback.js";
import { loadWorkbook } from "../../src/app/load.js";
import { compileMonth } from "../../src/app/report.js";
import { plainText } from "../../src/core/report/model.js";
import { readCsv, writeCsv } from "../../src/node/csv.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const NOW = new Date("2026-12-01T09:00:00Z");
const hex = (n: number) => () => n.toString(16).padStart(24, "0");

describe("parent feedback in the monthly report", () => {
  it("imports a responses CSV and shows the month's count, average rating and quoted problems, without names", () => {
    const wb = new MemoryWorkbook();
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-30" });
    let n = 1;
    const { tokens } = ensureTokens(wb, undefined, () => hex(n++)(), "2026-11-01");
    const t = (id: string) => tokens.get(id)!;
    const header = [
      "Отметка времени",
      "Код семьи (не меняйте)",
      "Как идёт дистанционное обучение?",
      "Что получается хорошо?",
      "Что мешает?",
      "Вопрос координатору",
      "Как удобнее с вами связаться?",
    ];
    const csv = writeCsv([
      header,
      ["2026/11/03 7:05:09 PM GMT+3", t("S001"), "5", "Всё понятно", "", "", "Telegram"],
      [
        "2026/11/10 8:00:00 AM GMT+3",
        t("S002"),
        "3",
        "",
        "Интернет пропадает по вечерам",
        "Можно ли записи уроков?",
        "Email",
      ],
      ["2026/11/20 9:30:00 PM GMT+3", t("S003"), "4", "", "Нет второго компьютера", "", ""],
      // October: belongs to the previous month's report, counted only as the baseline.
      ["2026/10/28 10:00:00 AM GMT+3", t("S004"), "2", "", "Плохой звук", "", ""],
    ]);
    const imported = importResponses(wb, readCsv(csv).records);
    expect(imported).toMatchObject({ added: 4, duplicates: 0, sheet: "Отзывы родителей" });
    expect(imported.issues).toEqual([]);

    const { model, names } = loadWorkbook(wb);
    expect(model.feedback.map((f) => f.studentId)).toEqual(["S001", "S002", "S003", "S004"]);
    const doc = compileMonth(model, names, "2026-11", NOW).doc;
    const text = plainText(doc);
    const start = doc.blocks.findIndex((b) => b.kind === "heading" && b.text === "Отзывы родителей");
    expect(start).toBeGreaterThan(0);
    const section = doc.blocks.slice(start, start + 4);
    expect(section).toEqual([
      { kind: "heading", level: 2, text: "Отзывы родителей" },
      {
        kind: "paragraph",
        text: "Получено 3 отзыва, средняя оценка 4,00 из 5 (+2,00). Без ответа: 1 вопрос.",
      },
      { kind: "paragraph", text: "Что мешает, по словам родителей:" },
      { kind: "bullets", items: ["«Интернет пропадает по вечерам»", "«Нет второго компьютера»"] },
    ]);
    const sectionText = plainText({ ...doc, blocks: section });
    for (const s of model.students.filter((x) => ["S001", "S002", "S003", "S004"].includes(x.id))) {
      expect(sectionText).not.toContain(s.id);
      expect(sectionText).not.toContain(s.name);
      expect(sectionText).not.toContain(s.parent);
    }
    expect(text).not.toContain("Плохой звук");

    // Importing the same file again changes nothing in the report.
    expect(importResponses(wb, readCsv(csv).records)).toMatchObject({ added: 0, duplicates: 4 });
    const again = loadWorkbook(wb);
    expect(plainText(compileMonth(again.model, again.names, "2026-11", NOW).doc)).toBe(text);
  });

  it("keeps a response with a forged code for review, out of the average and the quotes", () => {
    const wb = new MemoryWorkbook();
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-30" });
    let n = 1;
    const { tokens } = ensureTokens(wb, undefined, () => hex(n++)(), "2026-11-01");
    const header = [
      "Отметка времени",
      "Код семьи (не меняйте)",
      "Как идёт дистанционное обучение?",
      "Что мешает?",
    ];
    const csv = writeCsv([
      header,
      ["2026/11/03 7:05:09 PM GMT+3", tokens.get("S001")!, "4", ""],
      ["2026/11/10 8:00:00 AM GMT+3", tokens.get("S002")!, "4", "Интернет пропадает"],
      // A code nobody was given: rating 1 would pull the average from 4,00 to 3,00.
      ["2026/11/12 8:00:00 AM GMT+3", "ffffffffffffffffffffffff", "1", "Всё плохо, школа ужасная"],
    ]);
    const imported = importResponses(wb, readCsv(csv).records);
    expect(imported.added).toBe(3);
    const { model, names } = loadWorkbook(wb);
    expect(model.feedback.map((f) => f.studentId)).toEqual(["S001", "S002", ""]);
    const doc = compileMonth(model, names, "2026-11", NOW).doc;
    const text = plainText(doc);
    expect(text).toContain("Получено 2 отзыва, средняя оценка 4,00 из 5");
    expect(text).not.toContain("Всё плохо");
    const row = model.feedback[2].row;
    expect(text).toContain(
      `Отзывы родителей без семьи (код неизвестен или отозван): 1 — не учтены в оценках и цитатах (строки ${row}).`,
    );
  });
});
