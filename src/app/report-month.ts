/**
 * Which month a report is for when nobody said: the previous calendar month, as a school files
 * it — unless that month has no lessons in the journals (the summer, a new workbook), then the
 * latest month before it that has some. The choice comes with its reason, in both languages,
 * so the coordinator always knows which month they are looking at.
 */
import { monthRange, previousMonth } from "../core/dates.js";
import type { Msg } from "../core/i18n.js";
import type { Model } from "../core/model.js";
import type { IsoDate } from "../core/records.js";
import { monthName } from "../core/report/labels.js";
import { expandLessons } from "../core/schedule/expand.js";
import { schoolYearStart } from "./journals.js";

export interface ChosenMonth {
  month: string;
  /** Why this month: shown to the coordinator. */
  reason: Msg;
}

/** Prepositional case, «в ноябре 2026 г.». */
const RU_MONTHS_IN = [
  "январе",
  "феврале",
  "марте",
  "апреле",
  "мае",
  "июне",
  "июле",
  "августе",
  "сентябре",
  "октябре",
  "ноябре",
  "декабре",
];

const ruName = (m: string) => monthName(m, "ru");
const ruIn = (m: string) => `${RU_MONTHS_IN[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const enName = (m: string) => monthName(m, "en");

/**
 * Months ("YYYY-MM") with lessons: scheduled (the weekly slots with their changes and
 * holidays) or held (a journal column with at least one filled cell).
 */
export function monthsWithLessons(model: Model, until: IsoDate): Set<string> {
  const months = new Set<string>();
  // A slot with no start runs from the start of the school year, as in the journals.
  const starts = model.slots.map((s) => s.from || schoolYearStart(until)).filter((d) => d <= until);
  if (starts.length)
    for (const l of expandLessons(model, starts.sort()[0], until)) months.add(l.date.slice(0, 7));
  for (const j of model.journals)
    j.columns.forEach((c, k) => {
      if (j.rows.some((r) => r.cells[k] !== null && r.cells[k] !== undefined && r.cells[k] !== ""))
        months.add(c.date.slice(0, 7));
    });
  return months;
}

export function chooseReportMonth(model: Model, today: IsoDate): ChosenMonth {
  const preferred = previousMonth(today.slice(0, 7));
  const months = monthsWithLessons(model, monthRange(preferred).to);
  if (months.has(preferred))
    return {
      month: preferred,
      reason: {
        ru: `Отчёт за ${ruName(preferred)} г.: прошлый месяц.`,
        en: `Report for ${enName(preferred)}: the previous month.`,
      },
    };
  const earlier = [...months].filter((m) => m < preferred).sort();
  const latest = earlier[earlier.length - 1];
  if (!latest)
    return {
      month: preferred,
      reason: {
        ru: `Отчёт за ${ruName(preferred)} г.: прошлый месяц (в журналах ещё нет уроков).`,
        en: `Report for ${enName(preferred)}: the previous month (the journals hold no lessons yet).`,
      },
    };
  return {
    month: latest,
    reason: {
      ru: `Отчёт за ${ruName(latest)} г.: в ${ruIn(preferred)} г. уроков нет, это последний месяц с уроками.`,
      en: `Report for ${enName(latest)}: ${enName(preferred)} has no lessons; this is the latest month that has.`,
    },
  };
}
