/**
 * Movement in month M (WORKBOOK-FORMAT «Monthly figures»): arrived = students whose earliest
 * enrollment starts in M; left = students whose last enrollment ends in M with none continuing
 * after M. An open start (blank «С») was there from the beginning; an open end continues.
 */
import type { IsoDate } from "../records.js";
import type { Span } from "./student.js";

export interface Movement {
  arrived: number;
  left: number;
}

/** Over each student's spans (one entry per student: all their enrollments in the set). */
export function movementOf(students: Iterable<readonly Span[]>, from: IsoDate, to: IsoDate): Movement {
  let arrived = 0;
  let left = 0;
  for (const spans of students) {
    if (spans.length === 0) continue;
    if (spans.every((s) => s.from !== null)) {
      const first = spans.map((s) => s.from!).sort()[0];
      if (from <= first && first <= to) arrived++;
    }
    if (spans.every((s) => s.to !== null)) {
      const last = spans.map((s) => s.to!).sort()[spans.length - 1];
      if (from <= last && last <= to) left++;
    }
  }
  return { arrived, left };
}
