import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensureTokens, feedbackLinks, importResponses } from "../../src/app/feedback.js";
import { initWrites } from "../../src/app/init.js";
import { loadModel } from "../../src/app/load.js";
import type { CellValue } from "../../src/core/cells.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const FORM = "https://docs.google.com/forms/d/e/1FAIpQLSdExample/viewform";
const TODAY = "2026-11-24";
const INJECTION = '=HYPERLINK("http://x","y")';

function seeded(seed: string) {
  let n = 0;
  return (bytes: number) =>
    createHash("sha256")
      .update(`${seed}:${n++}`)
      .digest("hex")
      .slice(0, bytes * 2);
}

const STUDENTS: CellValue[][] = [
  ["S001", "Иванова Мария", "9А", "обучается", "Иванова Ольга", "olga@example.ru", "", "email", "да"],
  ["S002", "Петров Павел", "9А", "обучается", "Петров Пётр", "petr@example.ru", "", "", "нет"],
  ["S003", "Сидоров Семён", "9Б", "выбыл", "Сидорова Анна", "anna@example.ru", "", "", "да"],
  ["S004", "Кузнецова Ксения", "9Б", "заявка", INJECTION, "", "+7 900 000-00-04", "Telegram", "да"],
  ["S005", "Смирнов Иван", "9Б", "обучается", "Смирнова Ирина", "", "", "", "да"],
];

function school(lang: "ru" | "en" = "ru"): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.write(initWrites(lang));
  const students = wb.sheets.get(lang === "ru" ? "Учащиеся" : "Students")!;
  for (const r of STUDENTS) students.push([...r]);
  return wb;
}

