/**
 * The parent feedback form, defined once as data: the Apps Script side builds the Google Form
 * from it (FormApp), and responses are mapped back to Feedback rows by question title.
 * No question asks for a name: the family is known only by an opaque token in a prefilled link.
 */
import type { Msg } from "../i18n.js";
import { norm } from "../schema.js";

export type FormItemKey = "token" | "rating" | "good" | "problems" | "question" | "channel";
export type FormItemKind = "text" | "scale" | "paragraph" | "choice";

export interface FormItem {
  key: FormItemKey;
  kind: FormItemKind;
  title: Msg;
  help?: Msg;
  required?: boolean;
  /** kind "scale": bounds and end labels. */
  scale?: { low: number; high: number; lowLabel: Msg; highLabel: Msg };
  /** kind "choice": the options in each language (same order). */
  options?: { ru: readonly string[]; en: readonly string[] };
  /** kind "text": a regular expression the answer must match (FormApp text validation). */
  pattern?: string;
}

export interface FormSpec {
  title: Msg;
  description: Msg;
  items: readonly FormItem[];
}

/** Tokens are 12 random bytes written as 24 lower-case hex digits. */
export const TOKEN_PATTERN = "^[0-9a-fA-F]{24}$";

export const FORM_SPEC: FormSpec = {
  title: { ru: "Дистанционное обучение: отзыв родителей", en: "Distance learning: parent feedback" },
  description: {
    ru: "Ответы читает только координатор дистанционного обучения. Имя указывать не нужно: код семьи в первом вопросе уже заполнен по вашей ссылке.",
    en: "Only the distance-learning coordinator reads the answers. No name is needed: the family code in the first question is already filled in from your link.",
  },
  items: [
    {
      key: "token",
      kind: "text",
      title: { ru: "Код семьи (не меняйте)", en: "Family code (do not change)" },
      help: {
        ru: "Код уже вписан из вашей личной ссылки; по нему координатор видит, о ком отзыв. Не пересылайте ссылку другим.",
        en: "The code comes from your personal link; it tells the coordinator whom the feedback is about. Do not forward the link.",
      },
      required: true,
      pattern: TOKEN_PATTERN,
    },
    {
      key: "rating",
      kind: "scale",
      title: { ru: "Как идёт дистанционное обучение?", en: "How is distance learning going?" },
      required: true,
      scale: {
        low: 1,
        high: 5,
        lowLabel: { ru: "плохо", en: "badly" },
        highLabel: { ru: "отлично", en: "very well" },
      },
    },
    {
      key: "good",
      kind: "paragraph",
      title: { ru: "Что получается хорошо?", en: "What goes well?" },
    },
    {
      key: "problems",
      kind: "paragraph",
      title: { ru: "Что мешает?", en: "What gets in the way?" },
    },
    {
      key: "question",
      kind: "paragraph",
      title: { ru: "Вопрос координатору", en: "Question to the coordinator" },
    },
    {
      key: "channel",
      kind: "choice",
      title: { ru: "Как удобнее с вами связаться?", en: "How would you like us to contact you?" },
      options: {
        ru: ["Telegram", "VK", "Телефон", "Email", "Сферум"],
        en: ["Telegram", "VK", "Phone", "Email", "Sferum"],
      },
    },
  ],
};

/** The localised title Google gives the timestamp column of responses (sheet, CSV, namedValues). */
export const TIMESTAMP_TITLES: readonly string[] = ["Отметка времени", "Timestamp"];

/** Titles compare case-insensitively, spaces folded, without a trailing "?", ":", "." or "*". */
function titleKey(title: unknown): string {
  return norm(title).replace(/[\s?:.*]+$/, "");
}

const BY_TITLE = new Map<string, FormItemKey | "timestamp">([
  ...TIMESTAMP_TITLES.map((t) => [titleKey(t), "timestamp"] as const),
  ...FORM_SPEC.items.flatMap((i) => [
    [titleKey(i.title.ru), i.key] as const,
    [titleKey(i.title.en), i.key] as const,
  ]),
]);

/** The item key of a question title in either language, "timestamp" for the timestamp column. */
export function formItemKeyOfTitle(title: unknown): FormItemKey | "timestamp" | undefined {
  const k = titleKey(title);
  return k ? BY_TITLE.get(k) : undefined;
}

/** The spec item of a key. */
export function formItem(key: FormItemKey): FormItem {
  return FORM_SPEC.items.find((i) => i.key === key)!;
}
