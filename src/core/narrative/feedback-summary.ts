/**
 * Parent feedback of a month, for the report: counts, average rating and the problems named.
 * A response whose family code was unknown or revoked has no student (forms/responses.ts keeps
 * it with a blank one): it is listed for review, and left out of the figures and the quotes
 * until the coordinator links it to a family by filling in the student.
 */
import { monthOf, previousMonth } from "../dates.js";
import type { Feedback } from "../records.js";

export interface FeedbackSummary {
  responses: number;
  average: number | null;
  previousAverage: number | null;
  /** Questions to the coordinator not marked «Ответ дан». */
  unanswered: number;
  /** «Что мешает» texts, without names or IDs. */
  problems: string[];
  /** Rows of «Отзывы родителей» not linked to a known student: to review, not counted. */
  unlinked: { row: number; timestamp: string }[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** `students`: the IDs in Students; a response counts only when it names one of them. */
export function feedbackSummary(
  feedback: readonly Feedback[],
  month: string,
  students?: ReadonlySet<string>,
): FeedbackSummary {
  const linked = (f: Feedback) =>
    f.studentId.trim() !== "" && (!students || students.has(f.studentId.trim()));
  const inMonth = (m: string) =>
    feedback.filter((f) => f.timestamp && monthOf(f.timestamp.slice(0, 10)) === m);
  const all = inMonth(month);
  const cur = all.filter(linked);
  const prev = inMonth(previousMonth(month)).filter(linked);
  const ratings = (xs: Feedback[]) =>
    xs.map((f) => f.rating).filter((r): r is number => r !== null && r >= 1 && r <= 5);
  return {
    responses: cur.length,
    average: mean(ratings(cur)),
    previousAverage: mean(ratings(prev)),
    unanswered: cur.filter((f) => f.question.trim() && !f.answered).length,
    problems: cur.map((f) => f.problems.trim()).filter(Boolean),
    unlinked: all.filter((f) => !linked(f)).map((f) => ({ row: f.row, timestamp: f.timestamp })),
  };
}
