/** «Причины пропусков» as the monthly report reads it: the reason lines of each pair. */
import { type AbsenceReasons, readAbsenceReasons, reasonLinesByPair } from "../core/absence/reasons.js";
import type { Lang } from "../core/i18n.js";
import type { PairFigures } from "../core/metrics/index.js";
import type { Model } from "../core/model.js";
import type { Table } from "../ports.js";

export function absenceReasonsIn(model: Model, tables: ReadonlyMap<string, Table>): AbsenceReasons {
  const tab = model.tabs.absenceReasons;
  return readAbsenceReasons(tab ?? "", tab ? (tables.get(tab)?.values ?? []) : []);
}

/** The at-risk list's «Причины» for a pair: the month's reasons, «16.11 — справка; …». */
export function reasonOfPair(reasons: AbsenceReasons, month: string, lang: Lang): (p: PairFigures) => string {
  const lines = reasonLinesByPair(reasons, month, lang);
  return (p) => (lines.get(`${p.studentId}|${p.groupId}`) ?? []).join("; ");
}
