/**
 * period-<name>.json: the period report's figures for a machine (the municipal rollup, a
 * dashboard). Names follow «Имена в отчёте» like every other output; marks as the sheet has them.
 */
import type { NamesInReport } from "../records.js";
import { shownName } from "../report/names.js";
import type { AdmissionLine } from "./admission.js";
import { distribution } from "./period-report.js";
import { resultLabel } from "./results.js";
import type { AttestationFigures } from "./summary.js";
import type { PeriodMarks } from "./term.js";

export const PERIOD_SCHEMA_ID = "coordinator.period/1";

export interface PeriodJsonMeta {
  school: string;
  schoolCode: string;
  schoolYear: string;
  generatedAt: string;
  names: NamesInReport;
}

const set = (s: PeriodMarks["figures"]["school"]) => ({
  students: s.students,
  success: s.success,
  quality: s.quality,
  sou: s.sou,
  average: s.average,
  attendance: s.attendance,
  categories: s.categories,
});

export function periodJson(
  pm: PeriodMarks,
  previous: PeriodMarks | null,
  attestations: readonly AttestationFigures[],
  admission: readonly AdmissionLine[],
  problems: readonly string[],
  meta: PeriodJsonMeta,
) {
  const names = new Map(pm.figures.pairs.map((p) => [p.studentId, shownName(p, meta.names)]));
  return {
    schema: PERIOD_SCHEMA_ID,
    schoolName: meta.school,
    schoolCode: meta.schoolCode,
    schoolYear: meta.schoolYear,
    generatedAt: meta.generatedAt,
    period: { name: pm.period.name, kind: pm.period.kind, from: pm.period.from, to: pm.period.to },
    previous: previous ? { name: previous.period.name, school: set(previous.figures.school) } : null,
    rules: pm.rules,
    school: set(pm.figures.school),
    classes: pm.figures.classes.map((c) => ({ className: c.className, ...set(c) })),
    groups: pm.figures.groups.map((g) => ({ groupId: g.groupId, subject: g.subject, ...set(g) })),
    finalMarks: distribution(pm.rows),
    marks: pm.rows.map((r) => ({
      studentId: r.studentId,
      name: names.get(r.studentId) || undefined,
      groupId: r.groupId,
      marks: r.marks.length,
      average: r.average,
      periodMark: r.periodMark,
      attestation: r.attestation
        ? { id: r.attestation.id, result: resultLabel(r.attestation.value) || null }
        : null,
      computed: r.computed,
      override: r.override,
      final: r.final,
      source: r.source,
    })),
    attestations,
    admission: admission.map((l) => ({
      attestationId: l.attestationId,
      studentId: l.studentId,
      name: shownName(l, meta.names) || undefined,
      admitted: l.admitted,
      reasons: l.reasons,
    })),
    problems,
  };
}

export type PeriodJson = ReturnType<typeof periodJson>;
