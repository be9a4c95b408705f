/**
 * The presence settings on «Настройки», read here so the shared settings parser stays as it
 * is: «Часовой пояс СДО» (the zone of export times that carry none; blank = «Часовой пояс»),
 * «Допуск СДО, мин» (how far before / after a lesson a session still belongs to it, 15) and
 * «Опоздание СДО, мин» (joining later than this after the start is «опоздал», 5).
 */
import { a1, type CellValue, cellText, isBlank } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import type { Settings } from "../records.js";
import { norm } from "../schema.js";

export interface PresenceSettings {
  zone: string;
  toleranceMin: number;
  lateAfterMin: number;
}

export const PRESENCE_SETTINGS = [
  { key: "zone", ru: "Часовой пояс СДО", en: "LMS time zone" },
  { key: "toleranceMin", ru: "Допуск СДО, мин", en: "LMS tolerance, min" },
  { key: "lateAfterMin", ru: "Опоздание СДО, мин", en: "LMS late after, min" },
] as const;

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function presenceSettings(
  base: Settings,
  sheet: string | undefined,
  values: readonly (readonly CellValue[])[],
): { settings: PresenceSettings; issues: Issue[] } {
  const settings: PresenceSettings = { zone: base.timeZone, toleranceMin: 15, lateAfterMin: 5 };
  const issues: Issue[] = [];
  values.forEach((line, r) => {
    const spec = PRESENCE_SETTINGS.find((s) => norm(s.ru) === norm(line[0]) || norm(s.en) === norm(line[0]));
    if (!spec || isBlank(line[1])) return;
    const text = cellText(line[1]);
    const where = a1(r + 1, 2);
    if (spec.key === "zone") {
      if (validZone(text)) settings.zone = text;
      else
        issues.push(
          issue(sheet ?? "", where, "bad-setting", {
            ru: `«${spec.ru}»: «${text}» — неизвестный часовой пояс; используется ${settings.zone}`,
            en: `"${spec.en}": "${text}" is not a known time zone; using ${settings.zone}`,
          }),
        );
      return;
    }
    const n = Number(text.replace(",", "."));
    if (Number.isFinite(n) && n >= 0 && n <= 240) settings[spec.key] = n;
    else
      issues.push(
        issue(sheet ?? "", where, "bad-setting", {
          ru: `«${spec.ru}»: «${text}» — ожидается число минут от 0 до 240; используется ${settings[spec.key]}`,
          en: `"${spec.en}": "${text}" — expected minutes from 0 to 240; using ${settings[spec.key]}`,
        }),
      );
  });
  return { settings, issues };
}
