/**
 * The maximum weekly load by grade (СанПиН 1.2.3685-21, table 6.6) and «Учебная неделя», read
 * from «Настройки» here so the shared settings parser stays as it is. Both tables are settings
 * the school may edit: «1: 21; 2-4: 23; …» (grade or grade range, colon, hours).
 */
import { a1, type CellValue, cellText, isBlank } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import { norm } from "../schema.js";

export const DEFAULT_LOAD_5 = "1: 21; 2-4: 23; 5: 29; 6: 30; 7: 32; 8-9: 33; 10-11: 34";
export const DEFAULT_LOAD_6 = "2-4: 26; 5: 32; 6: 33; 7: 35; 8-9: 36; 10-11: 37";

export const PLAN_SETTINGS = [
  { key: "week", ru: "Учебная неделя", en: "School week", default: "5" },
  {
    key: "load5",
    ru: "Максимальная нагрузка, 5 дней",
    en: "Maximum load, 5-day week",
    default: DEFAULT_LOAD_5,
  },
  {
    key: "load6",
    ru: "Максимальная нагрузка, 6 дней",
    en: "Maximum load, 6-day week",
    default: DEFAULT_LOAD_6,
  },
] as const;

export interface LoadLimits {
  week: 5 | 6;
  /** grade -> maximum hours a week, for the school's week. */
  byGrade: Map<number, number>;
  /** Where the table in force comes from, for messages: the setting's name. */
  source: string;
}

/** «1: 21; 2-4: 23» -> grade -> hours, or null when any part is not of that form. */
export function parseLoadTable(text: string): Map<number, number> | null {
  const out = new Map<number, number>();
  for (const part of text.split(/[;\n]/).map((x) => x.trim())) {
    if (!part) continue;
    const m = /^(\d{1,2})\s*(?:[-–—]\s*(\d{1,2}))?\s*[:=]\s*(\d{1,2}(?:[.,]\d+)?)$/.exec(part);
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = m[2] ? Number(m[2]) : lo;
    if (lo < 1 || hi > 11 || hi < lo) return null;
    for (let g = lo; g <= hi; g++) out.set(g, Number(m[3].replace(",", ".")));
  }
  return out.size ? out : null;
}

/** The grade of a class name: «9А» -> 9, «10 Б» -> 10; null when it does not start with one. */
export function gradeOf(className: string): number | null {
  const m = /^\s*(\d{1,2})/.exec(className);
  const g = m ? Number(m[1]) : Number.NaN;
  return g >= 1 && g <= 11 ? g : null;
}

export function loadLimits(
  sheet: string | undefined,
  values: readonly (readonly CellValue[])[],
  lang: "ru" | "en",
): { limits: LoadLimits; issues: Issue[] } {
  const issues: Issue[] = [];
  const typed: Record<string, { text: string; where: string }> = {};
  values.forEach((line, r) => {
    const spec = PLAN_SETTINGS.find((x) => norm(x.ru) === norm(line[0]) || norm(x.en) === norm(line[0]));
    if (spec && !isBlank(line[1])) typed[spec.key] = { text: cellText(line[1]), where: a1(r + 1, 2) };
  });
  let week: 5 | 6 = 5;
  if (typed.week) {
    const w = typed.week.text.replace(/\D.*$/, "");
    if (w === "5" || w === "6") week = Number(w) as 5 | 6;
    else
      issues.push(
        issue(sheet ?? "", typed.week.where, "bad-setting", {
          ru: `«Учебная неделя»: «${typed.week.text}» — ожидается 5 или 6; считается 5`,
          en: `"School week": "${typed.week.text}" should be 5 or 6; 5 is used`,
        }),
      );
  }
  const table = (key: "load5" | "load6") => {
    const spec = PLAN_SETTINGS.find((x) => x.key === key)!;
    const given = typed[key];
    const parsed = given ? parseLoadTable(given.text) : null;
    if (given && !parsed)
      issues.push(
        issue(sheet ?? "", given.where, "bad-setting", {
          ru: `«${spec.ru}»: «${given.text}» — ожидается «класс: часы; …», например «${spec.default}»; действует таблица СанПиН`,
          en: `"${spec.en}": "${given.text}" should read "grade: hours; …", e.g. "${spec.default}"; the SanPiN table is used`,
        }),
      );
    return parsed ?? (parseLoadTable(spec.default) as Map<number, number>);
  };
  const five = table("load5");
  const six = table("load6");
  // The six-day table has no first grade (СанПиН: first grade studies five days): it falls back.
  const byGrade = week === 6 ? new Map([...five, ...six]) : five;
  const spec = PLAN_SETTINGS.find((x) => x.key === (week === 6 ? "load6" : "load5"))!;
  return { limits: { week, byGrade, source: spec[lang] }, issues };
}
