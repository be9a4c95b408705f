/**
 * The monthly progress letter to one family: that student's groups with the month mark and
 * attendance, what the parents should know (at risk and why, said kindly), and whom to
 * contact. Built only from this student's pairs: no other family's data can reach it.
 */
import type { Lang } from "../i18n.js";
import { formatMark, type MonthFigures, type PairFigures, pct, type RiskReason } from "../metrics/index.js";
import type { Model } from "../model.js";
import { count } from "../narrative/words.js";
import { monthName } from "../report/labels.js";
import type { Block, ReportDoc } from "../report/model.js";

function groupLabel(p: PairFigures, figures: MonthFigures): string {
  const g = figures.groups.find((x) => x.groupId === p.groupId);
  return g?.title || g?.subject || p.groupId;
}

function teacherOf(p: PairFigures, figures: MonthFigures, model: Pick<Model, "staff">): string {
  const g = figures.groups.find((x) => x.groupId === p.groupId);
  if (!g?.teacherId) return "";
  return model.staff.find((s) => s.id === g.teacherId)?.name ?? "";
}

function attendance(p: PairFigures): number | null {
  return p.lessons > 0 ? ((p.lessons - p.absences) * 100) / p.lessons : null;
}

function concern(p: PairFigures, r: RiskReason, label: string, minimum: number, lang: Lang): string {
  const ru = lang === "ru";
  switch (r) {
    case "absences":
      return ru
        ? `${label}: пропущено ${count(p.absences, "lesson", lang)} из ${p.lessons}. Каждое занятие помогает не отставать — попробуйте вместе найти, что мешает приходить.`
        : `${label}: ${count(p.absences, "lesson", lang)} missed out of ${p.lessons}. Every lesson helps to keep up — please try together to find what gets in the way.`;
    case "low-mark":
      return ru
        ? `${label}: отметка за месяц пока ${formatMark(p.monthMark, lang)}. Тему стоит подтянуть — учитель и тьютор помогут, если попросить.`
        : `${label}: the month mark is ${formatMark(p.monthMark, lang)} for now. The topic is worth catching up on — the teacher and tutor will help if asked.`;
    case "no-mark":
      return ru
        ? `${label}: за месяц меньше ${minimum} отметок, поэтому итог пока не выставлен. Помогает одно: сдавать задания вовремя.`
        : `${label}: fewer than ${minimum} marks this month, so there is no month mark yet. Handing work in on time is what helps.`;
  }
}

export function letterTitle(
  model: Pick<Model, "students">,
  month: string,
  studentId: string,
  lang: Lang,
): string {
  const s = model.students.find((x) => x.id === studentId);
  const who = s?.name || studentId;
  return lang === "ru"
    ? `Дистанционное обучение: итоги за ${monthName(month, lang)} — ${who}`
    : `Distance learning: ${monthName(month, lang)} — ${who}`;
}

/**
 * The letter for one student and month. `figures` are the month's (computeMonth); only the
 * pairs of `studentId` are read. Throws when the student is not in the model.
 */
