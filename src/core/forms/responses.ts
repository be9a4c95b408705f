/**
 * One form response -> one «Отзывы родителей» row. Responses arrive three ways: a row of the
 * Forms "Download responses" CSV (title -> answer), a spreadsheet-bound onFormSubmit event's
 * `namedValues` (title -> [answers]), or a form-bound event's item responses. Titles map to
 * item keys through the form spec; the token maps to the student through «Токены». A response
 * whose token is unknown or revoked is kept with a blank student and reported, never dropped.
 */
import { a1, type CellValue, cellText, isBlank, type WriteValue } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import { SHEETS } from "../schema.js";
import { type FormItemKey, formItemKeyOfTitle } from "./spec.js";
import { normalizeToken, resolveToken, type TokenRow } from "./tokens.js";

export interface FormResponse {
  /** "YYYY-MM-DDTHH:MM:SS" local time, or the text as received when it is not a timestamp. */
  timestamp: string;
  timestampOk: boolean;
  token: string;
  /** The rating as answered (normally "1".."5"). */
  rating: string;
  good: string;
  problems: string;
  question: string;
  /** Preferred contact channel: not a Feedback column, so it only travels with the response. */
  channel: string;
  /** Titles that are not questions of the form spec (their answers are not imported). */
  unknownTitles: string[];
}

/** A Feedback row, keyed like SHEETS.feedback's columns. */
export interface FeedbackEntry {
  timestamp: string;
  timestampOk: boolean;
  token: string;
  studentId: string;
  /** A number 1..5, or the text as answered when it is not one. */
  rating: number | string | null;
  good: string;
  problems: string;
  question: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate() && y >= 1900;
}

/**
 * A Forms timestamp as local "YYYY-MM-DDTHH:MM:SS", ignoring any zone suffix:
 * `2022/11/30 10:39:41 PM GMT+1`, `06.10.2022 13:08:50`, `2/4/2024 8:23:30`, ISO.
 * Slashes with the year last are a US-locale sheet's M/D/Y unless the first number exceeds 12.
 */
