/**
 * Russian grammar over every template with a number, for every number 0–200: the plural form
 * after the number (1 день, 2 дня, 5 дней, 11 дней, 21 день), the genitive after «из» and
 * «дольше» (из 21 учащегося, дольше 1 дня, дольше 5 дней), «г.» after a date, and English
 * singular/plural. Expected forms come from the rule written out here, not from Intl.
 */
import { describe, expect, it } from "vitest";
import type { MonthFigures } from "../../../src/core/metrics/index.js";
import { reportSettings, writer } from "../../../src/core/narrative/context.js";
import { contactProblems, groupProblems } from "../../../src/core/narrative/findings.js";
import { count, NOUN_NAMES, type Noun } from "../../../src/core/narrative/words.js";
import { DEFAULT_SETTINGS } from "../../../src/core/records.js";
import { docDate, forMonth } from "../../../src/core/report/labels.js";

type Form = "one" | "few" | "many";
/** The Russian rule for integers. */
function ruForm(n: number): Form {
  if (n % 10 === 1 && n % 100 !== 11) return "one";
  if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) return "few";
  return "many";
}

const RU: Record<Noun, Record<Form, string>> = {
  student: { one: "учащийся", few: "учащихся", many: "учащихся" },
  group: { one: "группа", few: "группы", many: "групп" },
  lesson: { one: "урок", few: "урока", many: "уроков" },
  day: { one: "день", few: "дня", many: "дней" },
  response: { one: "отзыв", few: "отзыва", many: "отзывов" },
  question: { one: "вопрос", few: "вопроса", many: "вопросов" },
  change: { one: "изменение", few: "изменения", many: "изменений" },
  contact: { one: "контакт", few: "контакта", many: "контактов" },
  mark: { one: "отметки", few: "отметок", many: "отметок" },
  point: { one: "пункт", few: "пункта", many: "пунктов" },
  studentOf: { one: "учащегося", few: "учащихся", many: "учащихся" },
  dayOf: { one: "дня", few: "дней", many: "дней" },
  groupOf: { one: "группы", few: "групп", many: "групп" },
  lessonOf: { one: "урока", few: "уроков", many: "уроков" },
  absence: { one: "пропуск", few: "пропуска", many: "пропусков" },
  assignment: { one: "невыполненное задание", few: "невыполненных задания", many: "невыполненных заданий" },
};

const N = Array.from({ length: 201 }, (_, i) => i);

describe("Russian and English number agreement, 0–200", () => {
  it("has an expected form table for every noun", () => {
    expect(Object.keys(RU).sort()).toEqual([...NOUN_NAMES].sort());
  });

  it.each(NOUN_NAMES)("«%s» agrees with every number", (noun) => {
    for (const n of N) expect(count(n, noun, "ru")).toBe(`${n} ${RU[noun][ruForm(n)]}`);
    for (const n of N) expect(count(n, noun, "en")).toMatch(n === 1 ? /^1 \w/ : new RegExp(`^${n} .*s$`));
  });

  it("says «дольше N дня/дней» and «N день/дня/дней» in the contact line", () => {
    for (const n of N) {
      const days = n + 1;
      const w = writer(
        "ru",
        "2026-11",
        {
          ...reportSettings(DEFAULT_SETTINGS),
          thresholds: { ...reportSettings(DEFAULT_SETTINGS).thresholds, daysWithoutContact: n },
        },
        new Map([["T1", "Григорьев Павел Александрович"]]),
        "2026-12-02",
      );
      const f = {
        groups: [{ groupId: "G08", title: "История 7" }],
        staff: [
          {
            staffId: "T1",
            groupContacts: [{ groupId: "G08", as: "teacher", lastContact: "2026-11-20", days, stale: true }],
          },
        ],
      } as unknown as MonthFigures;
      const [line] = contactProblems(f, w);
      expect(line.text).toBe(
        `Нет контакта с группой дольше ${n} ${RU.dayOf[ruForm(n)]}: Григорьев П. А. — G08 «История 7», ${days} ${RU.dayOf[ruForm(days)]} с последнего.`,
      );
      expect(line.recommendation).toMatch(/ г\.$/);
    }
  });

  it("says «н/а у K из N учащегося/учащихся» and «проведено K из N урока/уроков»", () => {
    const w = writer("ru", "2026-11", reportSettings(DEFAULT_SETTINGS), new Map(), "2026-12-02");
    for (const n of N.slice(1)) {
      const g = {
        groupId: "G1",
        title: "",
        teacherId: "",
        tutorId: "",
        N: n,
        nNa: 1,
        success: 100,
        quality: 100,
        attendance: 100,
        columns: 0,
        journalFill: null,
        planned: n,
      } as never;
      const texts = groupProblems(g, undefined, w).map((x) => x.text);
      expect(texts).toContain(`G1: н/а у 1 из ${n} ${RU.studentOf[ruForm(n)]}.`);
      expect(texts).toContain(`G1: проведено 0 из ${n} ${RU.lessonOf[ruForm(n)]} по расписанию.`);
    }
  });

  it("writes «г.» after a date and in the period", () => {
    expect(docDate("2026-12-02", "ru")).toBe("2 декабря 2026 г.");
    expect(docDate("2026-12-02", "en")).toBe("2 December 2026");
    expect(forMonth("2026-11", "ru")).toBe("за ноябрь 2026 г.");
    expect(forMonth("2026-11", "en")).toBe("for November 2026");
  });
});
