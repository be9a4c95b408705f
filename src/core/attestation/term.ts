/**
 * «Итоги <период>»: every (student, group) pair of a period with its period mark (the month
 * rule over the period: computeSpan), the attestation result, the final mark by «Итоговая
 * отметка», and the coordinator's override, which wins and is marked «вручную». A year takes
 * its parts' final marks (the quarters, or whichever kind has most periods inside it) instead
 * of the journal marks.
 */
import { computeSpan, type MonthFigures, type MonthMark, metricSettings } from "../metrics/index.js";
import type { Lesson, Model } from "../model.js";
import { norm } from "../schema.js";
import { finalMark, type MarkRules, type MarkSource, markOfParts, overrideValue } from "./marks.js";
import { pairGroupOf, participants } from "./participants.js";
import { periodOf } from "./sheets.js";
import type { Attestation, Period, ResultSheet, ResultValue } from "./types.js";

export interface PeriodMarkRow {
  studentId: string;
  name: string;
  className: string;
  groupId: string;
  subject: string;
  /** Marks of the period (for a year: the parts' final marks that are marks). */
  marks: number[];
  average: number | null;
  periodMark: MonthMark;
  /** The latest attestation of the period for this pair, with the student's result (null when not entered). */
  attestation: { id: string; value: ResultValue | null } | null;
  computed: MonthMark;
  computedBy: MarkSource;
  /** What the coordinator typed in «Вручную», or null. */
  override: number | string | null;
  final: number | string | null;
  source: MarkSource;
}

export interface PeriodMarks {
  period: Period;
  figures: MonthFigures;
  rows: PeriodMarkRow[];
  rules: MarkRules;
}

export interface PeriodInput {
  model: Model;
  periods: readonly Period[];
  attestations: readonly Attestation[];
  results: ReadonlyMap<string, ResultSheet>;
  /** studentId|groupId -> override as typed, per period name (norm). */
  overrides: ReadonlyMap<string, ReadonlyMap<string, string>>;
  planned: readonly Lesson[];
}

export function markRules(model: Model): MarkRules {
  const s = model.settings;
  return {
    rule: s.finalMarkRule,
    roundingThreshold: s.periodRoundingThreshold,
    minimumMarks: s.periodMinimumMarks,
    weight: s.attestationWeight,
  };
}

/** The figures of a period: the month's computation over its dates with the period's settings. */
export function periodFigures(model: Model, period: Period, planned: readonly Lesson[]): MonthFigures {
  const r = markRules(model);
  return computeSpan(model, { label: period.name, from: period.from!, to: period.to! }, planned, {
    ...metricSettings(model.settings),
    roundingThreshold: r.roundingThreshold,
    minimumMarks: r.minimumMarks,
  });
}

/** pair key -> the latest attestation of the period with a line for the student. */
function attestationByPair(input: PeriodInput, period: Period): Map<string, PeriodMarkRow["attestation"]> {
  const out = new Map<string, { id: string; value: ResultValue | null; date: string }>();
  const mine = input.attestations.filter((a) => a.id && periodOf(a, input.periods) === period);
  for (const a of mine) {
    const lines = new Map((input.results.get(a.id)?.lines ?? []).map((l) => [l.studentId, l]));
    for (const s of participants(a, input.model)) {
      const g = pairGroupOf(a, s.id, input.model);
      if (!g) continue;
      const key = `${s.id}|${g}`;
      const value = lines.get(s.id)?.value ?? null;
      const before = out.get(key);
      const date = a.date ?? "";
      // The latest attestation decides; one with a result beats one without.
      if (
        !before ||
        (value && !before.value) ||
        (Boolean(value) === Boolean(before.value) && date >= before.date)
      )
        out.set(key, { id: a.id, value, date });
    }
  }
  return new Map([...out].map(([k, v]) => [k, { id: v.id, value: v.value }]));
}

/** The parts of a year: the kind with most periods inside it (quarters when both quarters and halves are listed). */
export function partsOf(period: Period, periods: readonly Period[]): Period[] {
  const inside = periods.filter(
    (p) =>
      p !== period && p.kind !== "year" && p.from && p.to && p.from >= period.from! && p.to <= period.to!,
  );
  const byKind = new Map<string, Period[]>();
  for (const p of inside) byKind.set(p.kind ?? "", [...(byKind.get(p.kind ?? "") ?? []), p]);
  return [...byKind.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

export function computePeriodMarks(input: PeriodInput, period: Period): PeriodMarks {
  const { model } = input;
  const rules = markRules(model);
  const figures = periodFigures(model, period, input.planned);
  const atts = attestationByPair(input, period);
  const overrides = input.overrides.get(norm(period.name)) ?? new Map<string, string>();
  const parts = period.kind === "year" ? partsOf(period, input.periods) : [];
  const partRows = parts.map(
    (p) => new Map(computePeriodMarks(input, p).rows.map((r) => [`${r.studentId}|${r.groupId}`, r])),
  );
  const subject = new Map(model.groups.map((g) => [g.id, g.subject]));
  const rows: PeriodMarkRow[] = [];
  for (const p of figures.pairs) {
    const key = `${p.studentId}|${p.groupId}`;
    const att = atts.get(key) ?? null;
    if (!p.counted && !att) continue;
    let marks = p.marks;
    let periodMark = p.monthMark;
    let average = p.average;
    if (parts.length) {
      const finals = partRows.map((m) => {
        const f = m.get(key)?.final;
        return typeof f === "number" ? f : f === undefined || f === null ? null : "н/а";
      });
      marks = finals.filter((x): x is number => typeof x === "number");
      periodMark = markOfParts(finals, rules.roundingThreshold);
      average = marks.length ? marks.reduce((a, b) => a + b, 0) / marks.length : null;
    }
    const computed = finalMark(marks, periodMark, att?.value ?? null, rules);
    const override = overrideValue(overrides.get(key) ?? "");
    rows.push({
      studentId: p.studentId,
      name: p.name,
      className: p.className,
      groupId: p.groupId,
      subject: subject.get(p.groupId) ?? "",
      marks,
      average,
      periodMark,
      attestation: att,
      computed: computed.mark,
      computedBy: parts.length && computed.source === "marks" ? "periods" : computed.source,
      override,
      final: override ?? computed.mark,
      source:
        override !== null
          ? "override"
          : parts.length && computed.source === "marks"
            ? "periods"
            : computed.source,
    });
  }
  return { period, figures, rows, rules };
}
