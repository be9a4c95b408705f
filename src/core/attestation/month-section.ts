/**
 * The monthly report's «Аттестация за месяц»: the attestations dated in the month with their
 * results (held / absent / failed, the distribution); left out when the month has none.
 */

import type { Lang } from "../i18n.js";
import { avg2 } from "../metrics/index.js";
import type { Model } from "../model.js";
import type { Block } from "../report/model.js";
import { participants, subjectOf } from "./participants.js";
import {
  ATTESTATION_HEAD,
  ATTESTATION_TABLE_ALIGN,
  attestationCells,
  attestationFigures,
} from "./summary.js";
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
      ...attestationCells(a, subjectOf(a, model), f, lang),
      f.average === null ? "—" : avg2(f.average, lang),
      f.missing ? String(f.missing) : "",
    ];
  });
  return [
    { kind: "heading", level: 2, text: ru ? "Аттестация за месяц" : "Attestation this month" },
    {
      kind: "table",
      header: [...ATTESTATION_HEAD[lang], ...(ru ? ["Ср. балл", "Не внесено"] : ["Average", "Not entered"])],
      rows,
      align: [...ATTESTATION_TABLE_ALIGN],
      wide: true,
    },
  ];
}
