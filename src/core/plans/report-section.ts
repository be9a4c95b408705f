/**
 * The monthly report's section on the individual student: the month's corrections of the
 * ИУП (the log «Корректировки ИУП» with old → new, and lines marked corrected by hand that the
 * log does not hold) and the month's achievements by level. Names follow «Имена в отчёте».
 */
import { monthRange } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { Model } from "../model.js";
import type { Block } from "../report/model.js";
import { norm } from "../schema.js";
import { dateLabel, LEVELS, levelLabel, RESULTS, resultLabel, studentLabel } from "./labels.js";
import type { Achievement, PlanCorrection, PlanLine } from "./sheets.js";

export interface IndividualData {
  plans: readonly PlanLine[];
  corrections: readonly PlanCorrection[];
  portfolio: readonly Achievement[];
}

const inMonth = (iso: string | null, month: string) => {
  const { from, to } = monthRange(month);
  return iso !== null && iso >= from && iso <= to;
};

/** One row per correction of the month: date, student, subject, what changed, reason. */
export function correctionsOfMonth(
  model: Model,
  data: IndividualData,
  month: string,
  lang: Lang,
): string[][] {
  const label = (id: string) => studentLabel(id, model.students, model.settings.namesInReport);
  const logged = data.corrections.filter((c) => inMonth(c.date, month));
  const rows = logged.map((c) => ({
    date: c.date as string,
    cells: [label(c.studentId), c.subject, c.field ? `${c.field}: ${c.old} → ${c.new}` : "", c.reason],
  }));
  const covered = (l: PlanLine) =>
    logged.some(
      (c) =>
        c.studentId === l.studentId &&
        c.date === l.correctedOn &&
        (c.planRow === l.row || norm(c.subject) === norm(l.subject)),
    );
  for (const l of data.plans)
    if (inMonth(l.correctedOn, month) && !covered(l))
      rows.push({
        date: l.correctedOn as string,
        cells: [label(l.studentId), l.subject, "", l.correctionReason],
      });
  return rows
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((r) => [dateLabel(r.date, lang), ...r.cells]);
}

/** Achievements of a period by level: level -> result -> count. */
export function countsByLevel(list: readonly Achievement[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const a of list) {
    const level = a.level ?? "";
    const byResult = out.get(level) ?? new Map<string, number>();
    byResult.set(a.result ?? "", (byResult.get(a.result ?? "") ?? 0) + 1);
    out.set(level, byResult);
  }
  return out;
}

function achievementBlocks(model: Model, list: readonly Achievement[], lang: Lang): Block[] {
  const ru = lang === "ru";
  const counts = countsByLevel(list);
  const rows = LEVELS.filter((l) => counts.has(l)).map((level) => {
    const r = counts.get(level) as Map<string, number>;
    const total = [...r.values()].reduce((a, b) => a + b, 0);
    return [levelLabel(level, lang), ...RESULTS.map((x) => String(r.get(x) ?? 0)), String(total)];
  });
  const label = (id: string) => studentLabel(id, model.students, model.settings.namesInReport);
  const sorted = [...list].sort(
    (a, b) => LEVELS.indexOf(b.level ?? "school") - LEVELS.indexOf(a.level ?? "school") || a.row - b.row,
  );
  return [
    {
      kind: "table",
      caption: ru ? "Достижения по уровням" : "Achievements by level",
      header: ru
        ? ["Уровень", "Участник", "Призёр", "Победитель", "Всего"]
        : ["Level", "Participant", "Prize-winner", "Winner", "Total"],
      rows,
      align: ["left", "right", "right", "right", "right"],
    },
    {
      kind: "bullets",
      items: sorted.map(
        (a) =>
          `${dateLabel(a.date, lang)} — ${label(a.studentId)}: ${[`${a.title}${a.kind ? ` (${a.kind})` : ""}`, levelLabel(a.level, lang), resultLabel(a.result, lang)].filter(Boolean).join(", ")}`,
      ),
    },
  ];
}

export function individualReportBlocks(
  model: Model,
  data: IndividualData,
  month: string,
  lang: Lang,
): Block[] {
  const ru = lang === "ru";
  const corrections = correctionsOfMonth(model, data, month, lang);
  const achievements = data.portfolio.filter((a) => inMonth(a.date, month));
  if (!corrections.length && !achievements.length) return [];
  const out: Block[] = [
    {
      kind: "heading",
      level: 2,
      text: ru ? "Индивидуальные планы и достижения" : "Individual plans and achievements",
    },
  ];
  out.push(
    corrections.length
      ? {
          kind: "table",
          caption: ru ? "Корректировки ИУП за месяц" : "Corrections of individual plans this month",
          header: ru
            ? ["Дата", "Учащийся", "Предмет", "Изменение", "Основание"]
            : ["Date", "Student", "Subject", "Change", "Reason"],
          rows: corrections,
        }
      : {
          kind: "paragraph",
          text: ru ? "Корректировок ИУП за месяц не было." : "No plan corrections this month.",
        },
  );
  if (achievements.length) out.push(...achievementBlocks(model, achievements, lang));
  else
    out.push({
      kind: "paragraph",
      text: ru ? "Достижений за месяц не записано." : "No achievements recorded this month.",
    });
  return out;
}
