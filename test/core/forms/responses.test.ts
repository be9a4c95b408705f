import { describe, expect, it } from "vitest";
import {
  dedupeKey,
  feedbackFromResponse,
  feedbackValues,
  isoLocal,
  parseFormTimestamp,
  responseFromItems,
  responseFromNamed,
  timestampOfCell,
} from "../../../src/core/forms/responses.js";
import type { TokenRow } from "../../../src/core/forms/tokens.js";
import { SHEETS } from "../../../src/core/schema.js";

const T1 = "0123456789abcdef01234567";
const T2 = "fedcba9876543210fedcba98";
const TOKENS: TokenRow[] = [
  { row: 2, studentId: "S001", token: T1, created: "2026-11-01", revoked: null },
  { row: 3, studentId: "S002", token: T2, created: "2026-11-01", revoked: "2026-11-20" },
];
const AT = { sheet: "Отзывы родителей", row: 7, tokenCol: 2, timestampCol: 1, ratingCol: 4 };

describe("parseFormTimestamp", () => {
  it.each([
    ["2022/11/30 10:39:41 PM GMT+1", "2022-11-30T22:39:41"],
    ["2022/11/30 12:05:00 AM GMT+3", "2022-11-30T00:05:00"],
    ["2022/11/30 12:05:00 PM MSK", "2022-11-30T12:05:00"],
    ["06.10.2022 13:08:50", "2022-10-06T13:08:50"],
    ["2/4/2024 8:23:30", "2024-02-04T08:23:30"],
    ["25/4/2024 8:23:30", "2024-04-25T08:23:30"],
    ["2022/10/06 13:08:50", "2022-10-06T13:08:50"],
    ["2026-11-24T09:15:00", "2026-11-24T09:15:00"],
    ["2026-11-24 09:15", "2026-11-24T09:15:00"],
    ["06.10.2022", "2022-10-06T00:00:00"],
  ])("%s -> %s", (text, iso) => {
    expect(parseFormTimestamp(text)).toBe(iso);
  });
  it.each(["", "вчера", "31.02.2024 10:00:00", "2024/01/01 25:00:00", "13:08:50", "2024/01/01 13:00:00 PM"])(
    "rejects %j",
    (text) => {
      expect(parseFormTimestamp(text)).toBeNull();
    },
  );
});

describe("responseFromNamed", () => {
  it("maps a CSV record by title in either language", () => {
    const r = responseFromNamed({
      Timestamp: "2022/11/30 10:39:41 PM GMT+1",
      "Family code (do not change)": T1,
      "How is distance learning going?": "4",
      "What goes well?": "Математика, «Физика»",
      "What gets in the way?": "Интернет;Нет ноутбука",
      "Question to the coordinator": "Когда\nконсультация?",
      "How would you like us to contact you?": "Telegram",
    });
    expect(r).toEqual({
      timestamp: "2022-11-30T22:39:41",
      timestampOk: true,
      token: T1,
      rating: "4",
      good: "Математика, «Физика»",
      problems: "Интернет;Нет ноутбука",
      question: "Когда\nконсультация?",
      channel: "Telegram",
      unknownTitles: [],
    });
  });

  it("reads namedValues: trailing-space titles, a duplicated title's two answers, the blank title", () => {
    const r = responseFromNamed({
      "Отметка времени": ["06.10.2022 13:08:50"],
      "Код семьи (не меняйте) ": [T1],
      "Как идёт дистанционное обучение?  ": ["5"],
      "Что получается хорошо?": ["Всё", "Особенно химия"],
      "Что мешает?": [""],
      "": ["ответ без вопроса"],
      "Класс ребёнка": ["9А"],
    });
    expect(r.timestamp).toBe("2022-10-06T13:08:50");
    expect(r.token).toBe(T1);
    expect(r.rating).toBe("5");
    expect(r.good).toBe("Всё; Особенно химия");
    expect(r.problems).toBe("");
    expect(r.unknownTitles).toEqual(["", "Класс ребёнка"]);
  });

  it("keeps a timestamp it cannot read as received", () => {
    const r = responseFromNamed({ Timestamp: "позавчера", "Family code (do not change)": T1 });
    expect(r).toMatchObject({ timestamp: "позавчера", timestampOk: false });
  });
});

