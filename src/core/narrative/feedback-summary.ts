/** Parent feedback of a month, for the report: counts, average rating and the problems named. */
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
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function feedbackSummary(feedback: readonly Feedback[], month: string): FeedbackSummary {
  const inMonth = (m: string) =>
    feedback.filter((f) => f.timestamp && monthOf(f.timestamp.slice(0, 10)) === m);
  const cur = inMonth(month);
  const prev = inMonth(previousMonth(month));
  const ratings = (xs: Feedback[]) =>
    xs.map((f) => f.rating).filter((r): r is number => r !== null && r >= 1 && r <= 5);
  return {
    responses: cur.length,
    average: mean(ratings(cur)),
    previousAverage: mean(ratings(prev)),
    unanswered: cur.filter((f) => f.question.trim() && !f.answered).length,
    problems: cur.map((f) => f.problems.trim()).filter(Boolean),
  };
}
