/**
 * Calendar dates as ISO strings "YYYY-MM-DD" and times "HH:MM": no time zone inside the
 * core. Cells arrive as Date (UTC fields = the calendar date, see ports.ts), xlsx serial
 * numbers, or text `ДД.ММ.ГГГГ` / `YYYY-MM-DD` (also `Д.М.ГГ`, `ДД/ММ/ГГГГ`).
 */
import type { CellValue } from "./cells.js";
import type { HhMm, IsoDate } from "./records.js";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function isoOf(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Excel/Sheets serial day number (1900 date system) to ISO date. */
export function serialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 200000) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoToSerial(iso: IsoDate): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** Parse a date from a cell; null when it is not a date. */
export function parseDate(v: CellValue | undefined): IsoDate | null {
  if (v === null || v === undefined || typeof v === "boolean") return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === "number") return serialToIso(v);
  const s = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? isoOf(y, mo, d) : null;
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    let y = Number(m[3]);
    if (m[3].length === 2) y += 2000;
    const [mo, d] = [Number(m[2]), Number(m[1])];
    return valid(y, mo, d) ? isoOf(y, mo, d) : null;
  }
  return null;
}

/** Parse a time "ЧЧ:ММ" (also "9:00", "09.00", a Date's UTC time, a day fraction). */
export function parseTime(v: CellValue | undefined): HhMm | null {
  if (v === null || v === undefined || typeof v === "boolean") return null;
  if (v instanceof Date) return `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  if (typeof v === "number") {
    if (v < 0 || v >= 1) return null;
    const mins = Math.round(v * 1440);
    return `${pad(Math.floor(mins / 60))}:${pad(mins % 60)}`;
  }
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(v.trim());
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h < 24 && mi < 60 ? `${pad(h)}:${pad(mi)}` : null;
}

export function minutesOf(t: HhMm): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

export function addDays(iso: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(iso: IsoDate): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "YYYY-MM" of a date. */
export function monthOf(iso: IsoDate): string {
  return iso.slice(0, 7);
}

/** First and last day of a month "YYYY-MM". */
export function monthRange(month: string): { from: IsoDate; to: IsoDate } {
  const [y, m] = month.split("-").map(Number);
  return { from: isoOf(y, m, 1), to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** "ДД.ММ.ГГГГ" as shown in Russian headers and messages. */
export function ruDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** Calendar date and time of an instant in an IANA time zone (Intl, works in Apps Script V8 too). */
export function zonedParts(instant: Date, timeZone: string): { date: IsoDate; time: HhMm } {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Today's date in a time zone. */
export function todayIn(instant: Date, timeZone: string): IsoDate {
  return zonedParts(instant, timeZone).date;
}
