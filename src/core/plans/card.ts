/**
 * «Индивидуальная карта обучающегося»: one student's document as renderer-neutral blocks —
 * the identity (name by «Имена в отчёте»), needs, channel and consent, the ИУП with its
 * corrections, groups with teacher and tutor, month marks and their dynamics, attendance with
 * the absence reasons, attestation, the contact log about the student, the family's feedback
 * and the portfolio. Only this student's rows are read: nothing of another family gets in.
 */
import type { AbsenceReason } from "../absence/reasons.js";
import { subjectOf } from "../attestation/participants.js";
import { resultLabel as attestationResultLabel } from "../attestation/results.js";
import type { Attestation, ResultSheet, ResultValue } from "../attestation/types.js";
import type { Lang } from "../i18n.js";
import type { PairFigures } from "../metrics/index.js";
import type { Model } from "../model.js";
import type { Student } from "../records.js";
import { monthName } from "../report/labels.js";
import type { Block, ReportDoc } from "../report/model.js";
import { shownName } from "../report/names.js";
import { enumLabel } from "../schema.js";
import { dateLabel, formLabel, levelLabel, resultLabel } from "./labels.js";
import { gradeOf, type LoadLimits } from "./load-limits.js";
import { type Achievement, overlaps, type PlanCorrection, type PlanLine } from "./sheets.js";

export interface CardInput {
  model: Model;
  plans: readonly PlanLine[];
  corrections: readonly PlanCorrection[];
  portfolio: readonly Achievement[];
  limits: LoadLimits;
  reasons: readonly AbsenceReason[];
  /** The school year's months so far, oldest first, each with its (student, group) figures. */
  months: readonly { month: string; pairs: readonly PairFigures[] }[];
  lang: Lang;
  /** The attestation schedule and its results sheets (issue 16); the student's own lines only are shown. */
  attestation?: {
    attestations: readonly Attestation[];
    results: ReadonlyMap<string, ResultSheet>;
  };
  /** «02.12.2026 12:00», in the workbook's zone. */
  generatedAt: string;
  /** The day the card is made (the ИУП lines in force then count for the load). */
  today: string;
}

const T = (lang: Lang, ru: string, en: string) => (lang === "ru" ? ru : en);
const dec = (x: number, lang: Lang) => (lang === "ru" ? x.toFixed(2).replace(".", ",") : x.toFixed(2));

export const cardTitle = (lang: Lang) =>
  T(lang, "Индивидуальная карта обучающегося", "Individual student card");

function identity(s: Student, input: CardInput): Block[] {
  const { lang, model } = input;
  const name = shownName(s, model.settings.namesInReport);
  const consent =
    s.consent === null
      ? T(lang, "не указано", "not given")
      : s.consent
        ? T(lang, "да", "yes")
        : T(lang, "нет", "no");
  const line = (lead: string, text: string): Block => ({
    kind: "paragraph",
    lead: `${lead}:`,
    text: text || "—",
  });
  return [
    { kind: "heading", level: 1, text: `${cardTitle(lang)}: ${s.id}` },
    line("ID", s.id),
    line(
      T(lang, "ФИО", "Name"),
      name || T(lang, "не показывается («Имена в отчёте»)", "not shown (Names in report)"),
    ),
    line(T(lang, "Класс", "Class"), s.className),
    line(T(lang, "Особенности", "Needs"), s.needs),
    line(T(lang, "Канал связи с родителями", "Preferred channel to the parents"), s.channel),
    line(T(lang, "Согласие на обработку ПДн", "Data consent"), consent),
  ];
}

