/**
 * Typed reading of one cell by column kind. Each reader returns the value or a problem
 * message; the table parser turns the message into a cell-addressed issue.
 */
import { type CellValue, cellText, isBlank } from "../cells.js";
import { parseDate, parseTime } from "../dates.js";
import type { Msg } from "../i18n.js";
import type { IssueCode } from "../issues.js";
import { type ColumnSpec, ENUMS, enumValue } from "../schema.js";

export type Parsed = string | number | boolean | null;

export interface CellProblem {
  code: IssueCode;
  message: Msg;
  severity?: "error" | "warning";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}

/** Split a list of emails typed with commas, semicolons or spaces. */
export function splitEmails(s: string): string[] {
  return s
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A number that a person typed, also as text with a decimal comma ("0,5"). */
export function parseNumber(v: CellValue | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const s = v.trim().replace(/\s/g, "").replace(",", ".").replace(/%$/, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** "YYYY-MM-DDTHH:MM:SS" from a Date (UTC fields) or text such as "06.10.2022 13:08:50". */
export function parseDateTime(v: CellValue | undefined): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 19);
  if (typeof v === "number") {
    const date = parseDate(Math.floor(v));
    if (!date) return null;
    const secs = Math.round((v - Math.floor(v)) * 86400);
    const hh = String(Math.floor(secs / 3600)).padStart(2, "0");
    const mm = String(Math.floor((secs % 3600) / 60)).padStart(2, "0");
    const ss = String(secs % 60).padStart(2, "0");
    return `${date}T${hh}:${mm}:${ss}`;
  }
  if (typeof v !== "string") return null;
  const s = v.trim();
  const m = /^(\S+)(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?/i.exec(s);
  if (!m) return null;
  let date = parseDate(m[1]);
  if (!date) {
    // Forms exports "2022/11/30 10:39:41 PM GMT+1"
    const y = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(m[1]);
    if (y) date = parseDate(`${y[1]}-${y[2]}-${y[3]}`);
  }
  if (!date) return null;
  let h = Number(m[2] ?? 0);
  const ampm = m[5]?.toUpperCase();
  if (ampm === "PM" && h < 12) h += 12;
  if (ampm === "AM" && h === 12) h = 0;
  const mi = m[3] ?? "00";
  const se = m[4] ?? "00";
  return `${date}T${String(h).padStart(2, "0")}:${mi}:${se}`;
}

function enumHint(spec: ColumnSpec): Msg {
  const vals = ENUMS[spec.enumOf!];
  return {
    ru: vals.map((e) => e.ru).join(", "),
    en: vals.map((e) => e.en).join(", "),
  };
}

/** Read one cell of a column; blank gives null (required-ness is checked by the caller). */
export function readCell(
  spec: ColumnSpec,
  v: CellValue | undefined,
): { value: Parsed; problem?: CellProblem } {
  if (isBlank(v)) return { value: null };
  const text = cellText(v ?? null);
  switch (spec.kind) {
    case "date": {
      const d = parseDate(v);
      return d
        ? { value: d }
        : {
            value: null,
            problem: {
              code: "bad-date",
              message: {
                ru: `«${text}» — не дата; ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД`,
                en: `"${text}" is not a date; expected DD.MM.YYYY or YYYY-MM-DD`,
              },
            },
          };
    }
    case "time": {
      const t = parseTime(v);
      return t
        ? { value: t }
        : {
            value: null,
            problem: {
              code: "bad-time",
              message: {
                ru: `«${text}» — не время; ожидается ЧЧ:ММ`,
                en: `"${text}" is not a time; expected HH:MM`,
              },
            },
          };
    }
    case "datetime": {
      const d = parseDateTime(v);
      return d
        ? { value: d }
        : {
            value: null,
            problem: {
              code: "bad-date",
              message: { ru: `«${text}» — не дата и время`, en: `"${text}" is not a date and time` },
            },
          };
    }
    case "enum": {
      const e = enumValue(spec.enumOf!, typeof v === "number" ? String(v) : v);
      if (e !== undefined) return { value: e };
      const hint = enumHint(spec);
      return {
        value: null,
        problem: {
          code: "bad-enum",
          message: {
            ru: `«${text}» — недопустимое значение; допустимо: ${hint.ru}`,
            en: `"${text}" is not allowed; use one of: ${hint.en}`,
          },
        },
      };
    }
    case "int": {
      const n = parseNumber(v);
      return n !== null
        ? { value: n }
        : {
            value: null,
            problem: {
              code: "bad-number",
              message: { ru: `«${text}» — не число`, en: `"${text}" is not a number` },
            },
          };
    }
    case "email":
      return isEmail(text)
        ? { value: text }
        : {
            value: text,
            problem: {
              code: "bad-email",
              severity: "warning",
              message: {
                ru: `«${text}» не похож на адрес электронной почты`,
                en: `"${text}" does not look like an email address`,
              },
            },
          };
    case "id":
      return /\s/.test(text)
        ? {
            value: text,
            problem: {
              code: "bad-id",
              severity: "warning",
              message: { ru: `ID «${text}» содержит пробелы`, en: `ID "${text}" contains spaces` },
            },
          }
        : { value: text };
    default:
      return { value: text };
  }
}
