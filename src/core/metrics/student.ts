/** One student in one group for a month: lessons, absences, marks, month mark. */
import { isBlank } from "../cells.js";
import type { JournalCell } from "../journal/grammar.js";
import type { JournalColumn, JournalRow } from "../journal/types.js";
import type { IsoDate, Student } from "../records.js";
import { riskReasons } from "./risk.js";
import type { MetricSettings, MonthMark, PairFigures } from "./types.js";

/** An enrollment interval; null ends are open. */
export interface Span {
  from: IsoDate | null;
  to: IsoDate | null;
}

/** Floating-point slack: 7/2 is exactly 3.5, but a mean of many marks may land a hair below. */
const EPS = 1e-9;

export function insideSpans(date: IsoDate, spans: readonly Span[]): boolean {
  return spans.some((s) => (s.from === null || s.from <= date) && (s.to === null || date <= s.to));
}

export function spansTouch(spans: readonly Span[], from: IsoDate, to: IsoDate): boolean {
  return spans.some((s) => (s.from === null || s.from <= to) && (s.to === null || from <= s.to));
}

export function meanOf(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/**
 * floor(average) + 1 when the fractional part reaches the rounding threshold, else floor;
 * «н/а» with fewer than «Минимум отметок» marks (or none at all).
 */
export function monthMarkOf(marks: readonly number[], settings: MetricSettings): Exclude<MonthMark, null> {
  const average = meanOf(marks);
  if (average === null || marks.length < settings.minimumMarks) return "н/а";
  return roundMark(average, settings.roundingThreshold);
}

/** An average as a mark: floor, plus one when the fractional part reaches the threshold; at most 5. */
export function roundMark(average: number, roundingThreshold: number): number {
  const whole = Math.floor(average);
  const up = average - whole >= roundingThreshold - EPS;
  return Math.min(5, up ? whole + 1 : whole);
}

/** A blank cell when the journal has no row for an enrolled student: present, no mark. */
const BLANK: JournalCell = {
  ok: true,
  attendance: "present",
  marks: [],
  pass: null,
  assignmentMissing: false,
};

/**
 * Figures of one pair over the month's columns of the group's journal.
 * `monthColumns` are positions in `columns` dated in M; `filled[k]` is set when the cell of
 * monthColumns[k] counts and is not blank (journal fill).
 */
export function pairFigures(
  student: Student,
  groupId: string,
  spans: readonly Span[],
  columns: readonly JournalColumn[],
  monthColumns: readonly number[],
  row: JournalRow | null,
  settings: MetricSettings,
  filled?: boolean[],
): PairFigures {
  const p: PairFigures = {
    studentId: student.id,
    name: student.name,
    consent: student.consent,
    className: student.className,
    groupId,
    journalRow: row ? row.row : null,
    lessons: 0,
    absences: 0,
    unexcused: 0,
    excused: 0,
    ill: 0,
    late: 0,
    exempt: 0,
    missedAssignments: 0,
    invalid: 0,
    missedShare: 0,
    marks: [],
    average: null,
    monthMark: null,
    passes: 0,
    fails: 0,
    counted: false,
    atRisk: false,
    riskReasons: [],
  };
  monthColumns.forEach((j, k) => {
    // A cell outside the student's enrollment is ignored (WORKBOOK-FORMAT «Журнал»).
    if (!insideSpans(columns[j].date, spans)) return;
    const e = row ? (row.entries[j] ?? BLANK) : BLANK;
    if (!e.ok) {
      p.invalid++;
      return;
    }
    if (filled && row && !isBlank(row.cells[j])) filled[k] = true;
    switch (e.attendance) {
      case "exempt":
        p.exempt++;
        return;
      case "absent":
        p.unexcused++;
        break;
      case "excused":
        p.excused++;
        break;
      case "ill":
        p.ill++;
        break;
      case "late":
        p.late++;
        break;
      case "present":
        break;
    }
    p.lessons++;
    if (e.assignmentMissing) p.missedAssignments++;
    for (const m of e.marks) p.marks.push(m);
    if (e.pass === true) p.passes++;
    if (e.pass === false) p.fails++;
  });
  p.absences = p.unexcused + p.excused + p.ill;
  p.missedShare = p.lessons > 0 ? p.absences / p.lessons : 0;
  p.average = meanOf(p.marks);
  p.counted = p.lessons > 0;
  if (p.counted) {
    p.monthMark = monthMarkOf(p.marks, settings);
    p.riskReasons = riskReasons(p, settings);
    p.atRisk = p.riskReasons.length > 0;
  }
  return p;
}
