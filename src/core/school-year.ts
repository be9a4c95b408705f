/**
 * Which school year a day belongs to. Russian schools run from 1 September to the end of May;
 * from August on, the coordinator is preparing the year that starts this September.
 */
import type { IsoDate } from "./records.js";

const ym = (d: IsoDate) => [Number(d.slice(0, 4)), Number(d.slice(5, 7))] as const;

/** The school year running (or about to start) on `today`: its first calendar year. */
export function schoolYearOf(today: IsoDate): number {
  const [y, m] = ym(today);
  return m >= 8 ? y : y - 1;
}

/**
 * The school year the demo shows on `today`: the running one once it has a whole month of
 * lessons (from October on), else the one that has just ended, complete — so a new user in
 * August or September still sees a full year, not a day of it.
 */
export function demoYearOf(today: IsoDate): number {
  const [y, m] = ym(today);
  return m >= 10 ? y : y - 1;
}
