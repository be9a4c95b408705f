/** Small phrases with numbers: plural forms (Intl.PluralRules) and signed changes in words. */
import { type Lang, plural } from "../i18n.js";
import { formatNumber } from "../metrics/index.js";

type Forms = { one: string; few?: string; many?: string; other: string };

const NOUNS = {
  student: {
    ru: { one: "учащийся", few: "учащихся", many: "учащихся", other: "учащегося" },
    en: { one: "student", other: "students" },
  },
  group: {
    ru: { one: "группа", few: "группы", many: "групп", other: "группы" },
    en: { one: "group", other: "groups" },
  },
  lesson: {
    ru: { one: "урок", few: "урока", many: "уроков", other: "урока" },
    en: { one: "lesson", other: "lessons" },
  },
  day: { ru: { one: "день", few: "дня", many: "дней", other: "дня" }, en: { one: "day", other: "days" } },
  response: {
    ru: { one: "отзыв", few: "отзыва", many: "отзывов", other: "отзыва" },
    en: { one: "response", other: "responses" },
  },
  question: {
    ru: { one: "вопрос", few: "вопроса", many: "вопросов", other: "вопроса" },
    en: { one: "question", other: "questions" },
  },
  change: {
    ru: { one: "изменение", few: "изменения", many: "изменений", other: "изменения" },
    en: { one: "change", other: "changes" },
  },
  contact: {
    ru: { one: "контакт", few: "контакта", many: "контактов", other: "контакта" },
    en: { one: "contact", other: "contacts" },
  },
  mark: {
    ru: { one: "отметки", few: "отметок", many: "отметок", other: "отметки" },
    en: { one: "mark", other: "marks" },
  },
  point: {
    ru: { one: "пункт", few: "пункта", many: "пунктов", other: "пункта" },
    en: { one: "point", other: "points" },
  },
  // Genitive after «из», «дольше», «не менее»: «из 21 учащегося», «дольше 1 дня», «дольше 5 дней».
  studentOf: {
    ru: { one: "учащегося", few: "учащихся", many: "учащихся", other: "учащегося" },
    en: { one: "student", other: "students" },
  },
  dayOf: {
    ru: { one: "дня", few: "дней", many: "дней", other: "дня" },
    en: { one: "day", other: "days" },
  },
  groupOf: {
    ru: { one: "группы", few: "групп", many: "групп", other: "группы" },
    en: { one: "group", other: "groups" },
  },
  lessonOf: {
    ru: { one: "урока", few: "уроков", many: "уроков", other: "урока" },
    en: { one: "lesson", other: "lessons" },
  },
  absence: {
    ru: { one: "пропуск", few: "пропуска", many: "пропусков", other: "пропуска" },
    en: { one: "absence", other: "absences" },
  },
  assignment: {
    ru: {
      one: "невыполненное задание",
      few: "невыполненных задания",
      many: "невыполненных заданий",
      other: "невыполненного задания",
    },
    en: { one: "missed assignment", other: "missed assignments" },
  },
} satisfies Record<string, Record<Lang, Forms>>;

export type Noun = keyof typeof NOUNS;

/** The word forms of a noun (for the grammar test and for callers that place the number themselves). */
export function nounForms(noun: Noun, lang: Lang): Forms {
  return NOUNS[noun][lang];
}

export const NOUN_NAMES = Object.keys(NOUNS) as Noun[];

/** "3 группы", "21 учащийся", "1 lesson", "5 lessons". */
export function count(n: number, noun: Noun, lang: Lang): string {
  return plural(lang, n, NOUNS[noun][lang]);
}

/** A change in percentage points: "+2,5 п.п." / "+2.5 pp"; "без изменений" when it rounds to 0. */
export function ppChange(x: number | null, lang: Lang): string {
  if (x === null) return "";
  const s = formatNumber(Math.abs(x), 1, lang);
  if (s === formatNumber(0, 1, lang)) return lang === "ru" ? "без изменений" : "no change";
  return `${x > 0 ? "+" : "−"}${s} ${lang === "ru" ? "п.п." : "pp"}`;
}

/** A change of an average mark: "+0,12" / "−0.30". */
export function markChange(x: number | null, lang: Lang): string {
  if (x === null) return "";
  const s = formatNumber(Math.abs(x), 2, lang);
  if (s === formatNumber(0, 2, lang)) return lang === "ru" ? "без изменений" : "no change";
  return `${x > 0 ? "+" : "−"}${s}`;
}

/** "A, B и C" / "A, B and C". */
export function listJoin(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join("");
  const and = lang === "ru" ? " и " : " and ";
  return `${items.slice(0, -1).join(", ")}${and}${items[items.length - 1]}`;
}
