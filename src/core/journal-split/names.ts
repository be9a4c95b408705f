/**
 * The name a journal workbook shows for a student: what «Имена в отчёте» allows (152-ФЗ: a
 * minor's name only where the family agreed, else the ID alone), marked when the student has
 * left the group (their row and marks are kept).
 */
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { Enrollment, IsoDate, NamesInReport, Student } from "../records.js";
import { shownName } from "../report/names.js";
import { enrollmentCovers } from "../schedule/expand.js";

/** The last day of the student's enrollments in the group when none covers `today`, else null. */
export function leftOn(enrollments: readonly Enrollment[], today: IsoDate): IsoDate | null {
  if (!enrollments.length || enrollments.some((e) => enrollmentCovers(e, today) || e.to === null))
    return null;
  const ends = enrollments.map((e) => e.to).filter((d): d is IsoDate => d !== null && d < today);
  return ends.length === enrollments.length ? [...ends].sort().at(-1)! : null;
}

export function journalNames(
  ids: readonly string[],
  students: readonly Student[],
  enrollments: readonly Enrollment[],
  mode: NamesInReport,
  today: IsoDate,
  lang: Lang,
): Map<string, string> {
  const byId = new Map(students.map((s) => [s.id, s]));
  const out = new Map<string, string>();
  for (const id of ids) {
    const s = byId.get(id);
    const name = s ? shownName(s, mode) : "";
    const left = leftOn(
      enrollments.filter((e) => e.studentId === id),
      today,
    );
    const mark = left ? (lang === "ru" ? `выбыл(а) ${ruDate(left)}` : `left ${ruDate(left)}`) : "";
    out.set(id, [name, mark && `(${mark})`].filter(Boolean).join(" "));
  }
  return out;
}
