/**
 * The «сообщить родителям» draft for a student at risk: a short, kind message for the parent,
 * in the workbook's language, with the reason in plain words. It is only a draft — the program
 * never sends it — and there is none without the parents' consent (152-ФЗ: the workbook's
 * «Согласие на обработку ПДн») and a contact to send it to; then the reason for «none» is said.
 */
import type { Lang, Msg } from "../i18n.js";
import { formatMark, type PairFigures, type RiskReason } from "../metrics/index.js";
import type { Student } from "../records.js";

export interface ParentDraft {
  /** The parent's email or phone, as on «Учащиеся». */
  to: string;
  channel: string;
  subject: string;
  text: string;
}

export type DraftOutcome = { ok: true; draft: ParentDraft } | { ok: false; why: Msg };

/** Why the pair is at risk, one line per reason, both languages. */
export function riskWhy(p: PairFigures, minimum: number): Msg {
  const lines = (lang: Lang) => p.riskReasons.map((r) => reasonText(p, r, minimum, lang)).join("; ");
  return { ru: lines("ru"), en: lines("en") };
}

function reasonText(p: PairFigures, r: RiskReason, minimum: number, lang: Lang): string {
  const ru = lang === "ru";
  if (r === "absences")
    return ru
      ? `пропущено ${p.absences} из ${p.lessons} уроков`
      : `${p.absences} of ${p.lessons} lessons missed`;
  if (r === "low-mark")
    return ru
      ? `отметка за месяц ${formatMark(p.monthMark, lang)}`
      : `month mark ${formatMark(p.monthMark, lang)}`;
  return ru ? `меньше ${minimum} отметок за месяц` : `fewer than ${minimum} marks this month`;
}

export function parentDraft(
  p: PairFigures,
  student: Pick<Student, "name" | "parent" | "parentEmail" | "parentPhone" | "channel" | "consent">,
  subject: string,
  minimum: number,
  lang: Lang,
): DraftOutcome {
  if (student.consent !== true)
    return {
      ok: false,
      why: {
        ru: "Черновик не составлен: на листе «Учащиеся» нет согласия родителей на обработку данных",
        en: "No draft: the Students sheet has no parental consent to data processing",
      },
    };
  const to = student.parentEmail || student.parentPhone;
  if (!to)
    return {
      ok: false,
      why: {
        ru: "Черновик не составлен: у родителей нет email и телефона на листе «Учащиеся»",
        en: "No draft: the parents have no email or phone on the Students sheet",
      },
    };
  const why = riskWhy(p, minimum)[lang];
  const hello = student.parent
    ? lang === "ru"
      ? `Здравствуйте, ${student.parent}!`
      : `Dear ${student.parent},`
    : lang === "ru"
      ? "Здравствуйте!"
      : "Hello,";
  const text =
    lang === "ru"
      ? `${hello}\n\nПишу по поводу занятий «${subject}» (${student.name}): ${why}. Давайте вместе поймём, что мешает, и договоримся, как помочь. Когда вам удобно созвониться?\n\nС уважением`
      : `${hello}\n\nI am writing about the "${subject}" lessons (${student.name}): ${why}. Let us find out together what gets in the way and agree how to help. When would a call suit you?\n\nKind regards`;
  return {
    ok: true,
    draft: {
      to,
      channel: student.channel || (student.parentEmail ? "email" : lang === "ru" ? "телефон" : "phone"),
      subject:
        lang === "ru" ? `${student.name}: занятия «${subject}»` : `${student.name}: "${subject}" lessons`,
      text,
    },
  };
}
