/**
 * The final mark of a pair for a period, by the rule «Итоговая отметка» (WORKBOOK-FORMAT
 * «Итоги <период>»). The period mark itself is the month-mark rule over the period's marks
 * (computeSpan with «Порог округления (период)» and «Минимум отметок (период)»):
 * - «по отметкам»: the period mark;
 * - «с весом аттестации»: the attestation mark counts as «Вес аттестации» marks:
 *   round((Σ marks + w·a) / (n + w)); only when the period mark is a mark (too few marks stay н/а);
 * - «решает аттестация»: the attestation mark when there is one.
 * Without an attestation mark (none, зач / незач, н, у, осв) every rule gives the period mark.
 */
import { type MonthMark, meanOf, roundMark } from "../metrics/index.js";
import type { FinalMarkRule } from "../records.js";
import type { ResultValue } from "./types.js";

export type MarkSource = "marks" | "weighted" | "attestation" | "override" | "periods";

export interface MarkRules {
  rule: FinalMarkRule;
  roundingThreshold: number;
  minimumMarks: number;
  weight: number;
}

export function finalMark(
  marks: readonly number[],
  periodMark: MonthMark,
  attestation: ResultValue | null,
  r: MarkRules,
): { mark: MonthMark; source: MarkSource } {
  const a = attestation?.kind === "mark" ? attestation.mark : null;
  if (a === null || r.rule === "marks") return { mark: periodMark, source: "marks" };
  if (r.rule === "attestation") return { mark: a, source: "attestation" };
  if (typeof periodMark !== "number" || r.weight <= 0) return { mark: periodMark, source: "marks" };
  let sum = 0;
  for (const m of marks) sum += m;
  return {
    mark: roundMark((sum + r.weight * a) / (marks.length + r.weight), r.roundingThreshold),
    source: "weighted",
  };
}

/** The year (or a longer period) from the final marks of its parts: their mean, rounded; н/а without any. */
export function markOfParts(finals: readonly MonthMark[], roundingThreshold: number): MonthMark {
  const numbers = finals.filter((x): x is number => typeof x === "number");
  if (!finals.some((x) => x !== null)) return null;
  const avg = meanOf(numbers);
  return avg === null ? "н/а" : roundMark(avg, roundingThreshold);
}

/** An override as typed: a mark 1..5 reads as a number, anything else (н/а, зач, осв) is kept as text. */
export function overrideValue(text: string): number | string | null {
  const t = text.trim();
  if (!t) return null;
  if (/^[1-5]$/.test(t)) return Number(t);
  return t;
}
