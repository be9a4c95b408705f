/**
 * «Карта учащегося…» / `coordinator card`: the inputs of every student's card read once (the
 * school year's month figures are computed once for a whole class), then one document each.
 */
import { readAbsenceReasons } from "../core/absence/reasons.js";
import { monthRange, ruDate, zonedParts } from "../core/dates.js";
import type { Lang } from "../core/i18n.js";
import { computeMonth } from "../core/metrics/index.js";
import type { Model } from "../core/model.js";
import { type CardInput, studentCard } from "../core/plans/card.js";
import type { ReportDoc } from "../core/report/model.js";
import { expandLessons } from "../core/schedule/expand.js";
import { norm } from "../core/schema.js";
import type { Workbook } from "../ports.js";
import { attestationIn } from "./attestation.js";
import { individualIn } from "./individual.js";
import { loadWorkbook } from "./load.js";

/** "YYYY-MM" from September of the school year holding `today` to today's month. */
export function schoolYearMonths(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  let [year, month] = m >= 9 ? [y, 9] : [y - 1, 9];
  const out: string[] = [];
  while (year < y || (year === y && month <= m)) {
    out.push(`${year}-${String(month).padStart(2, "0")}`);
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}

// The results sheets «Аттестация <ID>» must be among `tables`: load with { attestationResults: true }.
export function cardInput(
  model: Model,
  tables: ReturnType<typeof loadWorkbook>["tables"],
  now: Date,
  lang?: Lang,
): CardInput {
  const language = lang ?? model.settings.language;
  const { date, time } = zonedParts(now, model.settings.timeZone);
  const months = schoolYearMonths(date);
  const lessons = expandLessons(model, monthRange(months[0]).from, monthRange(months[months.length - 1]).to);
  const ind = individualIn(model, tables);
  const tab = model.tabs.absenceReasons;
  const reasons = readAbsenceReasons(tab ?? "", tab ? (tables.get(tab)?.values ?? []) : []).list;
  return {
    model,
    plans: ind.plans.list,
    corrections: ind.corrections.list,
    portfolio: ind.portfolio.list,
    limits: ind.limits,
    reasons,
    attestation: attestationIn(model, tables),
    months: months.map((month) => ({ month, pairs: computeMonth(model, month, lessons).pairs })),
    lang: language,
    generatedAt: language === "ru" ? `${ruDate(date)} ${time}` : `${date} ${time}`,
    today: date,
  };
}

export type CardSelection = { id: string } | { className: string } | { all: true };

/** The student IDs a selection names, or the reason it names none. */
export function selectStudents(model: Model, sel: CardSelection): { ids: string[]; error?: string } {
  if ("id" in sel) {
    const found = model.students.some((s) => s.id === sel.id);
    return found ? { ids: [sel.id] } : { ids: [], error: `unknown-student:${sel.id}` };
  }
  const list =
    "className" in sel
      ? model.students.filter((s) => norm(s.className) === norm(sel.className))
      : model.students.filter((s) => s.id);
  // A student who left keeps a card only when asked for by ID.
  const ids = list.filter((s) => s.status !== "left").map((s) => s.id);
  return ids.length
    ? { ids }
    : { ids, error: "className" in sel ? `unknown-class:${sel.className}` : "no-students" };
}

/** Load the workbook and build the cards of a selection. */
export function buildCards(
  wb: Workbook,
  sel: CardSelection,
  now: Date,
  lang?: Lang,
): { docs: ReportDoc[]; ids: string[]; error?: string; model: Model } {
  const { model, tables } = loadWorkbook(wb, { attestationResults: true });
  const { ids, error } = selectStudents(model, sel);
  if (error) return { docs: [], ids, error, model };
  const input = cardInput(model, tables, now, lang);
  const docs = ids.map((id) => studentCard(id, input)).filter((d): d is ReportDoc => Boolean(d));
  return { docs, ids, model };
}
