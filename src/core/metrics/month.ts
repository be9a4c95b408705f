/** computeMonth: every monthly figure of the workbook for one calendar month. */
import { isMonth, monthRange } from "../dates.js";
import type { ParsedJournal } from "../journal/types.js";
import type { Lesson, Model } from "../model.js";
import type { IsoDate, Settings, Student } from "../records.js";
import { aggregate } from "./aggregate.js";
import { firstPlannedByGroup, groupMonth, plannedByGroup } from "./group.js";
import { classFigures, classKey } from "./klass.js";
import { movementOf } from "./movement.js";
import { staffFigures } from "./staff.js";
import type { Span } from "./student.js";
import type { ClassFigures, GroupFigures, MetricSettings, MonthFigures, PairFigures } from "./types.js";

export function metricSettings(s: Settings): MetricSettings {
  return {
    absenceThreshold: s.absenceThreshold,
    roundingThreshold: s.roundingThreshold,
    minimumMarks: s.minimumMarks,
    naWeight: s.naWeight,
    daysWithoutContact: s.daysWithoutContact,
  };
}

/**
 * Figures of month M ("YYYY-MM"). `planned` are the dated lessons from the schedule and its
 * changes (any span: only those dated in M are counted).
 *
 * What is matched and what is ignored:
 * - groups come from Groups (in sheet order); a journal is matched to a group by its groupId,
 *   the first tab wins; journals of unknown groups are ignored;
 * - a pair is a student of Students with an enrollment in the group that touches M; several
 *   enrollments in one group count every date inside any of them;
 * - journal rows whose ID is not in Students, or who have no enrollment in that group, are
 *   ignored (parse reports them); a duplicated row counts once (the first);
 * - an enrolled student without a journal row has blank cells, i.e. attended without marks:
 *   such a pair comes out «н/а» and at risk, which is what the coordinator must notice.
 * Throws RangeError for a malformed month (callers validate what a person typed).
 */
export function computeMonth(model: Model, month: string, planned: readonly Lesson[]): MonthFigures {
  if (!isMonth(month)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  const { from, to } = monthRange(month);
  return computeSpan(model, { label: month, from, to }, planned, metricSettings(model.settings));
}

/**
 * The same figures over any span of days (a school period: «1 четверть»), with its own
 * settings (the period's rounding threshold and minimum marks): one computation for months
 * and periods. `label` becomes the figures' `month` field (what a report prints as the span).
 */
export function computeSpan(
  model: Model,
  span: { label: string; from: IsoDate; to: IsoDate },
  planned: readonly Lesson[],
  settings: MetricSettings,
): MonthFigures {
  const { label: month, from, to } = span;

  const students = new Map<string, Student>();
  for (const s of model.students) if (s.id && !students.has(s.id)) students.set(s.id, s);
  const journals = new Map<string, ParsedJournal>();
  for (const j of model.journals) if (!journals.has(j.groupId)) journals.set(j.groupId, j);

  // groupId -> studentId -> spans, in Students order within each group.
  const rank = new Map([...students.keys()].map((id, i) => [id, i]));
  const spans = new Map<string, Map<string, Span[]>>();
  for (const e of model.enrollments) {
    if (!students.has(e.studentId)) continue;
    let byStudent = spans.get(e.groupId);
    if (!byStudent) {
      byStudent = new Map();
      spans.set(e.groupId, byStudent);
    }
    const list = byStudent.get(e.studentId);
    if (list) list.push({ from: e.from, to: e.to });
    else byStudent.set(e.studentId, [{ from: e.from, to: e.to }]);
  }

  const plannedCount = plannedByGroup(planned, from, to);
  const firstPlanned = firstPlannedByGroup(planned, to);
  const pairs: PairFigures[] = [];
  const groups: GroupFigures[] = [];
  const seenGroups = new Set<string>();
  for (const group of model.groups) {
    if (!group.id || seenGroups.has(group.id)) continue;
    seenGroups.add(group.id);
    const enrolled = [...(spans.get(group.id) ?? [])]
      .sort((a, b) => rank.get(a[0])! - rank.get(b[0])!)
      .map(([id, list]) => ({ student: students.get(id)!, spans: list }));
    const result = groupMonth(
      {
        group,
        journal: journals.get(group.id) ?? null,
        enrolled,
        planned: plannedCount.get(group.id) ?? 0,
        firstPlanned: firstPlanned.get(group.id) ?? null,
      },
      from,
      to,
      settings,
    );
    pairs.push(...result.pairs);
    groups.push(result.figures);
  }

  const classes = classFigures(model.students, pairs, settings.naWeight);
  const all = withMovement(groups, classes, students, spans, from, to);

  return {
    month,
    from,
    to,
    settings,
    pairs,
    groups,
    classes,
    staff: staffFigures(
      model.staff,
      model.groups,
      groups,
      model.contacts,
      from,
      to,
      settings.daysWithoutContact,
    ),
    school: { ...aggregate(pairs, settings.naWeight), ...movementOf(all, from, to) },
    atRisk: pairs.filter((p) => p.atRisk),
  };
}

/**
 * Movement: a group over its own enrollments, a class over all of its students' enrollments.
 * Returns every student's spans (all groups), for the school's movement.
 */
function withMovement(
  groups: GroupFigures[],
  classes: ClassFigures[],
  students: ReadonlyMap<string, Student>,
  spans: ReadonlyMap<string, ReadonlyMap<string, Span[]>>,
  from: IsoDate,
  to: IsoDate,
): Span[][] {
  const all = new Map<string, Span[]>();
  for (const byStudent of spans.values())
    for (const [id, list] of byStudent) all.set(id, [...(all.get(id) ?? []), ...list]);
  for (const g of groups) Object.assign(g, movementOf(spans.get(g.groupId)?.values() ?? [], from, to));
  for (const c of classes) {
    const key = classKey(c.className);
    const ids = [...students.values()].filter((s) => classKey(s.className) === key).map((s) => s.id);
    Object.assign(
      c,
      movementOf(
        ids.map((id) => all.get(id) ?? []),
        from,
        to,
      ),
    );
  }
  return [...all.values()];
}
