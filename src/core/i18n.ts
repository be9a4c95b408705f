/** The product speaks Russian first and English second. */
export type Lang = "ru" | "en";

/** A user-facing text in both languages. */
export interface Msg {
  ru: string;
  en: string;
}

export function msg(ru: string, en: string): Msg {
  return { ru, en };
}

export function t(m: Msg, lang: Lang): string {
  return m[lang];
}

export function parseLang(value: unknown, fallback: Lang = "ru"): Lang {
  const v = String(value ?? "")
    .trim()
    .toLowerCase();
  if (v === "en" || v === "english" || v === "английский") return "en";
  if (v === "ru" || v === "russian" || v === "русский") return "ru";
  return fallback;
}

const RULES: Partial<Record<Lang, Intl.PluralRules>> = {};

function pluralRules(lang: Lang): Intl.PluralRules {
  RULES[lang] ??= new Intl.PluralRules(lang === "ru" ? "ru-RU" : "en-US");
  return RULES[lang];
}

/** Plural form for a count: Russian has one/few/many, English one/other (Intl.PluralRules). */
export function plural(
  lang: Lang,
  n: number,
  forms: { one: string; few?: string; many?: string; other: string },
): string {
  const rule = pluralRules(lang).select(n);
  const form = (forms as Record<string, string | undefined>)[rule] ?? forms.other;
  return `${n} ${form}`;
}
