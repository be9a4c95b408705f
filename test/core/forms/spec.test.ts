import { describe, expect, it } from "vitest";
import { FORM_SPEC, formItemKeyOfTitle } from "../../../src/core/forms/spec.js";

describe("FORM_SPEC", () => {
  it("defines the six questions in order, every text in both languages", () => {
    expect(FORM_SPEC.items.map((i) => [i.key, i.kind])).toEqual([
      ["token", "text"],
      ["rating", "scale"],
      ["good", "paragraph"],
      ["problems", "paragraph"],
      ["question", "paragraph"],
      ["channel", "choice"],
    ]);
    for (const i of FORM_SPEC.items) {
      expect(i.title.ru.length * i.title.en.length).toBeGreaterThan(0);
      if (i.options) expect(i.options.ru).toHaveLength(i.options.en.length);
    }
    expect(FORM_SPEC.items.find((i) => i.key === "rating")).toMatchObject({
      required: true,
      scale: { low: 1, high: 5 },
    });
    expect(FORM_SPEC.items[0].title).toEqual({
      ru: "Код семьи (не меняйте)",
      en: "Family code (do not change)",
    });
  });

  it("never asks for a name", () => {
    for (const i of FORM_SPEC.items) {
      expect(`${i.title.ru} ${i.title.en}`).not.toMatch(/имя|фио|фамили|name|surname/i);
    }
  });

  it("the token question accepts exactly a 24-hex-digit code", () => {
    const re = new RegExp(FORM_SPEC.items[0].pattern!);
    expect(re.test("0123456789abcdef01234567")).toBe(true);
    expect(re.test("0123456789abcdef0123456")).toBe(false);
    expect(re.test("Иванов")).toBe(false);
  });
});

describe("formItemKeyOfTitle", () => {
  it("maps titles in either language, trimmed and case-insensitively", () => {
    expect(formItemKeyOfTitle("Код семьи (не меняйте)")).toBe("token");
    expect(formItemKeyOfTitle("  family CODE (do not change) ")).toBe("token");
    expect(formItemKeyOfTitle("Как идёт дистанционное обучение?")).toBe("rating");
    expect(formItemKeyOfTitle("как идет дистанционное обучение")).toBe("rating");
    expect(formItemKeyOfTitle("What goes well?")).toBe("good");
    expect(formItemKeyOfTitle("Что мешает? ")).toBe("problems");
    expect(formItemKeyOfTitle("ВОПРОС КООРДИНАТОРУ")).toBe("question");
    expect(formItemKeyOfTitle("How would you like us to contact you?")).toBe("channel");
  });

  it("maps the localised timestamp title to timestamp", () => {
    expect(formItemKeyOfTitle("Отметка времени")).toBe("timestamp");
    expect(formItemKeyOfTitle("Timestamp")).toBe("timestamp");
    expect(formItemKeyOfTitle(" timestamp  ")).toBe("timestamp");
  });

  it("gives undefined for other titles and for a blank title", () => {
    expect(formItemKeyOfTitle("")).toBeUndefined();
    expect(formItemKeyOfTitle("   ")).toBeUndefined();
    expect(formItemKeyOfTitle("ФИО ребёнка")).toBeUndefined();
    expect(formItemKeyOfTitle("Вопрос")).toBeUndefined();
  });
});
