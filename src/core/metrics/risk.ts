/** At risk in a group: missed share ≥ threshold/100, or month mark ≤ 2, or «н/а». */
import type { MetricSettings, PairFigures, RiskReason } from "./types.js";

export function riskReasons(
  p: Pick<PairFigures, "lessons" | "absences" | "monthMark">,
  settings: Pick<MetricSettings, "absenceThreshold">,
): RiskReason[] {
  if (p.lessons === 0 || p.monthMark === null) return [];
  const out: RiskReason[] = [];
  // absences/lessons ≥ threshold/100, compared without dividing (3 of 10 at 30 % is at risk).
  if (p.absences * 100 >= settings.absenceThreshold * p.lessons - 1e-9) out.push("absences");
  if (p.monthMark === "н/а") out.push("no-mark");
  else if (p.monthMark <= 2) out.push("low-mark");
  return out;
}
