/**
 * The Clock port on Node: the one place outside Apps Script that reads the system clock.
 * `COORDINATOR_NOW` (an ISO date or instant) moves "now" to another day and lets it tick from
 * there — to show the demo as it looks on a summer day, or to reproduce a report a user saw.
 */
import { parseDate } from "../core/dates.js";
import { msg } from "../core/i18n.js";
import type { Clock } from "../ports.js";
import { UserError } from "./errors.js";

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and ticks with the system clock. */
export function shiftedClock(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/** An ISO date means noon UTC of that day (the same calendar day in every Russian zone). */
export function parseNow(text: string): Date | null {
  const s = text.trim();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T12:00:00Z`) : new Date(s);
  // Date() rolls 30 February over into March: the calendar day itself must exist.
  const day = /^\d{4}-\d{2}-\d{2}/.test(s) ? parseDate(s.slice(0, 10)) : null;
  return day && !Number.isNaN(d.getTime()) ? d : null;
}

/** The CLI's clock: the system clock, or COORDINATOR_NOW when it is set. */
export function clockFromEnv(env: Record<string, string | undefined>): Clock {
  const text = env.COORDINATOR_NOW;
  if (!text) return systemClock;
  const start = parseNow(text);
  if (!start)
    throw new UserError(
      "bad-args",
      msg(
        `Неверное значение COORDINATOR_NOW «${text}»: ожидается дата ГГГГ-ММ-ДД или момент ISO 8601`,
        `Bad COORDINATOR_NOW "${text}": expected a date YYYY-MM-DD or an ISO 8601 instant`,
      ),
    );
  return shiftedClock(start);
}
