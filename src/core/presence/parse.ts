/**
 * An export's rows -> sessions. The CSV (or a Meet Google Sheet) is read by the adapter;
 * here every row becomes one session or one warning addressed to its line, never dropped
 * silently. Rows of one person stay separate (Zoom writes one row per join); match.ts
 * merges them per lesson.
 */
import { a1, type CellValue, cellText, isBlank } from "../cells.js";
import { parseDate } from "../dates.js";
import { issue } from "../issues.js";
import { norm } from "../schema.js";
import { type Detected, detectExport } from "./headers.js";
import { parseMinutes, parseStamp, parseTimeOn, type SlashOrder } from "./timestamps.js";
import type { ExportKind, ParsedExport, Session } from "./types.js";

type Rows = readonly (readonly CellValue[])[];

const ROOM_KEYS = [
  "meeting id",
  "meeting code",
  "идентификатор конференции",
  "идентификатор встречи",
  "код встречи",
  "код конференции",
];
const DATE_KEYS = ["date", "meeting date", "created on", "дата", "дата встречи"];

/** A login as the index compares it: lower case, no «mailto:», no spaces. */
export function normLogin(s: string): string {
  return norm(s)
    .replace(/^mailto:/, "")
    .replace(/\s+/g, "");
}

/** Meeting code / ID and date from the lines above the header (Meet and Zoom print them there). */
function preamble(rows: Rows, headerRow: number): { room: string; date: string | null } {
  let room = "";
  let date: string | null = null;
  for (let r = 0; r < headerRow; r++) {
    const row = rows[r] ?? [];
    const table = row.filter((c) => !isBlank(c)).length > 2;
    row.forEach((cell, i) => {
      const key = norm(cell).replace(/:$/, "");
      // Meet: «Код встречи, abc-defg-hij» on one line; Zoom: a header line with the values below.
      const value = table ? rows[r + 1]?.[i] : row[i + 1];
      if (!room && ROOM_KEYS.includes(key)) room = cellText(value ?? null);
      if (!date && DATE_KEYS.includes(key)) date = leadingDate(value);
    });
  }
  return { room, date };
}

function leadingDate(v: CellValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return parseDate(v);
  const m = /^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})/.exec(String(v));
  return m ? parseDate(m[1].replace(/\//g, ".")) : null;
}

/** Moodle names the course in «Контекст события»: «Курс: Алгебра 9А» / «Course: Algebra 9A». */
function moodleRoom(context: string): string {
  const m = /^\s*(?:курс|course)\s*:\s*(.+)$/i.exec(context);
  return m ? m[1].trim() : "";
}

interface Ctx {
  file: string;
  rows: Rows;
  det: Detected;
  zone: string;
  room: string;
  date: string | null;
}

function cell(ctx: Ctx, row: readonly CellValue[], key: string): CellValue | undefined {
  const i = ctx.det.columns[key];
  return i === undefined ? undefined : row[i];
}

function text(ctx: Ctx, row: readonly CellValue[], key: string): string {
  return cellText(cell(ctx, row, key) ?? null);
}

const ORDER: Record<ExportKind, SlashOrder> = { zoom: "mdy", meet: "mdy", moodle: "dmy", plain: "dmy" };

function stamp(ctx: Ctx, row: readonly CellValue[], key: string): number | null {
  const v = cell(ctx, row, key);
  const full = parseStamp(v, ctx.zone, ORDER[ctx.det.kind]);
  if (full !== null || !ctx.date) return full;
  // Meet prints clock times only; the date is in the lines above.
  return parseTimeOn(v, ctx.date, ctx.zone);
}

type RowResult = { session: Omit<Session, "kind" | "file" | "line"> } | { bad: string };

function rowSession(ctx: Ctx, row: readonly CellValue[]): RowResult {
  const k = ctx.det.kind;
  if (k === "moodle") {
    const t = stamp(ctx, row, "time");
    if (t === null) return { bad: "time" };
    const name = text(ctx, row, "user");
    const room = moodleRoom(text(ctx, row, "context")) || ctx.room;
    return { session: { login: normLogin(name), name, start: t, end: t, room } };
  }
  const [startKey, endKey] =
    k === "zoom" ? ["join", "leave"] : k === "meet" ? ["joined", "exited"] : ["start", "end"];
  const start = stamp(ctx, row, startKey);
  if (start === null) return { bad: startKey };
  let end = stamp(ctx, row, endKey);
  if (end === null) {
    const mins = parseMinutes(cell(ctx, row, k === "zoom" ? "durationMin" : "duration"));
    if (mins === null) return { bad: endKey };
    end = start + mins * 60_000;
  }
  if (end < start) end += 24 * 3_600_000; // a clock-only leave after midnight
  const name =
    text(ctx, row, "name") ||
    [text(ctx, row, "firstName"), text(ctx, row, "lastName")].filter(Boolean).join(" ");
  const login = normLogin(text(ctx, row, k === "plain" ? "login" : "email"));
  const room = text(ctx, row, "room") || ctx.room;
  return { session: { login, name, start, end, room } };
}

/** Parse one export. `zone`: «Часовой пояс СДО» for times printed without a zone. */
export function parseExport(file: string, rows: Rows, zone: string): ParsedExport {
  const det = detectExport(rows);
  if (!det)
    return {
      file,
      kind: null,
      sessions: [],
      issues: [
        issue(file, "", "other", {
          ru: "Не распознан формат: ожидается отчёт о посещаемости Google Meet, отчёт об участниках Zoom, журнал событий Moodle или CSV «Логин, Начало, Окончание»",
          en: 'Unknown format: expected a Google Meet attendance report, a Zoom participants report, a Moodle log or a CSV "Login, Start, End"',
        }),
      ],
    };
  const pre = preamble(rows, det.headerRow);
  const ctx: Ctx = { file, rows, det, zone, ...pre };
  const out: ParsedExport = { file, kind: det.kind, sessions: [], issues: [] };
  for (let r = det.headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every(isBlank)) continue;
    const res = rowSession(ctx, row);
    if ("bad" in res) {
      const col = (det.columns[res.bad] ?? 0) + 1;
      const raw = cellText(row[col - 1] ?? null);
      out.issues.push(
        issue(
          file,
          a1(r + 1, col),
          "bad-date",
          {
            ru: `«${raw}» — не время; строка не учтена`,
            en: `"${raw}" is not a time; the line is not counted`,
          },
          "warning",
        ),
      );
      continue;
    }
    out.sessions.push({ ...res.session, kind: det.kind, file, line: r + 1 });
  }
  return out;
}
