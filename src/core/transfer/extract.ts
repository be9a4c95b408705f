/**
 * The transfer extract of a month: per home class (the students' «Класс») and distance group,
 * the journal cells exactly as typed. A cell outside the student's enrollment is not the
 * group's to hand over (null); a student without a journal row has blank cells.
 */
import { cellText } from "../cells.js";
import type { ParsedJournal } from "../journal/types.js";
import { classKey } from "../metrics/klass.js";
import { insideSpans, type Span } from "../metrics/student.js";
import type { MonthFigures } from "../metrics/types.js";
import type { Model } from "../model.js";
import { shownName } from "../report/names.js";
import type { SubjectBlock, TransferLesson } from "./types.js";

export const lessonKey = (date: string, index: number) => (index > 1 ? `${date} (${index})` : date);

function lessonsOf(journal: ParsedJournal | undefined, from: string, to: string): TransferLesson[] {
  if (!journal) return [];
  return journal.columns
    .filter((c) => c.date >= from && c.date <= to)
    .map((c) => ({ key: lessonKey(c.date, c.index), date: c.date, index: c.index, col: c.col }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.index - b.index);
}

function spansOf(model: Model): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const e of model.enrollments) {
    const k = `${e.groupId}\u0000${e.studentId}`;
    out.set(k, [...(out.get(k) ?? []), { from: e.from, to: e.to }]);
  }
  return out;
}

/** Every (class, group) block of the month, classes and groups in sheet order; `only` picks one class. */
export function transferBlocks(model: Model, figures: MonthFigures, only?: string): SubjectBlock[] {
  const journals = new Map<string, ParsedJournal>();
  for (const j of model.journals) if (!journals.has(j.groupId)) journals.set(j.groupId, j);
  const students = new Map(model.students.map((s) => [s.id, s]));
  const spans = spansOf(model);
  const mode = model.settings.namesInReport;
  const blocks = new Map<string, SubjectBlock>();
  const want = only === undefined ? null : classKey(only);
  for (const p of figures.pairs) {
    const student = students.get(p.studentId);
    if (!student?.className.trim()) continue;
    if (want !== null && classKey(student.className) !== want) continue;
    const group = model.groups.find((g) => g.id === p.groupId);
    const journal = journals.get(p.groupId);
    const key = `${classKey(student.className)}\u0000${p.groupId}`;
    let block = blocks.get(key);
    if (!block) {
      block = {
        className: student.className.trim(),
        groupId: p.groupId,
        subject: group?.subject || group?.title || p.groupId,
        journalSheet: journal?.sheet ?? "",
        period: figures.month,
        lessons: lessonsOf(journal, figures.from, figures.to),
        students: [],
      };
      blocks.set(key, block);
    }
    const row = journal?.rows.find((r) => r.studentId === p.studentId) ?? null;
    const own = spans.get(`${p.groupId}\u0000${p.studentId}`) ?? [];
    const cells = block.lessons.map((l) => {
      if (!insideSpans(l.date, own)) return null;
      const k = journal ? journal.columns.findIndex((c) => c.col === l.col) : -1;
      return row && k >= 0 ? cellText(row.cells[k]).trim() : "";
    });
    block.students.push({
      studentId: p.studentId,
      name: shownName(student, mode),
      row: row?.row ?? null,
      cells,
      monthMark: p.monthMark === null ? "" : String(p.monthMark),
    });
  }
  return sortBlocks([...blocks.values()]);
}

const collator = () => new Intl.Collator("ru", { numeric: true });

function sortBlocks(blocks: SubjectBlock[]): SubjectBlock[] {
  const c = collator();
  return blocks.sort(
    (a, b) =>
      c.compare(a.className, b.className) ||
      c.compare(a.subject, b.subject) ||
      c.compare(a.groupId, b.groupId),
  );
}
