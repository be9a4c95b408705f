/**
 * The period letter to one family: that student's groups with the period mark, the
 * attestation result and the final mark, and their attestations of the period. Built only
 * from this student's rows: no other family's data can reach it.
 */
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { Model } from "../model.js";
import type { Block, ReportDoc } from "../report/model.js";
import { enumLabel } from "../schema.js";
import { resultLabel } from "./results.js";
import type { PeriodMarks } from "./term.js";
import type { Attestation } from "./types.js";

/** The key of a period's letters in «Письма» (its «Месяц» column): one letter per family and period. */
export const periodLetterKey = (period: string) => `Итоги ${period}`;

const mark = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

export function buildPeriodLetter(
  model: Pick<Model, "students" | "groups" | "settings">,
  pm: PeriodMarks,
  attestations: readonly Attestation[],
  studentId: string,
  lang: Lang,
): ReportDoc {
  const ru = lang === "ru";
  const s = model.students.find((x) => x.id === studentId);
  const who = s?.name || studentId;
  const title = ru ? `Итоги периода «${pm.period.name}» — ${who}` : `Results of "${pm.period.name}" — ${who}`;
  const mine = pm.rows.filter((r) => r.studentId === studentId);
  const group = new Map(model.groups.map((g) => [g.id, g.subject || g.title || g.id]));
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: title },
    {
      kind: "paragraph",
      text: ru
        ? `Здравствуйте${s?.parent ? `, ${s.parent}` : ""}! Сообщаем итоги периода «${pm.period.name}» (${ruDate(pm.period.from!)}–${ruDate(pm.period.to!)}).`
        : `Hello${s?.parent ? `, ${s.parent}` : ""}! Here are the results of "${pm.period.name}" (${pm.period.from} to ${pm.period.to}).`,
    },
    {
      kind: "table",
      header: ru
        ? ["Предмет", "За период", "Аттестация", "Итоговая"]
        : ["Subject", "Period mark", "Attestation", "Final"],
      rows: mine.map((r) => [
        group.get(r.groupId) ?? r.groupId,
        mark(r.periodMark),
        r.attestation ? mark(resultLabel(r.attestation.value)) : "—",
        mark(r.final),
      ]),
      align: ["left", "right", "right", "right"],
    },
  ];
  const held = attestations.filter((a) => mine.some((r) => r.attestation?.id === a.id));
  if (held.length)
    blocks.push({
      kind: "bullets",
      items: held.map((a) => {
        const r = mine.find((x) => x.attestation?.id === a.id)!;
        const form = a.form ? enumLabel("attestationForm", a.form, lang) : ru ? "аттестация" : "attestation";
        return `${group.get(r.groupId) ?? r.groupId}, ${form}, ${a.date ? (ru ? ruDate(a.date) : a.date) : ""}: ${mark(resultLabel(r.attestation?.value ?? null))}`;
      }),
    });
  const contact = model.settings.schoolContact;
  blocks.push({
    kind: "paragraph",
    text: ru
      ? `Вопросы можно задать координатору${contact ? `: ${contact}` : ""}.`
      : `Questions are welcome: please contact the coordinator${contact ? ` (${contact})` : ""}.`,
  });
  return { title, lang, blocks };
}
