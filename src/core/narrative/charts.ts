/**
 * Charts in the report's language: group titles (shortened) as labels, the month before
 * beside each bar, an axis that starts near the data so 88..98 % do not look the same.
 */
import { type MonthDynamics, type MonthFigures, pct } from "../metrics/index.js";
import { monthName } from "../report/labels.js";
import type { ChartBlock } from "../report/model.js";
import type { Writer } from "./context.js";

/** Bars in the attendance chart at most (one page). */
export const CHART_GROUPS = 15;

/** «Алгебра 9» stays; a long title is cut to `n` characters with «…». */
export function shortLabel(text: string, n = 20): string {
  const t = text.trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).trimEnd()}…`;
}

/** An axis start a little below the lowest value, on a step of 5; 0 when the data reach down there. */
export function axisMin(values: readonly (number | null)[]): number {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return 0;
  const low = Math.floor((Math.min(...xs) - 5) / 5) * 5;
  return low < 20 ? 0 : low;
}

export function attendanceChart(f: MonthFigures, dyn: MonthDynamics, w: Writer): ChartBlock | null {
  const attended = f.groups.filter((g) => g.attendance !== null);
  if (attended.length === 0) return null;
  // More bars than fit on a page say nothing: a large school sees its lowest groups, in group order.
  const lowest = new Set(
    [...attended]
      .sort((a, b) => a.attendance! - b.attendance! || a.groupId.localeCompare(b.groupId))
      .slice(0, CHART_GROUPS)
      .map((g) => g.groupId),
  );
  const shown = attended.filter((g) => lowest.has(g.groupId));
  const cut = attended.length > CHART_GROUPS;
  const prev = new Map(dyn.groups.map((g) => [g.groupId, g.figures.attendance.previous]));
  const current = shown.map((g) => Math.round(g.attendance! * 10) / 10);
  const before = shown.map((g) => {
    const p = prev.get(g.groupId);
    return p === null || p === undefined ? null : Math.round(p * 10) / 10;
  });
  const series: { name: string; values: (number | null)[] }[] = [
    { name: monthName(f.month, w.lang), values: current },
  ];
  if (dyn.previousMonth && before.some((v) => v !== null))
    series.unshift({ name: monthName(dyn.previousMonth, w.lang), values: before });
  const ru = w.ru;
  return {
    kind: "chart",
    chart: "bar",
    title: cut
      ? ru
        ? `Посещаемость: ${CHART_GROUPS} групп с самой низкой, %`
        : `Attendance: the ${CHART_GROUPS} lowest groups, %`
      : ru
        ? "Посещаемость по группам, %"
        : "Attendance by group, %",
    categories: shown.map((g) => shortLabel(g.title ? `${g.groupId} ${g.title}` : g.groupId)),
    series,
    max: 100,
    min: axisMin([...current, ...before]),
    decimals: 1,
    alt: shown.map((g) => `${g.groupId}: ${pct(g.attendance, w.lang)} %`).join("; "),
  };
}

/** Students by category, this month beside the one before. */
export function categoriesChart(f: MonthFigures, dyn: MonthDynamics, w: Writer): ChartBlock | null {
  const s = f.school;
  if (s.students === 0) return null;
  const ru = w.ru;
  const cats = ru
    ? ["Отличники", "Хорошисты", "Троечники", "Неуспевающие", "Не аттестованы"]
    : ["Top marks", "Good", "Satisfactory", "Failing", "Not assessed"];
  const keys = ["excellent", "good", "satisfactory", "failing", "notAssessed"] as const;
  const series = [
    { name: monthName(f.month, w.lang), values: keys.map((k) => s.categories[k]) as (number | null)[] },
  ];
  if (dyn.previousMonth)
    series.unshift({
      name: monthName(dyn.previousMonth, w.lang),
      values: keys.map((k) => dyn.school[k].previous),
    });
  return {
    kind: "chart",
    chart: "column",
    title: ru ? "Учащиеся по категориям" : "Students by category",
    categories: cats,
    series,
    decimals: 0,
    alt: cats.map((c, i) => `${c}: ${s.categories[keys[i]]}`).join("; "),
  };
}
