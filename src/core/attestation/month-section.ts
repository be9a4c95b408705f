/**
 * The monthly report's «Аттестация за месяц»: the attestations dated in the month with their
 * results (held / absent / failed, the distribution); left out when the month has none.
 */

import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { avg2 } from "../metrics/index.js";
import type { Model } from "../model.js";
import type { Block } from "../report/model.js";
import { enumLabel } from "../schema.js";
import { participants, subjectOf } from "./participants.js";
import { ATTESTATION_TABLE_ALIGN, attestationFigures } from "./summary.js";
import type { Attestation, ResultSheet } from "./types.js";

export interface MonthAttestation {
  attestations: readonly Attestation[];
  results: ReadonlyMap<string, ResultSheet>;
}

export function attestationMonthBlocks(
  model: Model,
  att: MonthAttestation,
  month: string,
  lang: Lang,
): Block[] {
  const ru = lang === "ru";
  const mine = att.attestations
    .filter((a) => a.id && a.date?.startsWith(`${month}-`))
    .sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  if (!mine.length) return [];
  const rows = mine.map((a) => {
    const f = attestationFigures(a, participants(a, model), att.results.get(a.id));
    return [
      a.id,
      ru ? ruDate(a.date!) : a.date!,
      a.groupId,
      subjectOf(a, model),
      a.form ? enumLabel("attestationForm", a.form, lang) : "",
      String(f.participants),
      String(f.held),
      String(f.absent + f.excused),
      String(f.failed),
      `${f.n5}/${f.n4}/${f.n3}/${f.n2}`,
      f.average === null ? "—" : avg2(f.average, lang),
      f.missing ? String(f.missing) : "",
    ];
  });
  return [
    { kind: "heading", level: 2, text: ru ? "Аттестация за месяц" : "Attestation this month" },
    {
      kind: "table",
      header: ru
        ? [
            "ID",
            "Дата",
            "Группа",
            "Предмет",
            "Форма",
            "Уч-ся",
            "Сдали",
            "Не явились",
            "Не сдали",
            "5/4/3/2",
            "Ср. балл",
            "Не внесено",
          ]
        : [
            "ID",
            "Date",
            "Group",
            "Subject",
            "Form",
            "Pupils",
            "Sat",
            "Absent",
            "Failed",
            "5/4/3/2",
            "Average",
            "Not entered",
          ],
      rows,
      align: [...ATTESTATION_TABLE_ALIGN],
      wide: true,
    },
  ];
}