function plan(s: Student, input: CardInput): Block[] {
  const { lang } = input;
  const mine = input.plans.filter((l) => l.studentId === s.id);
  const out: Block[] = [
    { kind: "heading", level: 2, text: T(lang, "Индивидуальный учебный план", "Individual curriculum") },
  ];
  if (!mine.length)
    return [...out, { kind: "paragraph", text: T(lang, "ИУП не составлен.", "No individual plan.") }];
  out.push({
    kind: "table",
    header: T(
      lang,
      "Предмет|Часов в неделю|Форма|Группа|С|По|Основание|Корректировка",
      "Subject|Hours a week|Form|Group|From|To|Basis|Correction",
    ).split("|"),
    rows: mine.map((l) => [
      l.subject,
      l.hours === null ? "" : String(l.hours),
      formLabel(l.form, lang),
      l.groupId,
      dateLabel(l.from, lang),
      dateLabel(l.to, lang),
      l.basis,
      l.correctedOn ? `${dateLabel(l.correctedOn, lang)} — ${l.correctionReason}` : "",
    ]),
  });
  const now = { from: input.today, to: input.today };
  const load = mine.filter((l) => l.form !== "self" && l.form !== "external" && overlaps(l, now));
  const total = load.reduce((a, l) => a + (l.hours ?? 0), 0);
  const grade = gradeOf(s.className);
  const max = grade === null ? undefined : input.limits.byGrade.get(grade);
  out.push({
    kind: "paragraph",
    text: T(
      lang,
      `Недельная нагрузка на ${dateLabel(input.today, lang)}: ${total} ч${max === undefined ? "" : ` при допустимых ${max} (СанПиН 1.2.3685-21, неделя ${input.limits.week} дней)`}.`,
      `Weekly load on ${input.today}: ${total} h${max === undefined ? "" : `, the maximum is ${max} (SanPiN 1.2.3685-21, ${input.limits.week}-day week)`}.`,
    ),
  });
  const corr = input.corrections.filter((c) => c.studentId === s.id);
  if (corr.length)
    out.push({
      kind: "table",
      caption: T(lang, "Корректировки ИУП", "Plan corrections"),
      header: T(lang, "Дата|Предмет|Изменение|Причина", "Date|Subject|Change|Reason").split("|"),
      rows: corr.map((c) => [
        dateLabel(c.date, lang),
        c.subject,
        c.field ? `${c.field}: ${c.old} → ${c.new}` : "",
        c.reason,
      ]),
    });
  return out;
}

function groups(s: Student, input: CardInput): Block[] {
  const { lang, model } = input;
  const staff = new Map(model.staff.map((x) => [x.id, x.name]));
  const rows = model.enrollments
    .filter((e) => e.studentId === s.id)
    .map((e) => {
      const g = model.groups.find((x) => x.id === e.groupId);
      return [
        g?.title ? `${e.groupId} ${g.title}` : e.groupId,
        g?.subject ?? "",
        staff.get(g?.teacherId ?? "") ?? g?.teacherId ?? "",
        staff.get(g?.tutorId ?? "") ?? g?.tutorId ?? "",
        dateLabel(e.from, lang),
        dateLabel(e.to, lang),
      ];
    });
  return [
    { kind: "heading", level: 2, text: T(lang, "Группы", "Groups") },
    rows.length
      ? {
          kind: "table",
          header: T(
            lang,
            "Группа|Предмет|Преподаватель|Тьютор|С|По",
            "Group|Subject|Teacher|Tutor|From|To",
          ).split("|"),
          rows,
        }
      : { kind: "paragraph", text: T(lang, "Не зачислен ни в одну группу.", "Not enrolled in any group.") },
  ];
}

const markText = (p: PairFigures | undefined, lang: Lang) => {
  if (!p || p.lessons === 0) return "";
  const mark = p.monthMark === null ? "" : String(p.monthMark);
  return p.average === null ? mark : `${mark} (${dec(p.average, lang)})`;
};

/** The change of the month mark from the month before: «+1», «−1», «=», or "". */
function dynamics(before: PairFigures | undefined, now: PairFigures | undefined): string {
  const a = typeof before?.monthMark === "number" ? before.monthMark : null;
  const b = typeof now?.monthMark === "number" ? now.monthMark : null;
  if (a === null || b === null) return "";
  return b > a ? `+${b - a}` : b < a ? `−${a - b}` : "=";
}

