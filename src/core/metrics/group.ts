/** Per-group figures: the pairs of a group for the month, plus journal fill and planned lessons. */
import { isBlank } from "../cells.js";
import type { JournalRow, ParsedJournal } from "../journal/types.js";
import type { Lesson } from "../model.js";
import type { Group, IsoDate, Student } from "../records.js";
import { aggregate } from "./aggregate.js";
import { pairFigures, type Span, spansTouch } from "./student.js";
import type { GroupFigures, MetricSettings, PairFigures } from "./types.js";

export interface GroupInput {
  group: Group;
  /** The group's journal (the first tab for the group), or null. */
  journal: ParsedJournal | null;
  /** Enrolled known students in the order they are listed, each with their enrollment spans. */
  enrolled: readonly { student: Student; spans: readonly Span[] }[];
  /** Planned lessons of this group dated in M. */
  planned: number;
  /** The group's first planned lesson on or before the end of M (the clock for «days without contact»). */
  firstPlanned?: IsoDate | null;
}

/** Positions of journal columns dated in [from, to]. */
export function columnsIn(journal: ParsedJournal | null, from: IsoDate, to: IsoDate): number[] {
  const out: number[] = [];
  journal?.columns.forEach((c, j) => {
    if (from <= c.date && c.date <= to) out.push(j);
  });
  return out;
}

/**
 * The first journal column, and the last one dated on or before `to` with at least one
 * non-blank student cell: a held lesson, which is contact with the group for its teacher.
 */
export function heldDates(
  journal: ParsedJournal | null,
  to: IsoDate,
): { first: IsoDate | null; last: IsoDate | null } {
  let first: IsoDate | null = null;
  let last: IsoDate | null = null;
  journal?.columns.forEach((c, j) => {
    if (first === null || c.date < first) first = c.date;
    if (c.date > to || (last !== null && c.date <= last)) return;
    if (journal.rows.some((r) => r.studentId && !isBlank(r.cells[j]))) last = c.date;
  });
  return { first, last };
}

/**
 * The group's pairs (every enrolled student whose enrollment touches M) and its figures.
 * Journal rows of unknown or unenrolled students are ignored; a student's first row counts.
 */
export function groupMonth(
  input: GroupInput,
  from: IsoDate,
  to: IsoDate,
  settings: MetricSettings,
): { pairs: PairFigures[]; figures: GroupFigures } {
  const { group, journal } = input;
  const monthColumns = columnsIn(journal, from, to);
  const rows = new Map<string, JournalRow>();
  for (const r of journal?.rows ?? []) if (r.studentId && !rows.has(r.studentId)) rows.set(r.studentId, r);
  const filled = monthColumns.map(() => false);
  const pairs: PairFigures[] = [];
  for (const { student, spans } of input.enrolled) {
    if (!spansTouch(spans, from, to)) continue;
    pairs.push(
      pairFigures(
        student,
        group.id,
        spans,
        journal?.columns ?? [],
        monthColumns,
        rows.get(student.id) ?? null,
        settings,
        filled,
      ),
    );
  }
  const filledColumns = filled.filter(Boolean).length;
  const held = heldDates(journal, to);
  return {
    pairs,
    figures: {
      groupId: group.id,
      title: group.title,
      subject: group.subject,
      teacherId: group.teacherId,
      tutorId: group.tutorId,
      ...aggregate(pairs, settings.naWeight),
      hasJournal: journal !== null,
      columns: monthColumns.length,
      filledColumns,
      journalFill: monthColumns.length > 0 ? (filledColumns * 100) / monthColumns.length : null,
      planned: input.planned,
      firstLesson: earliest(held.first, input.firstPlanned ?? null),
      lastHeld: held.last,
    },
  };
}

const earliest = (a: IsoDate | null, b: IsoDate | null) => (a === null ? b : b === null || a <= b ? a : b);

/** The first planned lesson per group dated on or before `to`. */
export function firstPlannedByGroup(planned: readonly Lesson[], to: IsoDate): Map<string, IsoDate> {
  const out = new Map<string, IsoDate>();
  for (const l of planned)
    if (l.date <= to && (out.get(l.groupId) ?? "9999") > l.date) out.set(l.groupId, l.date);
  return out;
}

/** Planned lessons per group dated in [from, to]. */
export function plannedByGroup(planned: readonly Lesson[], from: IsoDate, to: IsoDate): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of planned) {
    if (l.date < from || l.date > to) continue;
    out.set(l.groupId, (out.get(l.groupId) ?? 0) + 1);
  }
  return out;
}