describe("responseFromItems", () => {
  it("reads a form-bound event's item responses; checkbox arrays are joined with ', '", () => {
    const r = responseFromItems(
      [
        { title: "Код семьи (не меняйте)", response: T1 },
        { title: "Как идёт дистанционное обучение?", response: "3" },
        { title: "Что мешает?", response: ["Интернет", "Техника"] },
        { title: "Как удобнее с вами связаться?", response: null },
        { title: "Что получается хорошо?", response: [["Урок 1", "Урок 2"], ["Урок 3"]] },
      ],
      isoLocal(new Date("2026-11-24T09:15:30Z"), "Europe/Moscow"),
    );
    expect(r).toMatchObject({
      timestamp: "2026-11-24T12:15:30",
      timestampOk: true,
      token: T1,
      rating: "3",
      problems: "Интернет, Техника",
      good: "Урок 1, Урок 2; Урок 3",
      channel: "",
    });
  });
});

describe("feedbackFromResponse", () => {
  const base = responseFromNamed({
    Timestamp: "06.10.2022 13:08:50",
    "How is distance learning going?": "4",
  });

  it("resolves an active token to the student", () => {
    const { entry, issues } = feedbackFromResponse({ ...base, token: T1.toUpperCase() }, TOKENS, AT);
    expect(entry).toMatchObject({ studentId: "S001", rating: 4, timestamp: "2022-10-06T13:08:50" });
    expect(issues).toEqual([]);
  });

  it("keeps a response with an unknown, revoked or missing token, blank student, and reports it", () => {
    for (const [token, text] of [
      ["000000000000000000000000", /не найден на листе «Токены»/],
      [T2, /отозван \(был у S002\)/],
      ["", /без кода семьи/],
    ] as const) {
      const { entry, issues } = feedbackFromResponse({ ...base, token }, TOKENS, AT);
      expect(entry.studentId).toBe("");
      expect(entry.token).toBe(token);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        sheet: "Отзывы родителей",
        cell: "B7",
        code: "unknown-ref",
        severity: "warning",
      });
      expect(issues[0].message.ru).toMatch(text);
    }
  });

  it("keeps an odd rating as text and an unreadable timestamp as received, with warnings", () => {
    const r = {
      ...responseFromNamed({ Timestamp: "??", "How is distance learning going?": "отлично" }),
      token: T1,
    };
    const { entry, issues } = feedbackFromResponse(r, TOKENS, AT);
    expect(entry).toMatchObject({ rating: "отлично", timestamp: "??", studentId: "S001" });
    expect(issues.map((i) => [i.cell, i.code])).toEqual([
      ["A7", "bad-date"],
      ["D7", "bad-number"],
    ]);
  });
});

describe("feedbackValues", () => {
  const entry = {
    timestamp: "2022-10-06T13:08:50",
    timestampOk: true,
    token: T1,
    studentId: "S001",
    rating: 4,
    good: "Всё",
    problems: "",
    question: "Когда?",
  };
  it("gives the row in Feedback column order, the timestamp as a Date with local time in its UTC fields", () => {
    expect(SHEETS.feedback.columns.map((c) => c.key)).toEqual([
      "timestamp",
      "token",
      "studentId",
      "rating",
      "good",
      "problems",
      "question",
      "answered",
    ]);
    expect(feedbackValues(entry)).toEqual([
      new Date("2022-10-06T13:08:50Z"),
      T1,
      "S001",
      4,
      "Всё",
      null,
      "Когда?",
      null,
    ]);
  });
  it("places values by the sheet's own columns and leaves the user's columns blank", () => {
    const v = feedbackValues(entry, {
      token: 1,
      timestamp: 2,
      studentId: 4,
      rating: 5,
      good: 6,
      problems: 7,
      question: 8,
      answered: 9,
    });
    expect(v.slice(0, 5)).toEqual([T1, new Date("2022-10-06T13:08:50Z"), null, "S001", 4]);
    expect(v).toHaveLength(9);
  });
});

describe("dedupeKey / timestampOfCell", () => {
  it("matches a response with the same row already in the sheet however the timestamp is stored", () => {
    const key = dedupeKey({ timestamp: "2022-10-06T13:08:50", token: T1 });
    expect(
      dedupeKey({ timestamp: timestampOfCell(new Date("2022-10-06T13:08:49.999Z")), token: ` ${T1}` }),
    ).toBe(key);
    expect(dedupeKey({ timestamp: timestampOfCell("06.10.2022 13:08:50"), token: T1.toUpperCase() })).toBe(
      key,
    );
    const serial = 44840 + (13 * 3600 + 8 * 60 + 50) / 86400;
    expect(timestampOfCell(serial)).toBe("2022-10-06T13:08:50");
    expect(dedupeKey({ timestamp: "2022-10-06T13:08:51", token: T1 })).not.toBe(key);
    expect(dedupeKey({ timestamp: "2022-10-06T13:08:50", token: T2 })).not.toBe(key);
  });
});
