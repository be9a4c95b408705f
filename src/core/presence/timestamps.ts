/**
 * Export timestamps -> instants (epoch milliseconds). The services print wall-clock times in
 * their own formats: ISO with an offset, Zoom's `11/30/2026 10:02:13 AM` (English UI,
 * month first) or `30.11.2026 10:02:13` (Russian UI), Moodle's `30/11/26, 10:05` (strftime
 * datetimeshort, day first) or `30.11.26, 10:05`, Meet's `2026-11-30 10:02:13 GMT+3`.
 * A time with no zone of its own is read in the export's zone («Часовой пояс СДО»).
 * Zone arithmetic goes through Intl with a number, never through the clock.
 */
import type { CellValue } from "../cells.js";

const MINUTE = 60_000;

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a zone (one cached Intl formatter per zone). */
function fields(ms: number, zone: string): Record<string, string> {
  let f = FORMATS.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    FORMATS.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
}

const QUARTER = 15 * MINUTE;
const OFFSETS = new Map<string, Map<number, number>>();

/**
 * Offset of `zone` from UTC at the instant `ms`, in milliseconds (Intl, also in Apps Script
 * V8). Zones change offset only on quarter hours, so one Intl call serves a quarter hour:
 * a month of a big school's logs is ~100,000 timestamps.
 */
export function zoneOffset(ms: number, zone: string): number {
  let cache = OFFSETS.get(zone);
  if (!cache) {
    cache = new Map();
    OFFSETS.set(zone, cache);
  }
  const q = Math.floor(ms / QUARTER);
  let off = cache.get(q);
  if (off === undefined) {
    const at = q * QUARTER;
    const p = fields(at, zone);
    const n = (k: string) => Number(p[k]);
    off = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour") % 24, n("minute"), n("second")) - at;
    cache.set(q, off);
  }
  return off;
}

/** The instant at which the wall clock in `zone` shows the given fields (UTC fields of `wall`). */
export function wallToInstant(wall: number, zone: string): number {
  // Two passes settle the offset on either side of a DST switch.
  const t = wall - zoneOffset(wall, zone);
  return wall - zoneOffset(t, zone);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Civil date of a day count since 1970-01-01 (H. Hinnant's days_from_civil inverse). */
function civil(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** Wall clock of an instant in a zone: "YYYY-MM-DD" and "HH:MM". */
export function localParts(ms: number, zone: string): { date: string; time: string } {
  const wall = ms + zoneOffset(ms, zone);
  const days = Math.floor(wall / 86_400_000);
  const mins = Math.floor((wall - days * 86_400_000) / MINUTE);
  return { date: civil(days), time: `${pad2(Math.floor(mins / 60))}:${pad2(mins % 60)}` };
}

/** "YYYY-MM-DD HH:MM" of an instant in a zone, as the presence sheet shows it. */
export function localStampText(ms: number, zone: string): string {
  const { date, time } = localParts(ms, zone);
  return `${date} ${time}`;
}

/** Day order of a numeric date with slashes: Zoom's English UI prints month first, Moodle day first. */
export type SlashOrder = "mdy" | "dmy";

const ZONE = /\s*(?:(?:GMT|UTC)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2}):?(\d{2})|Z)\s*$/i;

function zoneSuffix(s: string): { rest: string; offset: number | null } {
  const m = ZONE.exec(s);
  if (!m || m.index === 0) return { rest: s, offset: null };
  const sign = m[1] ?? m[4];
  const h = m[2] ?? m[5];
  const mi = m[3] ?? m[6];
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(h) * 60 + Number(mi ?? 0)) * MINUTE : 0;
  return { rest: s.slice(0, m.index).trim(), offset };
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function dateFields(text: string, order: SlashOrder): { y: number; mo: number; d: number } | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{1,2})([./])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text);
  if (!m) return null;
  const y = Number(m[4]) + (m[4].length === 2 ? 2000 : 0);
  const [a, b] = [Number(m[1]), Number(m[3])];
  // Dots are always day first (Russian); slashes follow the service's order.
  if (m[2] === "/" && order === "mdy") return { y, mo: a, d: b };
  return { y, mo: b, d: a };
}

function wallFields(text: string, order: SlashOrder): Wall | null {
  const m = /^(\S+?)[,\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(AM|PM|ДП|ПП)?$/i.exec(text);
  if (!m) return null;
  const date = dateFields(m[1], order);
  if (!date) return null;
  let h = Number(m[2]);
  const ampm = m[5]?.toUpperCase();
  if ((ampm === "PM" || ampm === "ПП") && h < 12) h += 12;
  if ((ampm === "AM" || ampm === "ДП") && h === 12) h = 0;
  const w = { ...date, h, mi: Number(m[3]), s: Number(m[4] ?? 0) };
  const ok =
    w.mo >= 1 && w.mo <= 12 && w.d >= 1 && w.d <= 31 && w.h < 24 && w.mi < 60 && w.s < 60 && w.y >= 2000;
  return ok ? w : null;
}

/**
 * An export cell as an instant, or null when it is not a timestamp. A Date cell holds the
 * wall clock in its UTC fields (the Workbook port's convention) and is read in `zone`.
 */
export function parseStamp(v: CellValue | undefined, zone: string, order: SlashOrder = "dmy"): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : wallToInstant(v.getTime(), zone);
  if (typeof v !== "string") return null;
  const { rest, offset } = zoneSuffix(v.trim());
  const w = wallFields(rest, order);
  if (!w) return null;
  const wall = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return offset === null ? wallToInstant(wall, zone) : wall - offset;
}

/** A clock time alone (`10:02 AM`, `10:02:13`) on a given date, read in `zone`. */
export function parseTimeOn(v: CellValue | undefined, date: string, zone: string): number | null {
  if (typeof v !== "string") return null;
  const { rest, offset } = zoneSuffix(v.trim());
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i.exec(rest);
  if (!m) return null;
  let h = Number(m[1]);
  const ampm = m[4]?.toUpperCase();
  if (ampm === "PM" && h < 12) h += 12;
  if (ampm === "AM" && h === 12) h = 0;
  const [y, mo, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, Number(m[2]), Number(m[3] ?? 0));
  return offset === null ? wallToInstant(wall, zone) : wall - offset;
}

/** Minutes from a duration cell: `45`, `1:05:00`, `1 hr 5 min`, `1 ч 5 мин`, `50 мин`. */
export function parseMinutes(v: CellValue | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== "string") return null;
  const s = v.trim().toLowerCase();
  if (/^\d+(?:[.,]\d+)?$/.test(s)) return Number(s.replace(",", "."));
  const hms = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (hms) return Number(hms[1]) * 60 + Number(hms[2]) + Number(hms[3] ?? 0) / 60;
  // \b is ASCII-only in JavaScript: the unit ends where letters end.
  const h = /(\d+)\s*(?:h|hr|hrs|hours?|ч|час[а-я]*)(?!\p{L})/u.exec(s);
  const mi = /(\d+)\s*(?:m|min|mins|minutes?|мин[а-я]*)(?!\p{L})/u.exec(s);
  const sec = /(\d+)\s*(?:s|sec|secs|seconds?|с|сек[а-я]*)(?!\p{L})/u.exec(s);
  if (!h && !mi && !sec) return null;
  return Number(h?.[1] ?? 0) * 60 + Number(mi?.[1] ?? 0) + Number(sec?.[1] ?? 0) / 60;
}