function marks(s: Student, input: CardInput): Block[] {
  const { lang } = input;
  const months = input.months.filter((m) => m.pairs.some((p) => p.studentId === s.id && p.lessons > 0));
  const out: Block[] = [
    { kind: "heading", level: 2, text: T(lang, "Отметки за месяц и динамика", "Month marks and dynamics") },
  ];
  if (!months.length)
    return [...out, { kind: "paragraph", text: T(lang, "Отметок пока нет.", "No marks yet.") }];
  const groupIds = [
    ...new Set(months.flatMap((m) => m.pairs.filter((p) => p.studentId === s.id).map((p) => p.groupId))),
  ];
  const pair = (month: (typeof months)[number], g: string) =>
    month.pairs.find((p) => p.studentId === s.id && p.groupId === g);
  const rows = groupIds.map((g) => {
    const last = months[months.length - 1];
    const prev = months[months.length - 2];
    return [
      g,
      ...months.map((m) => markText(pair(m, g), lang)),
      prev ? dynamics(pair(prev, g), pair(last, g)) : "",
    ];
  });
  out.push({
    kind: "table",
    header: [
      T(lang, "Группа", "Group"),
      ...months.map((m) => monthName(m.month, lang)),
      T(lang, "Динамика", "Change"),
    ],
    rows,
    wide: months.length > 4,
  });
  out.push({
    kind: "paragraph",
    style: "note",
    text: T(
      lang,
      "Отметка за месяц (в скобках — средний балл); «н/а» — отметок меньше минимума.",
      "Month mark (the average in brackets); «н/а»: fewer marks than the minimum.",
    ),
  });
  return out;
}

function attendance(s: Student, input: CardInput): Block[] {
  const { lang } = input;
  const rows: string[][] = [];
  for (const m of input.months) {
    const mine = m.pairs.filter((p) => p.studentId === s.id && p.lessons > 0);
    if (!mine.length) continue;
    const sum = (k: "lessons" | "absences" | "unexcused" | "excused" | "ill" | "late") =>
      mine.reduce((a, p) => a + p[k], 0);
    rows.push([
      monthName(m.month, lang),
      ...(["lessons", "absences", "unexcused", "excused", "ill", "late"] as const).map((k) => String(sum(k))),
    ]);
  }
  const out: Block[] = [{ kind: "heading", level: 2, text: T(lang, "Посещаемость", "Attendance") }];
  out.push(
    rows.length
      ? {
          kind: "table",
          header: T(
            lang,
            "Месяц|Уроков|Пропусков|н|у|б|Опозданий",
            "Month|Lessons|Absences|unexcused|excused|ill|Late",
          ).split("|"),
          rows,
          align: ["left", "right", "right", "right", "right", "right", "right"],
        }
      : { kind: "paragraph", text: T(lang, "Уроков пока не было.", "No lessons yet.") },
  );
  const reasons = input.reasons.filter((r) => r.studentId === s.id);
  if (reasons.length)
    out.push(
      { kind: "paragraph", lead: T(lang, "Причины пропусков:", "Absence reasons:"), text: "" },
      { kind: "bullets", items: reasons.map((r) => `${dateLabel(r.date, lang)}, ${r.groupId}: ${r.reason}`) },
    );
  return out;
}

/** The student's own result lines, oldest first: date, subject, form, result, comment. */
function attestationBlock(s: Student, input: CardInput): Block | undefined {
  const { lang } = input;
  const byId = new Map((input.attestation?.attestations ?? []).map((a) => [a.id, a]));
  const found: { date: string; row: string[] }[] = [];
  for (const sheet of input.attestation?.results.values() ?? []) {
    const a = byId.get(sheet.attestationId);
    const line = sheet.lines.find((l) => l.studentId === s.id);
    if (!a || !line) continue;
    const kind = a.kind ? enumLabel("attestationKind", a.kind, lang) : "";
    const form = a.form ? enumLabel("attestationForm", a.form, lang) : "";
    const row = [dateLabel(a.date, lang), subjectOf(a, input.model), [kind, form].filter(Boolean).join(", ")];
    found.push({ date: a.date ?? "", row: [...row, resultOf(line.value, line.text, lang), line.comment] });
  }
  if (!found.length) return undefined;
  const rows = found.sort((x, y) => x.date.localeCompare(y.date)).map((f) => f.row);
  return {
    kind: "table",
    header: T(
      lang,
      "Дата|Предмет|Вид и форма|Результат|Комментарий",
      "Date|Subject|Kind and form|Result|Comment",
    ).split("|"),
    rows,
  };
}

