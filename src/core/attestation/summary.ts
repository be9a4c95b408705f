/**
 * The figures of one attestation over the students who sit it (WORKBOOK-FORMAT «Аттестация
 * <ID>»): held = a mark, зач or незач; absent = н, excused = у, exempt = осв; missing = blank;
 * failed = a mark of 2 or lower, or незач. The average is over the marks.
 */
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { meanOf } from "../metrics/index.js";
import type { Student } from "../records.js";
import { enumLabel } from "../schema.js";
import type { Attestation, ResultSheet } from "./types.js";

export interface AttestationFigures {
  id: string;
  participants: number;
  held: number;
  absent: number;
  excused: number;
  exempt: number;
  missing: number;
  failed: number;
  /** Marks 5, 4, 3, 2 (2 counts 1 too). */
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  pass: number;
  fail: number;
  average: number | null;
}

export function attestationFigures(
  a: Attestation,
  sitting: readonly Student[],
  sheet: ResultSheet | undefined,
): AttestationFigures {
  const f: AttestationFigures = {
    id: a.id,
    participants: sitting.length,
    held: 0,
    absent: 0,
    excused: 0,
    exempt: 0,
    missing: 0,
    failed: 0,
    n5: 0,
    n4: 0,
    n3: 0,
    n2: 0,
    pass: 0,
    fail: 0,
    average: null,
  };
  const lines = new Map((sheet?.lines ?? []).map((l) => [l.studentId, l]));
  const marks: number[] = [];
  for (const s of sitting) {
    const v = lines.get(s.id)?.value ?? null;
    if (!v) f.missing++;
    else if (v.kind === "mark") {
      f.held++;
      marks.push(v.mark);
      if (v.mark >= 5) f.n5++;
      else if (v.mark === 4) f.n4++;
      else if (v.mark === 3) f.n3++;
      else {
        f.n2++;
        f.failed++;
      }
    } else if (v.kind === "pass") {
      f.held++;
      f.pass++;
    } else if (v.kind === "fail") {
      f.held++;
      f.fail++;
      f.failed++;
    } else if (v.kind === "absent") f.absent++;
    else if (v.kind === "excused") f.excused++;
    else f.exempt++;
  }
  f.average = meanOf(marks);
  return f;
}

/**
 * The attestation results table (the monthly report's section and the period report): group,
 * subject, form, date/kind text left; the counts and the average right.
 */
export const ATTESTATION_TABLE_ALIGN: readonly ("left" | "right")[] = [
  ...Array.from({ length: 5 }, () => "left" as const),
  ...Array.from({ length: 7 }, () => "right" as const),
];

/** The first ten columns both attestation tables show: who, when, what, and the counts. */
export const ATTESTATION_HEAD: Record<Lang, readonly string[]> = {
  ru: ["ID", "Дата", "Группа", "Предмет", "Форма", "Уч-ся", "Сдали", "Не явились", "Не сдали", "5/4/3/2"],
  en: ["ID", "Date", "Group", "Subject", "Form", "Pupils", "Sat", "Absent", "Failed", "5/4/3/2"],
};

/** One attestation's cells under ATTESTATION_HEAD. */
export function attestationCells(
  a: Attestation,
  subject: string,
  f: AttestationFigures,
  lang: Lang,
): string[] {
  return [
    a.id,
    a.date ? (lang === "ru" ? ruDate(a.date) : a.date) : "",
    a.groupId,
    subject,
    a.form ? enumLabel("attestationForm", a.form, lang) : "",
    String(f.participants),
    String(f.held),
    String(f.absent + f.excused),
    String(f.failed),
    `${f.n5}/${f.n4}/${f.n3}/${f.n2}`,
  ];
}
