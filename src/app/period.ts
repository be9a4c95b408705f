/**
 * `coordinator period --period "1 четверть"` / «Отчёт за период»: the period marks, the
 * «Итоги <период>» sheet (overrides kept), the period report (Doc / .docx model) and its JSON.
 * Pure given the state and the clock; the caller does the one write and the rendering.
 */
import { admissionList } from "../core/attestation/admission.js";
import { participants, subjectOf } from "../core/attestation/participants.js";
import { type PeriodJson, periodJson } from "../core/attestation/period-json.js";
import { buildPeriodReport } from "../core/attestation/period-report.js";
import { findPeriod, periodOf } from "../core/attestation/sheets.js";
import { attestationFigures } from "../core/attestation/summary.js";
import type { PeriodMarks } from "../core/attestation/term.js";
import type { Period } from "../core/attestation/types.js";
import { ruDate, zonedParts } from "../core/dates.js";
import type { Lang } from "../core/i18n.js";
import { formatIssue } from "../core/issues.js";
import { withDynamics } from "../core/metrics/index.js";
import { reportSettings } from "../core/narrative/context.js";
import type { ReportDoc } from "../core/report/model.js";
import { isoWithOffset } from "../core/report/timestamp.js";
import type { SheetWrite } from "../ports.js";
import {
  type AttestationState,
  checkAttestation,
  periodMarks,
  plannedLessons,
  termWrite,
} from "./attestation.js";

export interface PeriodRun {
  period: Period;
  marks: PeriodMarks;
  previous: PeriodMarks | null;
  doc: ReportDoc;
  json: PeriodJson;
  termWrite: SheetWrite;
  lang: Lang;
}

/** The period before: the latest one of the same kind that ends before this one starts. */
export function previousPeriod(periods: readonly Period[], p: Period): Period | null {
  const before = periods.filter(
    (q) => q !== p && q.kind === p.kind && q.from && q.to && p.from && q.to < p.from,
  );
  return before.sort((a, b) => (a.to! < b.to! ? 1 : -1))[0] ?? null;
}

export function usablePeriod(p: Period | undefined): p is Period {
  return Boolean(p?.from && p.to && p.from <= p.to);
}

export function compilePeriod(st: AttestationState, name: string, now: Date, lang?: Lang): PeriodRun | null {
  const period = findPeriod(st.periods, name);
  if (!usablePeriod(period)) return null;
  const language = lang ?? st.model.settings.language;
  const planned = plannedLessons(st);
  const marks = periodMarks(st, period, planned);
  const prev = previousPeriod(st.periods, period);
  const previous = prev ? periodMarks(st, prev, planned) : null;
  const hasBaseline = previous?.figures.groups.some((g) => g.columns > 0) ?? false;
  const dynamics = withDynamics(marks.figures, hasBaseline && previous ? previous.figures : null);
  const { date, time } = zonedParts(now, st.model.settings.timeZone);
  const mine = st.attestations.filter((a) => a.id && periodOf(a, st.periods) === period);
  const atts = mine.map((a) => ({
    a,
    subject: subjectOf(a, st.model),
    figures: attestationFigures(a, participants(a, st.model), st.results.get(a.id)),
  }));
  const admission = admissionList(
    st.model,
    mine.filter((a) => a.kind === "final"),
    marks,
  );
  const problems = checkAttestation(st, date).filter((i) => i.severity === "error");
  const settings = reportSettings(st.model.settings);
  const doc = buildPeriodReport({
    lang: language,
    marks,
    previous: hasBaseline ? previous : null,
    dynamics,
    attestations: atts,
    admission,
    problems,
    settings,
    staffNames: new Map(st.model.staff.map((s) => [s.id, s.name])),
    today: date,
    generatedAt: language === "ru" ? `${ruDate(date)} ${time}` : `${date} ${time}`,
  });
  const s = st.model.settings;
  const json = periodJson(
    marks,
    hasBaseline ? previous : null,
    atts.map((x) => x.figures),
    admission,
    problems.map((i) => formatIssue(i, language)),
    {
      school: s.school,
      schoolCode: s.schoolCode,
      schoolYear: s.schoolYear,
      generatedAt: isoWithOffset(now, s.timeZone),
      names: s.namesInReport,
    },
  );
  return { period, marks, previous, doc, json, termWrite: termWrite(st, marks, language), lang: language };
}

/**
 * The period a report is for by default: the latest one ended by `today` that is not the year
 * (a quarter, trimester or half), else the year when it has ended, else the period running today.
 */
export function defaultPeriod(periods: readonly Period[], today: string): Period | null {
  const usable = periods.filter(usablePeriod);
  const ended = usable
    .filter((p) => p.to! < today)
    .sort((a, b) => (a.to! < b.to! ? 1 : a.to! > b.to! ? -1 : 0));
  const part = ended.find((p) => p.kind !== "year");
  const year = ended.find((p) => p.kind === "year");
  if (year && (!part || year.to! >= part.to!)) return year;
  if (part) return part;
  return usable.find((p) => p.from! <= today && today <= p.to! && p.kind !== "year") ?? usable[0] ?? null;
}
