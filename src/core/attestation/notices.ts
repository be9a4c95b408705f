/**
 * Notices of the attestation schedule: per group (or class), the attestations not yet marked
 * «Сообщено», with their consultations, in the workbook's language, for students, parents and
 * staff alike (no student is named, so one text serves the whole group). Recording «Сообщено»
 * is the caller's write.
 */
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { Model } from "../model.js";
import { shortName } from "../report/labels.js";
import { enumLabel } from "../schema.js";
import { participants, subjectOf } from "./participants.js";
import type { Attestation } from "./types.js";

export interface AttestationNotice {
  groupId: string;
  attestationIds: string[];
  /** Rows of «Аттестация» the notice covers (to record «Сообщено»). */
  rows: number[];
  text: string;
  /** Staff to tell: examiner, assistant, the group's teacher and tutor. */
  staffEmails: string[];
  /** Parents of the students who sit them (emails as in Students). */
  parentEmails: string[];
}

function line(a: Attestation, m: Model, lang: Lang): string {
  const ru = lang === "ru";
  const staff = new Map(m.staff.map((s) => [s.id, shortName(s.name)]));
  const day = a.date ? (ru ? ruDate(a.date) : a.date) : "";
  const time = a.start ? `, ${a.start}${a.end ? `–${a.end}` : ""}` : "";
  const kind = a.kind ? enumLabel("attestationKind", a.kind, lang) : "";
  const form = a.form ? enumLabel("attestationForm", a.form, lang) : "";
  const mode = a.mode ? `, ${enumLabel("mode", a.mode, lang)}` : "";
  const place = a.place ? `, ${a.place}` : "";
  const examiner = staff.get(a.examinerId);
  // «Иванова И. И.» already ends with a full stop.
  const end = (t: string) => (t.endsWith(".") ? t : `${t}.`);
  const who = examiner ? end(ru ? ` Принимает: ${examiner}` : ` Examiner: ${examiner}`) : "";
  const consult = a.consultationDate
    ? ru
      ? ` Консультация: ${ruDate(a.consultationDate)}${a.consultationTime ? ` в ${a.consultationTime}` : ""}.`
      : ` Consultation: ${a.consultationDate}${a.consultationTime ? ` at ${a.consultationTime}` : ""}.`
    : "";
  const what = [kind && (ru ? `${kind} аттестация` : `${kind} attestation`), form].filter(Boolean).join(", ");
  return `— ${subjectOf(a, m)}${what ? ` (${what})` : ""}: ${day}${time}${mode}${place}.${who}${consult}`;
}

export function attestationNotices(m: Model, list: readonly Attestation[], lang: Lang): AttestationNotice[] {
  const ru = lang === "ru";
  const byGroup = new Map<string, Attestation[]>();
  for (const a of list)
    if (a.id && a.date && !a.notified) byGroup.set(a.groupId, [...(byGroup.get(a.groupId) ?? []), a]);
  const emails = new Map(m.staff.map((s) => [s.id, s.email]));
  const out: AttestationNotice[] = [];
  for (const [groupId, atts] of byGroup) {
    atts.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
    const g = m.groups.find((x) => x.id === groupId);
    const title = g?.title ? ` «${g.title}»` : "";
    const head = ru
      ? `${g ? "Группа" : "Класс"} ${groupId}${title}: расписание аттестации.`
      : `${g ? "Group" : "Class"} ${groupId}${title}: attestation schedule.`;
    const staff = new Set<string>();
    const parents = new Set<string>();
    for (const a of atts) {
      for (const id of [a.examinerId, a.assistantId, g?.teacherId, g?.tutorId])
        if (id && emails.get(id)) staff.add(emails.get(id)!);
      for (const s of participants(a, m)) if (s.parentEmail) parents.add(s.parentEmail);
    }
    out.push({
      groupId,
      attestationIds: atts.map((a) => a.id),
      rows: atts.map((a) => a.row),
      text: [head, ...atts.map((a) => line(a, m, lang))].join("\n"),
      staffEmails: [...staff],
      parentEmails: [...parents],
    });
  }
  return out;
}
