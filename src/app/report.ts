/**
 * The monthly run shared by the menu, the trigger and `coordinator report`: figures of the
 * month and the one before (dynamics), the summary sheet, the JSON summary and the report
 * model. Pure given the model and the clock; the callers do the one write and the rendering.
 */
import type { AbsenceReasons } from "../core/absence/reasons.js";
import { attestationMonthBlocks, type MonthAttestation } from "../core/attestation/month-section.js";
import { monthRange, previousMonth, ruDate, zonedParts } from "../core/dates.js";
import type { Lang } from "../core/i18n.js";
import {
  computeMonth,
  type MonthDynamics,
  type MonthFigures,
  type SummaryJson,
  summaryJson,
  withDynamics,
} from "../core/metrics/index.js";
import type { Model } from "../core/model.js";
import { reportSettings } from "../core/narrative/context.js";
import { feedbackSummary } from "../core/narrative/feedback-summary.js";
import { buildReport } from "../core/narrative/report.js";
import { individualReportBlocks } from "../core/plans/report-section.js";
import { presenceReportBlocks } from "../core/presence/report-section.js";
import type { PresenceRow } from "../core/presence/types.js";
import { summaryMonthOf } from "../core/report/labels.js";
import type { ReportDoc } from "../core/report/model.js";
import { summarySheetWrite } from "../core/report/summary-sheet.js";
import { isoWithOffset } from "../core/report/timestamp.js";
import { expandLessons } from "../core/schedule/expand.js";
import type { SheetWrite, Workbook } from "../ports.js";
import { reasonOfPair } from "./absence-reasons.js";
import type { Individual } from "./individual.js";
import { loadWorkbook } from "./load.js";

export interface MonthlyRun {
  month: string;
  lang: Lang;
  figures: MonthFigures;
  dynamics: MonthDynamics;
  json: SummaryJson;
  doc: ReportDoc;
  summaryWrite: SheetWrite;
}

/** The month a report is for by default: the previous calendar month in the workbook's zone. */
export function defaultMonth(now: Date, timeZone: string): string {
  return previousMonth(zonedParts(now, timeZone).date.slice(0, 7));
}

/** The report's optional sections, each appended when given (see monthSectionsIn). */
export interface MonthSections {
  lang?: Lang;
  /** Rows of «Присутствие в СДО» (issue 19). */
  presence?: readonly PresenceRow[];
  /** «Причины пропусков» (issue 21): shown beside the at-risk students. */
  reasons?: AbsenceReasons;
  /** The attestation schedule and results (issue 16): the month's attestations. */
  attestation?: MonthAttestation;
  /** ИУП corrections and the portfolio (issue 17). */
  individual?: Individual;
}

export function compileMonth(
  model: Model,
  sheetNames: readonly string[],
  month: string,
  now: Date,
  sections: MonthSections = {},
): MonthlyRun {
  const { lang, presence, reasons, attestation, individual } = sections;
  const language = lang ?? model.settings.language;
  const prev = previousMonth(month);
  const lessons = expandLessons(model, monthRange(prev).from, monthRange(month).to);
  const figures = computeMonth(model, month, lessons);
  const before = computeMonth(model, prev, lessons);
  // A month with no journal data at all (e.g. August) is no baseline: no dynamics then.
  const hasBaseline = before.groups.some((g) => g.columns > 0);
  const dynamics = withDynamics(figures, hasBaseline ? before : null);
  const { date, time } = zonedParts(now, model.settings.timeZone);
  const generatedAt = language === "ru" ? `${ruDate(date)} ${time}` : `${date} ${time}`;
  const staffNames = new Map(model.staff.map((s) => [s.id, s.name]));
  const { from, to } = monthRange(month);
  const doc = buildReport({
    lang: language,
    figures,
    dynamics,
    settings: reportSettings(model.settings),
    staffNames,
    changes: model.changes.filter((c) => c.date && c.date >= from && c.date <= to),
    feedback: feedbackSummary(model.feedback, month, new Set(model.students.map((s) => s.id))),
    today: date,
    generatedAt,
    absenceReason: reasons ? reasonOfPair(reasons, month, language) : undefined,
  });
  if (presence) doc.blocks.push(...presenceReportBlocks(model, presence, month, language));
  if (attestation) insertBeforeSignatures(doc, attestationMonthBlocks(model, attestation, month, language));
  if (individual)
    doc.blocks.push(
      ...individualReportBlocks(
        model,
        {
          plans: individual.plans.list,
          corrections: individual.corrections.list,
          portfolio: individual.portfolio.list,
        },
        month,
        language,
      ),
    );
  const existingTab = sheetNames.find((n) => summaryMonthOf(n) === month);
  return {
    month,
    lang: language,
    figures,
    dynamics,
    json: summaryJson(figures, dynamics, {
      school: model.settings.school,
      schoolCode: model.settings.schoolCode,
      schoolYear: model.settings.schoolYear,
      generatedAt: isoWithOffset(now, model.settings.timeZone),
      names: model.settings.namesInReport,
    }),
    doc,
    summaryWrite: summarySheetWrite(figures, dynamics, language, {
      school: model.settings.school,
      names: staffNames,
      existingTab,
      generatedAt,
      namesMode: model.settings.namesInReport,
    }),
  };
}

/** Put blocks before the rules note and the signature lines (the document's last three blocks). */
function insertBeforeSignatures(doc: ReportDoc, blocks: ReportDoc["blocks"]): void {
  if (!blocks.length) return;
  const at = doc.blocks.findIndex(
    (b) =>
      b.kind === "paragraph" && b.style === "note" && /^(Показатели рассчитаны|Figures follow)/.test(b.text),
  );
  doc.blocks.splice(at >= 0 ? at : doc.blocks.length, 0, ...blocks);
}

/** Load, compile and write the summary sheet in one batch. */
export function runMonth(wb: Workbook, month: string, now: Date, lang?: Lang): MonthlyRun & { model: Model } {
  const { model, names } = loadWorkbook(wb);
  const run = compileMonth(model, names, month, now, { lang });
  wb.write([run.summaryWrite]);
  return { ...run, model };
}