export function parseFormTimestamp(text: string): string | null {
  const s = text.trim();
  const m =
    /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*([AaPp]\.?[Mm]\.?)?)?(?:\s*(?:Z|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}(?::?\d{2})?))?$/.exec(
      s,
    );
  if (!m) return null;
  const [a, sep, b, c] = [m[1], m[2], Number(m[3]), m[4]];
  let y: number;
  let mo: number;
  let d: number;
  if (a.length === 4) [y, mo, d] = [Number(a), b, Number(c)];
  else if (c.length === 4 && sep === "/" && Number(a) <= 12) [y, mo, d] = [Number(c), Number(a), b];
  else if (c.length === 4) [y, mo, d] = [Number(c), b, Number(a)];
  else return null;
  if (!validDate(y, mo, d)) return null;
  let h = Number(m[5] ?? 0);
  const mi = Number(m[6] ?? 0);
  const se = Number(m[7] ?? 0);
  const ampm = m[8]?.[0]?.toUpperCase();
  if (ampm && (h < 1 || h > 12)) return null;
  if (ampm === "P" && h < 12) h += 12;
  if (ampm === "A" && h === 12) h = 0;
  if (h > 23 || mi > 59 || se > 59) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(se)}`;
}

/** An instant as local "YYYY-MM-DDTHH:MM:SS" in a time zone (form-bound events give a Date). */
export function isoLocal(instant: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

type Answer = string | readonly string[] | readonly (readonly string[])[] | null | undefined;

/** namedValues: one answer per question bearing the title (two when a title is used twice). */
function namedAnswers(a: Answer): string[] {
  if (a === null || a === undefined) return [];
  if (typeof a === "string") return [a];
  return a.map((x) => (typeof x === "string" ? x : x.join(", ")));
}

/** An item response: checkbox choices (string[]) joined the way Forms joins them in a sheet. */
function itemAnswer(a: Answer): string[] {
  if (a === null || a === undefined) return [];
  if (typeof a === "string") return [a];
  return [
    a.map((x) => (typeof x === "string" ? x : x.join(", "))).join(typeof a[0] === "string" ? ", " : "; "),
  ];
}

function build(pairs: readonly { title: string; answers: string[] }[], timestamp?: string): FormResponse {
  const got: Partial<Record<FormItemKey | "timestamp", string[]>> = {};
  const unknownTitles: string[] = [];
  for (const p of pairs) {
    const key = formItemKeyOfTitle(p.title);
    const answers = p.answers.map((x) => x.trim()).filter(Boolean);
    if (!key) {
      if (answers.length && !unknownTitles.includes(p.title.trim())) unknownTitles.push(p.title.trim());
      continue;
    }
    got[key] = [...(got[key] ?? []), ...answers];
  }
  // A title used by two questions gives two answers: keep both.
  const text = (k: FormItemKey | "timestamp") => (got[k] ?? []).join("; ");
  const rawTs = timestamp ?? got.timestamp?.[0] ?? "";
  const iso = timestamp !== undefined ? timestamp : parseFormTimestamp(rawTs);
  return {
    timestamp: iso ?? rawTs,
    timestampOk: iso !== null && iso !== "",
    token: got.token?.[0] ?? "",
    rating: got.rating?.[0] ?? "",
    good: text("good"),
    problems: text("problems"),
    question: text("question"),
    channel: text("channel"),
    unknownTitles,
  };
}

/**
 * From a CSV record (title -> answer) or an Apps Script `e.namedValues` (title -> answers;
 * titles may carry trailing spaces, a duplicated title gives two answers, "" is a blank title).
 */
export function responseFromNamed(named: Readonly<Record<string, Answer>>): FormResponse {
  return build(Object.entries(named).map(([title, a]) => ({ title, answers: namedAnswers(a) })));
}

/**
 * From a form-bound event: `e.response.getItemResponses()` as {title, response} and the
 * response's timestamp already turned into local time (isoLocal(e.response.getTimestamp(), tz)).
 */
export function responseFromItems(
  items: readonly { title: string; response: Answer }[],
  timestamp: string,
): FormResponse {
  return build(
    items.map((i) => ({ title: i.title, answers: itemAnswer(i.response) })),
    timestamp,
  );
}

/** What identifies one submission across the live trigger and a CSV import. */
export function dedupeKey(row: { timestamp: string; token: string }): string {
  return `${row.timestamp}|${normalizeToken(row.token)}`;
}

/** A Timestamp cell already in the sheet, in the same form as a response's timestamp. */
export function timestampOfCell(v: CellValue | undefined): string {
  if (v instanceof Date) {
    // Round to the second: a serial number stored by a spreadsheet may be off by a millisecond.
    const t = Math.round(v.getTime() / 1000) * 1000;
    return Number.isNaN(t) ? "" : new Date(t).toISOString().slice(0, 19);
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "";
    const ms = Math.round((v - 25569) * 86400) * 1000;
    return new Date(ms).toISOString().slice(0, 19);
  }
  const text = cellText(v ?? null);
  return parseFormTimestamp(text) ?? text;
}

/** Where the row will land: an issue about it points at its Token cell. */
export interface RowPlace {
  sheet: string;
  row: number;
  tokenCol: number;
  timestampCol: number;
  ratingCol: number;
}

/** Resolve the token and check the answers; the entry is always returned, with its issues. */
export function feedbackFromResponse(
  r: FormResponse,
  tokens: readonly TokenRow[],
  at: RowPlace,
): { entry: FeedbackEntry; issues: Issue[] } {
  const issues: Issue[] = [];
  const token = r.token.trim();
  let studentId = "";
  const resolved = resolveToken(token, tokens);
  const where = a1(at.row, at.tokenCol);
  if (!token)
    issues.push(
      issue(
        at.sheet,
        where,
        "unknown-ref",
        {
          ru: "Ответ без кода семьи: учащийся не определён; ответ сохранён",
          en: "A response without a family code: the student is unknown; the response is kept",
        },
        "warning",
      ),
    );
  else if (resolved && "studentId" in resolved) studentId = resolved.studentId;
  else
    issues.push(
      issue(
        at.sheet,
        where,
        "unknown-ref",
        resolved
          ? {
              ru: `Код семьи «${token}» отозван (был у ${resolved.revoked}); учащийся не указан, ответ сохранён`,
              en: `Family code "${token}" is revoked (it was ${resolved.revoked}'s); no student set, the response is kept`,
            }
          : {
              ru: `Код семьи «${token}» не найден на листе «Токены»; учащийся не указан, ответ сохранён`,
              en: `Family code "${token}" is not on the Tokens sheet; no student set, the response is kept`,
            },
        "warning",
      ),
    );
  if (!r.timestampOk)
    issues.push(
      issue(
        at.sheet,
        a1(at.row, at.timestampCol),
        "bad-date",
        {
          ru: `«${r.timestamp}» — не отметка времени; записано как есть`,
          en: `"${r.timestamp}" is not a timestamp; written as received`,
        },
        "warning",
      ),
    );
  let rating: number | string | null = null;
  const rt = r.rating.trim();
  if (rt) {
    const n = Number(rt);
    if (Number.isInteger(n) && n >= 1 && n <= 5) rating = n;
    else {
      rating = rt;
      issues.push(
        issue(
          at.sheet,
          a1(at.row, at.ratingCol),
          "bad-number",
          {
            ru: `Оценка «${rt}» не от 1 до 5; записана как есть`,
            en: `Rating "${rt}" is not 1 to 5; written as received`,
          },
          "warning",
        ),
      );
    }
  }
  return {
    entry: {
      timestamp: r.timestamp,
      timestampOk: r.timestampOk,
      token,
      studentId,
      rating,
      good: r.good,
      problems: r.problems,
      question: r.question,
    },
    issues,
  };
}

/** The Timestamp cell value: a Date whose UTC fields hold the local time (the port's convention). */
export function timestampCell(e: Pick<FeedbackEntry, "timestamp" | "timestampOk">): WriteValue {
  return e.timestampOk ? new Date(`${e.timestamp}Z`) : e.timestamp;
}

/**
 * The entry's values placed by column (key -> 1-based column, from the sheet's header);
 * unknown columns of the user's stay blank. Without a map: SHEETS.feedback's order.
 */
export function feedbackValues(e: FeedbackEntry, columns?: Readonly<Record<string, number>>): WriteValue[] {
  const cols = columns ?? Object.fromEntries(SHEETS.feedback.columns.map((c, i) => [c.key, i + 1]));
  const width = Math.max(0, ...Object.values(cols));
  const line: WriteValue[] = Array.from({ length: width }, () => null);
  const put = (key: string, v: WriteValue) => {
    if (cols[key] !== undefined) line[cols[key] - 1] = v;
  };
  put("timestamp", timestampCell(e));
  put("token", e.token);
  put("studentId", e.studentId || null);
  put("rating", e.rating);
  put("good", e.good || null);
  put("problems", e.problems || null);
  put("question", e.question || null);
  put("answered", null);
  return line;
}

/** True when a record carries no answer at all (a blank CSV line). */
export function isEmptyResponse(r: FormResponse): boolean {
  return [r.timestamp, r.token, r.rating, r.good, r.problems, r.question, r.channel].every((x) => isBlank(x));
}
