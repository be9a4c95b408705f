/**
 * Fake Utilities service, plus the time-zone arithmetic the fake spreadsheet needs
 * (Sheets stores a wall-clock time and hands scripts the instant it means in the
 * spreadsheet's zone). Written independently of the adapter's own conversion.
 */
import { randomUUID } from "node:crypto";
import { parse as parseCsvSync } from "csv-parse/sync";
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: number, timeZone: string): Record<string, string> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "long",
      era: "short",
    });
    formats.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(instant))) out[p.type] = p.value;
  return out;
}

/** The wall-clock time that tz shows at an instant, as ms whose UTC fields are that time. */
export function wallOf(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  let year = Number(p.year);
  if (p.era === "BC") year = 1 - year;
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(
    year,
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
    ms,
  );
}

/** The instant at which tz's clocks show `wall` (its UTC fields). */
export function instantOf(wall: number, timeZone: string): number {
  let t = wall - (wallOf(wall, timeZone) - wall);
  t = wall - (wallOf(t, timeZone) - t);
  return t;
}

const MONTHS = [
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
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** java.text.SimpleDateFormat, the subset scripts use: y M d E H h m s S a Z X and 'quoted' text. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const wall = new Date(wallOf(date.getTime(), timeZone));
  const offsetMin = Math.round((wall.getTime() - date.getTime()) / 60000);
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  const sign = offsetMin < 0 ? "-" : "+";
  const oh = pad(Math.floor(Math.abs(offsetMin) / 60), 2);
  const om = pad(Math.abs(offsetMin) % 60, 2);
  return pattern.replace(
    /'([^']*)'|([yMdEHhmsSaZXz])\2*/g,
    (token, quoted: string | undefined, ch: string) => {
      if (quoted !== undefined) return quoted === "" ? "'" : quoted;
      const n = token.length;
      const h = wall.getUTCHours();
      switch (ch) {
        case "y":
          return n === 2 ? pad(wall.getUTCFullYear() % 100, 2) : pad(wall.getUTCFullYear(), n);
        case "M":
          if (n >= 4) return MONTHS[wall.getUTCMonth()];
          if (n === 3) return MONTHS[wall.getUTCMonth()].slice(0, 3);
          return pad(wall.getUTCMonth() + 1, n);
        case "d":
          return pad(wall.getUTCDate(), n);
        case "E":
          return n >= 4 ? DAYS[wall.getUTCDay()] : DAYS[wall.getUTCDay()].slice(0, 3);
        case "H":
          return pad(h, n);
        case "h":
          return pad(h % 12 === 0 ? 12 : h % 12, n);
        case "a":
          return h < 12 ? "AM" : "PM";
        case "m":
          return pad(wall.getUTCMinutes(), n);
        case "s":
          return pad(wall.getUTCSeconds(), n);
        case "S":
          return pad(wall.getUTCMilliseconds(), n);
        case "Z":
          return `${sign}${oh}${om}`;
        case "X":
          return offsetMin === 0
            ? "Z"
            : n === 1
              ? `${sign}${oh}`
              : n === 2
                ? `${sign}${oh}${om}`
                : `${sign}${oh}:${om}`;
        default:
          return `GMT${sign}${oh}:${om}`;
      }
    },
  );
}

export class FakeUtilities {
  constructor(readonly env: FakeEnv) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    return formatDate(date, timeZone, format);
  }

  getUuid(): string {
    return randomUUID();
  }

  /** Nothing waits: the time is added to env.slept so tests can assert backoff. */
  sleep(milliseconds: number): void {
    if (milliseconds > 300000) throw new Error("Exception: Argument too large: milliseconds");
    this.env.slept += milliseconds;
  }

  base64Encode(data: string): string {
    return Buffer.from(data, "utf8").toString("base64");
  }

  /**
   * Utilities.parseCsv(csv, delimiter): "a tabular 2D array representation of a CSV string"
   * (Apps Script reference); the delimiter is one character, "," by default.
   */
  parseCsv(csv: string, delimiter = ","): string[][] {
    if (String(delimiter).length !== 1) throw new Error("Exception: Invalid argument: delimiter");
    return parseCsvSync(String(csv), { delimiter, relax_column_count: true }) as string[][];
  }

  base64Decode(encoded: string): number[] {
    return [...Buffer.from(encoded, "base64")].map((b) => (b > 127 ? b - 256 : b));
  }
}
countCalls(FakeUtilities, "Utilities");
