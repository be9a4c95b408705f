/** Numbers as a report shows them: percentages with 1 decimal, averages with 2, ru decimal comma. */
import type { Lang } from "../i18n.js";
import type { MonthMark } from "./types.js";

/**
 * Round half away from zero to `decimals`. The tiny relative nudge keeps 3.005 (stored as
 * 3.00499999...) rounding to 3.01 as a person would; -0 comes back as 0.
 */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f * (1 + 1e-12))) / f;
  return r === 0 ? 0 : r;
}

/** "12,5" (ru) / "12.5" (en); "" for null, undefined or a non-finite number. */
export function formatNumber(x: number | null | undefined, decimals: number, lang: Lang): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "";
  const s = roundTo(x, decimals).toFixed(decimals);
  return lang === "ru" ? s.replace(".", ",") : s;
}

/** A percentage, 1 decimal. */
export function pct(x: number | null | undefined, lang: Lang = "ru"): string {
  return formatNumber(x, 1, lang);
}

/** An average mark, 2 decimals. */
export function avg2(x: number | null | undefined, lang: Lang = "ru"): string {
  return formatNumber(x, 2, lang);
}

/** A change with its sign: "+1,5", "-0,3", "0,0"; "" when unknown. */
export function formatChange(x: number | null | undefined, decimals: number, lang: Lang): string {
  const s = formatNumber(x, decimals, lang);
  if (s === "" || x === null || x === undefined) return s;
  return roundTo(x, decimals) > 0 ? `+${s}` : s;
}

/** A month mark: "4", "н/а" / "n/a", "" when not counted. */
export function formatMark(m: MonthMark, lang: Lang): string {
  if (m === null) return "";
  if (m === "н/а") return lang === "ru" ? "н/а" : "n/a";
  return String(m);
}
