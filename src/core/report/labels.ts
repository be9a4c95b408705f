/** Words the summary sheet, the report and the letters share, in both languages. */
import type { Lang } from "../i18n.js";
import type { RiskReason } from "../metrics/index.js";
import type { StaffRole } from "../records.js";
import { enumLabel } from "../schema.js";

export const MONTHS: Record<Lang, string[]> = {
  ru: [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

const MONTHS_GENITIVE_RU = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
];

/** "октябрь 2026" / "October 2026" */
export function monthName(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS[lang][m - 1]} ${y}`;
}

/** "5 октября 2026" / "5 October 2026" */
export function longDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-").map(Number);
  return lang === "ru" ? `${d} ${MONTHS_GENITIVE_RU[m - 1]} ${y}` : `${d} ${MONTHS.en[m - 1]} ${y}`;
}

export function riskText(r: RiskReason, lang: Lang): string {
  const t = {
    absences: { ru: "много пропусков", en: "many absences" },
    "low-mark": { ru: "отметка за месяц 2 или ниже", en: "month mark 2 or lower" },
    "no-mark": { ru: "нет отметки за месяц (н/а)", en: "no month mark (n/a)" },
  } as const;
  return t[r][lang];
}

export function roleText(role: StaffRole | null, lang: Lang): string {
  return role ? enumLabel("role", role, lang) : "";
}

export function summarySheetName(month: string, lang: Lang): string {
  return `${lang === "ru" ? "Сводная" : "Summary"} ${month}`;
}

/** The summary tab of a month in either language, or undefined. */
export function summaryMonthOf(tab: string): string | undefined {
  const m = /^\s*(сводная|summary)\s+(\d{4}-\d{2})\s*$/i.exec(tab);
  return m ? m[2] : undefined;
}

export const yes = (b: boolean, lang: Lang) =>
  b ? (lang === "ru" ? "да" : "yes") : lang === "ru" ? "нет" : "no";

/** A date as a document writes it: «2 декабря 2026 г.» / «2 December 2026». */
export function docDate(iso: string, lang: Lang): string {
  return lang === "ru" ? `${longDate(iso, lang)} г.` : longDate(iso, lang);
}

/** The period of a report: «за ноябрь 2026 г.» / «for November 2026». */
export function forMonth(month: string, lang: Lang): string {
  return lang === "ru" ? `за ${monthName(month, lang)} г.` : `for ${monthName(month, lang)}`;
}

/**
 * «Григорьев Павел Александрович» -> «Григорьев П. А.»; a single word, or a name already
 * written with initials («Н. П. Иванова», «N. Ivanova»), stays as typed.
 */
export function shortName(full: string): string {
  const [surname, ...rest] = full.trim().split(/\s+/);
  if (!surname || rest.length === 0) return full.trim();
  if ([surname, ...rest].some((w) => /^\p{L}\.$/u.test(w))) return full.trim().replace(/\s+/g, " ");
  return `${surname} ${rest.map((w) => `${w[0].toUpperCase()}.`).join(" ")}`;
}
