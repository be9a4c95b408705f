/**
 * Figures over a set of counted pairs: students by category (success, quality), СОУ, the
 * average and attendance over the pairs, absences by kind.
 */
import { meanOf } from "./student.js";
import type { Categories, PairFigures, SetFigures } from "./types.js";

/** СОУ weights of marks 5, 4, 3 and of 2 and 1 (the weight of «н/а» is a setting). */
export const SOU_WEIGHTS = { 5: 100, 4: 64, 3: 36, 2: 16, 1: 16 } as const;

export const NO_CATEGORIES: Categories = {
  excellent: 0,
  good: 0,
  satisfactory: 0,
  oneThree: 0,
  failing: 0,
  notAssessed: 0,
};

/**
 * Each student by the month marks of all their counted pairs (WORKBOOK-FORMAT «Monthly
 * figures»): any «н/а» -> не аттестован; else any mark ≤ 2 -> неуспевающий; else all 5 ->
 * отличник; else all ≥ 4 -> хорошист; else троечник, and «с одной «3»» when exactly one 3.
 */
export function categoriesOf(marksByStudent: ReadonlyMap<string, readonly (number | "н/а")[]>): Categories {
  const c = { ...NO_CATEGORIES };
  for (const marks of marksByStudent.values()) {
    if (marks.length === 0) continue;
    if (marks.includes("н/а")) c.notAssessed++;
    else if (marks.some((m) => (m as number) <= 2)) c.failing++;
    else if (marks.every((m) => m === 5)) c.excellent++;
    else if (marks.every((m) => (m as number) >= 4)) c.good++;
    else {
      c.satisfactory++;
      if (marks.filter((m) => m === 3).length === 1) c.oneThree++;
    }
  }
  return c;
}

/** Figures over the counted pairs among `pairs` (pairs with lessons = 0 are skipped). */
export function aggregate(pairs: readonly PairFigures[], naWeight: number): SetFigures {
  const byStudent = new Map<string, (number | "н/а")[]>();
  const counts = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 } as Record<number, number>;
  const sums = { lessons: 0, absences: 0, unexcused: 0, excused: 0, ill: 0, late: 0, missedAssignments: 0 };
  let nNa = 0;
  let atRisk = 0;
  const averages: number[] = [];
  for (const p of pairs) {
    if (!p.counted || p.monthMark === null) continue;
    const marks = byStudent.get(p.studentId);
    if (marks) marks.push(p.monthMark);
    else byStudent.set(p.studentId, [p.monthMark]);
    if (p.monthMark === "н/а") nNa++;
    else counts[p.monthMark]++;
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += p[k];
    if (p.atRisk) atRisk++;
    if (p.average !== null) averages.push(p.average);
  }
  const [n5, n4, n3, n2, n1] = [counts[5], counts[4], counts[3], counts[2], counts[1]];
  const N = n5 + n4 + n3 + n2 + n1 + nNa;
  const S = byStudent.size;
  const categories = categoriesOf(byStudent);
  const ofStudents = (x: number) => (S > 0 ? (x * 100) / S : null);
  const weighted =
    n5 * SOU_WEIGHTS[5] +
    n4 * SOU_WEIGHTS[4] +
    n3 * SOU_WEIGHTS[3] +
    (n2 + n1) * SOU_WEIGHTS[2] +
    nNa * naWeight;
  return {
    students: S,
    N,
    n5,
    n4,
    n3,
    n2,
    n1,
    nNa,
    categories,
    ...sums,
    arrived: 0,
    left: 0,
    atRisk,
    success: ofStudents(categories.excellent + categories.good + categories.satisfactory),
    quality: ofStudents(categories.excellent + categories.good),
    sou: N > 0 ? weighted / N : null,
    average: N > 0 ? meanOf(averages) : null,
    attendance: sums.lessons > 0 ? 100 - (sums.absences * 100) / sums.lessons : null,
  };
}