function resultOf(v: ResultValue | null, text: string, lang: Lang): string {
  if (!v) return text ? text : T(lang, "не внесён", "not entered");
  return attestationResultLabel(v);
}

function logs(s: Student, input: CardInput): Block[] {
  const { lang, model } = input;
  const staff = new Map(model.staff.map((x) => [x.id, x.name]));
  const contacts = model.contacts.filter((c) => c.studentId === s.id);
  const feedback = model.feedback.filter((f) => f.studentId === s.id);
  const none = (ru: string, en: string): Block => ({ kind: "paragraph", text: T(lang, ru, en) });
  return [
    { kind: "heading", level: 2, text: T(lang, "Результаты аттестации", "Attestation results") },
    attestationBlock(s, input) ??
      none("Сведений об аттестации в книге нет.", "The workbook holds no attestation results."),
    { kind: "heading", level: 2, text: T(lang, "Контакты об учащемся", "Contact log about the student") },
    contacts.length
      ? {
          kind: "table",
          header: T(lang, "Дата|Сотрудник|Канал|Содержание", "Date|Staff|Channel|Summary").split("|"),
          rows: contacts.map((c) => [
            dateLabel(c.date, lang),
            staff.get(c.staffId) ?? c.staffId,
            c.channel,
            c.summary,
          ]),
        }
      : none("Записей нет.", "No entries."),
    { kind: "heading", level: 2, text: T(lang, "Отзывы родителей", "Parent feedback") },
    feedback.length
      ? {
          kind: "bullets",
          items: feedback.map((f) =>
            [
              dateLabel(f.timestamp.slice(0, 10) || null, lang),
              f.rating === null ? "" : T(lang, `оценка ${f.rating}`, `rating ${f.rating}`),
              f.good && `«${f.good}»`,
              f.problems && `«${f.problems}»`,
              f.question && `${T(lang, "вопрос", "question")}: «${f.question}»`,
            ]
              .filter(Boolean)
              .join("; "),
          ),
        }
      : none("Отзывов нет.", "No feedback."),
  ];
}

function portfolio(s: Student, input: CardInput): Block[] {
  const { lang } = input;
  const mine = input.portfolio.filter((a) => a.studentId === s.id);
  return [
    { kind: "heading", level: 2, text: T(lang, "Портфолио", "Portfolio") },
    mine.length
      ? {
          kind: "table",
          header: T(
            lang,
            "Дата|Вид|Название|Уровень, результат|Подтверждение",
            "Date|Kind|Title|Level, result|Evidence",
          ).split("|"),
          rows: mine.map((a) => [
            dateLabel(a.date, lang),
            a.kind,
            a.title,
            [levelLabel(a.level, lang), resultLabel(a.result, lang)].filter(Boolean).join(", "),
            [
              a.link,
              a.confirmedBy && T(lang, `подтвердил: ${a.confirmedBy}`, `confirmed by ${a.confirmedBy}`),
            ]
              .filter(Boolean)
              .join("; "),
          ]),
        }
      : { kind: "paragraph", text: T(lang, "Достижений пока нет.", "No achievements yet.") },
  ];
}

/** The card of one student; undefined when the ID is unknown. */
export function studentCard(id: string, input: CardInput): ReportDoc | undefined {
  const s = input.model.students.find((x) => x.id === id);
  if (!s) return undefined;
  const { lang } = input;
  const blocks: Block[] = [
    ...identity(s, input),
    ...plan(s, input),
    ...groups(s, input),
    ...marks(s, input),
    ...attendance(s, input),
    ...logs(s, input),
    ...portfolio(s, input),
    {
      kind: "paragraph",
      style: "note",
      text: T(
        lang,
        `Сформировано ${input.generatedAt}. Карта доступна только координатору (и классному руководителю по настройке).`,
        `Made ${input.generatedAt}. The card is shared with the coordinator only (and the class teacher, by a setting).`,
      ),
    },
  ];
  return { title: `${cardTitle(lang)} ${s.id}`, lang, blocks };
}
