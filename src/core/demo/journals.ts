/**
 * Marks for the demo school's journals: each student has a steady level, so the report has
 * strong and weak groups, a few students at risk and a tutor who falls behind with the journal.
 */
import type { CellValue } from "../cells.js";
import { parseJournal } from "../journal/parse.js";
import type { Enrollment } from "../records.js";
import { seeded } from "./random.js";

const TOPICS = [
  "Введение",
  "Повторение",
  "Практикум",
  "Самостоятельная работа",
  "Разбор ошибок",
  "Проект",
  "Контрольная работа",
  "Обобщение",
];

/** Fill a generated journal grid (from planJournalUpdate) up to `until`; returns a new grid. */
export function fillDemoJournal(
  sheet: string,
  values: readonly (readonly CellValue[])[],
  enrollments: readonly Enrollment[],
  until: string,
  seed: number,
): CellValue[][] {
  const j = parseJournal(sheet, values);
  const rnd = seeded(seed);
  const grid = values.map((r) => [...r]);
  const width = Math.max(...grid.map((r) => r.length));
  for (const r of grid) while (r.length < width) r.push(null);
  // One group (the seed decides) leaves the lessons after the 20th of each month unfilled.
  const lazy = seed % 7 === 3;
  j.columns.forEach((c, k) => {
    if (c.date > until) return;
    if (j.hasTopicRow) grid[1][c.col - 1] = TOPICS[k % TOPICS.length];
  });
  for (const row of j.rows) {
    const level = 2.6 + rnd.next() * 2.5;
    const absentish = rnd.chance(0.08) ? 0.45 : 0.06;
    const spans = enrollments.filter((e) => e.studentId === row.studentId);
    for (const c of j.columns) {
      if (c.date > until) continue;
      if (lazy && Number(c.date.slice(8, 10)) > 20) continue;
      if (!spans.some((e) => (!e.from || e.from <= c.date) && (!e.to || c.date <= e.to))) continue;
      const x = rnd.next();
      let v: CellValue = null;
      if (x < absentish) v = rnd.pick(["н", "н", "у", "б"]);
      else if (x < absentish + 0.03) v = "оп";
      else if (x < absentish + 0.7) {
        const m = Math.max(2, Math.min(5, Math.round(level + (rnd.next() - 0.5) * 1.6)));
        v = rnd.chance(0.05) ? `${m}/${Math.max(2, m - 1)}` : String(m);
      }
      grid[row.row - 1][c.col - 1] = v;
    }
  }
  return grid;
}