describe("ensureTokens", () => {
  it("creates the hidden «Токены» sheet with one token per consenting student, in one read and one write", () => {
    const wb = school();
    const reads = wb.reads;
    const writes = wb.writes.length;
    const res = ensureTokens(wb, undefined, seeded("a"), TODAY);
    expect(wb.reads - reads).toBe(1);
    expect(wb.writes.length - writes).toBe(1);
    expect([...res.tokens.keys()]).toEqual(["S001", "S004", "S005"]);
    expect(res.created).toBe(3);
    const sheet = wb.sheets.get("Токены")!;
    expect(sheet[0]).toEqual(["Учащийся", "Токен", "Создан", "Отозван"]);
    expect(sheet.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual(
      [...res.tokens].map(([id, t]) => [id, t, new Date("2026-11-24T00:00:00Z")]),
    );
    expect(wb.meta.get("Токены")).toMatchObject({ hidden: true });
  });

  it("keeps the tokens on a rerun and writes nothing", () => {
    const wb = school();
    const first = ensureTokens(wb, "ru", seeded("a"), TODAY);
    const writes = wb.writes.length;
    const second = ensureTokens(wb, "ru", seeded("b"), "2026-12-01");
    expect(second.tokens).toEqual(first.tokens);
    expect(second.created).toBe(0);
    expect(wb.writes.length).toBe(writes);
  });

  it("revokes a token when consent is withdrawn, dating it", () => {
    const wb = school();
    const first = ensureTokens(wb, "ru", seeded("a"), TODAY);
    wb.sheets.get("Учащиеся")![1][8] = "нет";
    const second = ensureTokens(wb, "ru", seeded("b"), new Date("2026-11-30T22:30:00Z"));
    expect(second.revoked).toBe(1);
    expect(second.tokens.has("S001")).toBe(false);
    const row = wb.sheets.get("Токены")!.find((r) => r[1] === first.tokens.get("S001"))!;
    // 22:30 UTC is already 1 December in Moscow, the workbook's time zone.
    expect(row[3]).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
});

describe("feedbackLinks", () => {
  it("gives links to consenting families and lists the others with the reason", () => {
    const wb = school();
    const res = feedbackLinks(wb, FORM, "1000", seeded("a"), TODAY);
    expect(res.links.map((l) => [l.studentId, l.contact])).toEqual([
      ["S001", "olga@example.ru"],
      ["S004", "+7 900 000-00-04"],
    ]);
    expect(res.links[0].link).toBe(`${FORM}?usp=pp_url&entry.1000=${res.tokens.get("S001")}`);
    expect(res.links[1].parent).toBe(INJECTION);
    expect(res.skipped.map((s) => [s.studentId, s.reason])).toEqual([
      ["S002", "no-consent"],
      ["S003", "left"],
      ["S005", "no-contact"],
    ]);
  });

  it("names a new tokens sheet in the workbook's language", () => {
    const wb = school("en");
    const res = feedbackLinks(wb, FORM, "1000", seeded("a"), TODAY);
    expect(res.lang).toBe("en");
    expect(wb.sheets.get("Tokens")![0]).toEqual(["Student", "Token", "Created", "Revoked"]);
  });
});

describe("importResponses", () => {
  const titles = {
    ts: "Отметка времени",
    token: "Код семьи (не меняйте)",
    rating: "Как идёт дистанционное обучение?",
    good: "Что получается хорошо?",
    problems: "Что мешает?",
    question: "Вопрос координатору",
    channel: "Как удобнее с вами связаться?",
  };
  function rec(ts: string, token: string, extra: Partial<Record<keyof typeof titles, string>> = {}) {
    const r: Record<string, string> = { [titles.ts]: ts, [titles.token]: token, [titles.rating]: "4" };
    for (const [k, v] of Object.entries(extra)) r[titles[k as keyof typeof titles]] = v;
    return r;
  }

  it("appends responses with the student resolved, an injected answer kept as text, in one read and one write", () => {
    const wb = school();
    const { tokens } = ensureTokens(wb, "ru", seeded("a"), TODAY);
    const t1 = tokens.get("S001")!;
    const reads = wb.reads;
    const writes = wb.writes.length;
    const res = importResponses(wb, [
      rec("2026/11/20 7:05:09 PM GMT+3", t1, { good: INJECTION, question: "Когда\nконсультация, в 15:00?" }),
      rec("21.11.2026 10:00:00", "ffffffffffffffffffffffff", { problems: "Интернет;Техника" }),
    ]);
    expect(wb.reads - reads).toBe(1);
    expect(wb.writes.length - writes).toBe(1);
    expect(res).toMatchObject({ added: 2, duplicates: 0, sheet: "Отзывы родителей" });
    const model = loadModel(wb);
    expect(model.feedback).toEqual([
      {
        row: 2,
        timestamp: "2026-11-20T19:05:09",
        token: t1,
        studentId: "S001",
        rating: 4,
        good: INJECTION,
        problems: "",
        question: "Когда\nконсультация, в 15:00?",
        answered: null,
      },
      {
        row: 3,
        timestamp: "2026-11-21T10:00:00",
        token: "ffffffffffffffffffffffff",
        studentId: "",
        rating: 4,
        good: "",
        problems: "Интернет;Техника",
        question: "",
        answered: null,
      },
    ]);
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0]).toMatchObject({
      sheet: "Отзывы родителей",
      cell: "B3",
      code: "unknown-ref",
      severity: "warning",
    });
    // What went to the port was neutralised by the adapter's write path, not stored as a formula.
    const sent = wb.writes.at(-1)![0].append![0];
    expect(sent[4]).toBe(INJECTION);
    expect(model.issues.filter((i) => i.sheet === "Отзывы родителей")).toEqual([]);
  });

  it("skips responses already in the sheet and repeated within the file", () => {
    const wb = school();
    const { tokens } = ensureTokens(wb, "ru", seeded("a"), TODAY);
    const t1 = tokens.get("S001")!;
    const a = rec("2026/11/20 7:05:09 PM GMT+3", t1);
    expect(importResponses(wb, [a, { ...a }]).added).toBe(1);
    const writes = wb.writes.length;
    const again = importResponses(wb, [a, rec("20.11.2026 19:05:09", t1.toUpperCase())]);
    expect(again).toMatchObject({ added: 0, duplicates: 2 });
    expect(wb.writes.length).toBe(writes);
    const more = importResponses(wb, [a, rec("20.11.2026 19:05:10", t1)]);
    expect(more).toMatchObject({ added: 1, duplicates: 1 });
    expect(loadModel(wb).feedback).toHaveLength(2);
  });

  it("creates the sheet with headers when missing and reports questions that are not in the form", () => {
    const wb = new MemoryWorkbook({ Students: [["ID", "Name", "Data consent"]] });
    const res = importResponses(wb, [
      { Timestamp: "2/4/2024 8:23:30", "Family code (do not change)": "", Class: "9A" },
    ]);
    expect(res.sheet).toBe("Parent feedback");
    const sheet = wb.sheets.get("Parent feedback")!;
    expect(sheet[0]).toEqual([
      "Timestamp",
      "Token",
      "Student",
      "Rating",
      "What goes well",
      "Problems",
      "Question",
      "Answered",
    ]);
    expect(sheet[1][0]).toEqual(new Date("2024-02-04T08:23:30Z"));
    expect(res.issues.map((i) => [i.cell, i.code])).toEqual([
      ["B2", "unknown-ref"],
      ["", "other"],
    ]);
    expect(res.issues[1].message.en).toBe(
      'Question "Class" is not in the feedback form; its answers were not imported',
    );
  });

  it("writes by the sheet's own column order and never touches the user's columns", () => {
    const wb = school();
    const { tokens } = ensureTokens(wb, "ru", seeded("a"), TODAY);
    wb.sheets.set("Отзывы родителей", [
      ["Токен", "Моя заметка", "Отметка времени", "Учащийся", "Оценка"],
      ["old", "позвонить", "01.11.2026 09:00", "S001", 5],
    ]);
    const res = importResponses(wb, [rec("2026-11-22 08:00:00", tokens.get("S004")!, { good: "всё" })]);
    expect(res.added).toBe(1);
    const sheet = wb.sheets.get("Отзывы родителей")!;
    expect(sheet[0]).toEqual([
      "Токен",
      "Моя заметка",
      "Отметка времени",
      "Учащийся",
      "Оценка",
      "Что получается",
      "Что мешает",
      "Вопрос",
      "Ответ дан",
    ]);
    expect(sheet[1]).toEqual(["old", "позвонить", "01.11.2026 09:00", "S001", 5]);
    expect(sheet[2].slice(0, 6)).toEqual([
      tokens.get("S004"),
      null,
      new Date("2026-11-22T08:00:00Z"),
      "S004",
      4,
      "всё",
    ]);
  });
});
