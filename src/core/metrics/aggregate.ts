/** Success, quality, СОУ, average and attendance over a set of counted pairs. */
import { meanOf } from "./student.js";
import type { PairFigures, SetFigures } from "./types.js";

/** СОУ weights of marks 5, 4, 3 and of 2 and 1 (the weight of «н/а» is a setting). */
export const SOU_WEIGHTS = { 5: 100, 4: 64, 3: 36, 2: 16, 1: 16 } as const;

/** Figures over the counted pairs among `pairs` (pairs with lessons = 0 are skipped). */
export function aggregate(pairs: readonly PairFigures[], naWeight: number): SetFigures {
  const students = new Set<string>();
  const counts = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 } as Record<number, number>;
  let nNa = 0;
  let lessons = 0;
  let absences = 0;
  let atRisk = 0;
  const averages: number[] = [];
  for (const p of pairs) {
    if (!p.counted || p.monthMark === null) continue;
    students.add(p.studentId);
    if (p.monthMark === "н/а") nNa++;
    else counts[p.monthMark]++;
    lessons += p.lessons;
    absences += p.absences;
    if (p.atRisk) atRisk++;
    if (p.average !== null) averages.push(p.average);
  }
  const [n5, n4, n3, n2, n1] = [counts[5], counts[4], counts[3], counts[2], counts[1]];
  const N = n5 + n4 + n3 + n2 + n1 + nNa;
  const share = (x: number) => (N > 0 ? (x * 100) / N : null);
  const weighted =
    n5 * SOU_WEIGHTS[5] +
    n4 * SOU_WEIGHTS[4] +
    n3 * SOU_WEIGHTS[3] +
    (n2 + n1) * SOU_WEIGHTS[2] +
    nNa * naWeight;
  return {
    students: students.size,
    N,
    n5,
    n4,
    n3,
    n2,
    n1,
    nNa,
    lessons,
    absences,
    atRisk,
    success: share(n5 + n4 + n3),
    quality: share(n5 + n4),
    sou: N > 0 ? weighted / N : null,
    average: N > 0 ? meanOf(averages) : null,
    attendance: lessons > 0 ? 100 - (absences * 100) / lessons : null,
  };
}
