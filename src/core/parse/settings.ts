/** «Настройки»: two columns, key and value; unknown keys are kept and ignored. */
import { a1, type CellValue, cellText, isBlank } from "../cells.js";
import { parseLang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import { DEFAULT_SETTINGS, type Settings } from "../records.js";
import { norm, SETTINGS, type SettingKey, settingKeyOf } from "../schema.js";
import { isEmail, parseNumber, splitEmails } from "./cells.js";
import { parseFinalMarkRule, parseNamesInReport, REPORT_NUMERIC } from "./report-settings.js";

export interface ParsedSettings {
  settings: Settings;
  /** setting key -> 1-based row where it was found */
  rows: Partial<Record<SettingKey, number>>;
  issues: Issue[];
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const NUMERIC: Partial<Record<SettingKey, { min: number; max: number }>> = {
  absenceThreshold: { min: 0, max: 100 },
  daysWithoutContact: { min: 0, max: 366 },
  roundingThreshold: { min: 0, max: 1 },
  minimumMarks: { min: 0, max: 100 },
  naWeight: { min: 0, max: 100 },
  ...REPORT_NUMERIC,
  periodRoundingThreshold: { min: 0, max: 1 },
  periodMinimumMarks: { min: 0, max: 100 },
  attestationWeight: { min: 0, max: 100 },
  attestationsPerDay: { min: 1, max: 20 },
  attestationsPerWeek: { min: 1, max: 50 },
};

export function parseSettings(sheet: string, values: readonly (readonly CellValue[])[]): ParsedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS, reportRecipients: [] };
  const rows: Partial<Record<SettingKey, number>> = {};
  const issues: Issue[] = [];
  // Key/value columns: by header when present, else the first two columns.
  const header = (values[0] ?? []).map(norm);
  let keyCol = header.findIndex((h) => h === "параметр" || h === "key");
  let valCol = header.findIndex((h) => h === "значение" || h === "value");
  const hasHeader = keyCol >= 0;
  if (keyCol < 0) keyCol = 0;
  if (valCol < 0) valCol = keyCol + 1;
  for (let r = hasHeader ? 1 : 0; r < values.length; r++) {
    const line = values[r] ?? [];
    const key = settingKeyOf(line[keyCol]);
    if (!key) continue;
    rows[key] = r + 1;
    const raw = line[valCol];
    if (isBlank(raw)) continue;
    const text = cellText(raw);
    const where = a1(r + 1, valCol + 1);
    const spec = SETTINGS.find((s) => s.key === key)!;
    const bad = (ru: string, en: string) =>
      issues.push(
        issue(sheet, where, "bad-setting", {
          ru: `«${spec.ru}»: ${ru}; используется ${spec.default || "пусто"}`,
          en: `"${spec.en}": ${en}; using ${spec.default || "blank"}`,
        }),
      );
    const range = NUMERIC[key];
    if (range) {
      const n = parseNumber(raw);
      if (n === null || n < range.min || n > range.max) {
        bad(
          `«${text}» — ожидается число от ${range.min} до ${range.max}`,
          `"${text}" — expected a number from ${range.min} to ${range.max}`,
        );
      } else (settings as unknown as Record<string, number>)[key] = n;
      continue;
    }
    switch (key) {
      case "language": {
        const l = parseLang(text, "ru");
        if (!["ru", "en", "russian", "english", "русский", "английский"].includes(norm(text)))
          bad(`«${text}» — ожидается ru или en`, `"${text}" — expected ru or en`);
        settings.language = l;
        break;
      }
      case "timeZone":
        if (validZone(text)) settings.timeZone = text;
        else
          bad(
            `«${text}» — неизвестный часовой пояс (пример: Europe/Moscow)`,
            `"${text}" — unknown time zone (e.g. Europe/Moscow)`,
          );
        break;
      case "reportRecipients": {
        const list = splitEmails(text);
        const wrong = list.filter((e) => !isEmail(e));
        if (wrong.length) bad(`не адреса: ${wrong.join(", ")}`, `not email addresses: ${wrong.join(", ")}`);
        settings.reportRecipients = list.filter(isEmail);
        break;
      }
      case "namesInReport": {
        const mode = parseNamesInReport(text);
        if (mode) settings.namesInReport = mode;
        else
          bad(
            `«${text}» — ожидается «все», «с согласием» или «только ID»`,
            `"${text}" — expected "all", "with consent" or "IDs only"`,
          );
        break;
      }
      case "finalMarkRule": {
        const rule = parseFinalMarkRule(text);
        if (rule) settings.finalMarkRule = rule;
        else
          bad(
            `«${text}» — ожидается «по отметкам», «с весом аттестации» или «решает аттестация»`,
            `"${text}" — expected "by marks", "attestation weighted" or "attestation decides"`,
          );
        break;
      }
      default:
        (settings as unknown as Record<string, string>)[key] = text;
    }
  }
  return { settings, rows, issues };
}
