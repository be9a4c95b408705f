import { describe, expect, it } from "vitest";
import type { PairFigures } from "../../../src/core/metrics/index.js";
import { parentDraft, riskWhy } from "../../../src/core/risk/draft.js";

const pair = {
  lessons: 8,
  absences: 4,
  monthMark: 2,
  riskReasons: ["absences", "low-mark"],
} as unknown as PairFigures;
const student = {
  name: "Иванов Пётр",
  parent: "Иванова Анна",
  parentEmail: "anna@example.org",
  parentPhone: "",
  channel: "",
  consent: true,
};

describe("the «сообщить родителям» draft", () => {
  it("says why in plain words and is addressed to the parent", () => {
    expect(riskWhy(pair, 3)).toEqual({
      ru: "пропущено 4 из 8 уроков; отметка за месяц 2",
      en: "4 of 8 lessons missed; month mark 2",
    });
    const d = parentDraft(pair, student, "Математика", 3, "ru");
    if (!d.ok) throw new Error("a draft expected");
    expect(d.draft).toMatchObject({
      to: "anna@example.org",
      channel: "email",
      subject: "Иванов Пётр: занятия «Математика»",
    });
    expect(d.draft.text).toMatch(
      /^Здравствуйте, Иванова Анна!\n\nПишу по поводу занятий «Математика» \(Иванов Пётр\): пропущено 4 из 8 уроков; отметка за месяц 2\./,
    );
  });

  it("is not made without consent or without a contact", () => {
    expect(parentDraft(pair, { ...student, consent: null }, "М", 3, "ru")).toMatchObject({
      ok: false,
      why: { ru: expect.stringContaining("нет согласия") },
    });
    expect(parentDraft(pair, { ...student, parentEmail: "" }, "М", 3, "en")).toMatchObject({
      ok: false,
      why: { en: expect.stringContaining("no email or phone") },
    });
    const phone = parentDraft(pair, { ...student, parentEmail: "", parentPhone: "+7 921 000" }, "М", 3, "en");
    expect(phone.ok && phone.draft.to).toBe("+7 921 000");
  });
});
