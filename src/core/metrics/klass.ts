/** Per-class figures over every (student of the class, group) pair counted in the month. */
import type { Student } from "../records.js";
import { aggregate } from "./aggregate.js";
import type { ClassFigures, PairFigures } from "./types.js";

/** «9 а» and «9А» are the same class: compare without case and spaces. */
export function classKey(name: string): string {
  return name.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, "");
}

let collator: Intl.Collator | undefined;
/** Made on first use: nothing runs at bundle load in Apps Script. */
function compareNames(a: string, b: string): number {
  collator ??= new Intl.Collator("ru", { numeric: true, sensitivity: "base" });
  return collator.compare(a, b);
}

/**
 * One entry per class named in Students (blank class left out; those students still count in
 * the school totals), spelt as first seen, sorted 5А < 9Б < 10А; figures null when no pair counts.
 */
export function classFigures(
  students: readonly Student[],
  pairs: readonly PairFigures[],
  naWeight: number,
): ClassFigures[] {
  const names = new Map<string, string>();
  for (const s of students) {
    const name = s.className.trim();
    if (name && !names.has(classKey(name))) names.set(classKey(name), name);
  }
  const byClass = new Map<string, PairFigures[]>();
  for (const p of pairs) {
    const key = classKey(p.className);
    if (!names.has(key)) continue;
    const list = byClass.get(key);
    if (list) list.push(p);
    else byClass.set(key, [p]);
  }
  return [...names]
    .sort((a, b) => compareNames(a[1], b[1]))
    .map(([key, className]) => ({ className, ...aggregate(byClass.get(key) ?? [], naWeight) }));
}