export function buildLetter(model: Model, figures: MonthFigures, studentId: string, lang: Lang): ReportDoc {
  const student = model.students.find((s) => s.id === studentId);
  if (!student) throw new RangeError(`no student ${studentId}`);
  const ru = lang === "ru";
  const { school, schoolContact } = model.settings;
  const month = monthName(figures.month, lang);
  const pairs = figures.pairs.filter((p) => p.studentId === studentId && p.counted);
  const blocks: Block[] = [];
  const title = letterTitle(model, figures.month, studentId, lang);
  blocks.push({
    kind: "heading",
    level: 1,
    text: school || (ru ? "Дистанционное обучение" : "Distance learning"),
  });
  blocks.push({
    kind: "heading",
    level: 2,
    text: ru
      ? `Итоги за ${month}: ${student.name}${student.className ? `, ${student.className} класс` : ""}`
      : `${month}: ${student.name}${student.className ? `, class ${student.className}` : ""}`,
  });
  const parent = student.parent.trim();
  blocks.push({
    kind: "paragraph",
    text: ru
      ? parent
        ? `Здравствуйте, ${parent}!`
        : "Здравствуйте!"
      : parent
        ? `Dear ${parent},`
        : "Hello,",
  });
  if (!pairs.length) {
    blocks.push({
      kind: "paragraph",
      text: ru
        ? `За ${month} уроков в группах дистанционного обучения не было, поэтому отметок за месяц нет.`
        : `There were no distance-learning lessons in ${month}, so there are no month marks.`,
    });
  } else {
    blocks.push({
      kind: "paragraph",
      text: ru
        ? `Вот как прошло дистанционное обучение за ${month}.`
        : `Here is how distance learning went in ${month}.`,
    });
    blocks.push({
      kind: "table",
      header: ru
        ? ["Группа", "Учитель", "Отметка за месяц", "Уроков", "Пропущено", "Посещаемость, %"]
        : ["Group", "Teacher", "Month mark", "Lessons", "Missed", "Attendance, %"],
      rows: pairs.map((p) => [
        groupLabel(p, figures),
        teacherOf(p, figures, model),
        formatMark(p.monthMark, lang),
        String(p.lessons),
        String(p.absences),
        pct(attendance(p), lang),
      ]),
      align: ["left", "left", "center", "right", "right", "right"],
    });
    if (pairs.some((p) => p.monthMark === "н/а"))
      blocks.push({
        kind: "paragraph",
        style: "note",
        text: ru
          ? `«н/а» — за месяц меньше ${figures.settings.minimumMarks} отметок, итог не выводится.`
          : `"n/a": fewer than ${figures.settings.minimumMarks} marks in the month, so no month mark.`,
      });
    blocks.push({ kind: "heading", level: 2, text: ru ? "Что важно знать" : "What you should know" });
    const concerns = pairs.flatMap((p) =>
      p.riskReasons.map((r) => concern(p, r, groupLabel(p, figures), figures.settings.minimumMarks, lang)),
    );
    if (!concerns.length)
      blocks.push({
        kind: "paragraph",
        text: ru
          ? "Поводов для беспокойства нет: занятия посещаются, отметки в порядке. Спасибо, что поддерживаете учёбу!"
          : "Nothing to worry about: lessons are attended and the marks are fine. Thank you for supporting the learning!",
      });
    else {
      blocks.push({ kind: "bullets", items: concerns });
      blocks.push({
        kind: "paragraph",
        text: ru
          ? "Это не повод для тревоги, а повод поговорить. Если что-то мешает заниматься — здоровье, связь, техника, — напишите нам: вместе найдём решение."
          : "This is not a cause for alarm but a reason to talk. If something gets in the way — health, connection, equipment — write to us and we will find a way together.",
      });
    }
  }
  blocks.push({
    kind: "paragraph",
    text: schoolContact
      ? ru
        ? `Вопросы можно задать координатору дистанционного обучения: ${schoolContact}.`
        : `Questions are welcome; the distance-learning coordinator: ${schoolContact}.`
      : ru
        ? "Вопросы можно задать координатору дистанционного обучения в ответ на это письмо."
        : "Questions are welcome: reply to this letter to reach the distance-learning coordinator.",
  });
  blocks.push({
    kind: "paragraph",
    text: ru
      ? `С уважением, ${school || "координатор дистанционного обучения"}`
      : `Kind regards, ${school || "the distance-learning coordinator"}`,
  });
  return { title, lang, blocks };
}

/** The letter as plain text for an email body: table rows become "Header: value; …" lines. */
export function letterText(doc: ReportDoc): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        out.push(b.text, "");
        break;
      case "paragraph":
        out.push(b.lead ? `${b.lead} ${b.text}` : b.text, "");
        break;
      case "bullets":
        out.push(...b.items.map((i) => `— ${i}`), "");
        break;
      case "table":
        if (b.caption) out.push(b.caption);
        for (const r of b.rows) {
          const rest = r.slice(1).flatMap((v, i) => (v ? [`${b.header[i + 1]}: ${v}`] : []));
          out.push(`• ${r[0]} — ${rest.join("; ")}`);
        }
        out.push("");
        break;
      case "chart":
        out.push(b.alt, "");
        break;
    }
  }
  return `${out.join("\n").trim()}\n`;
}
