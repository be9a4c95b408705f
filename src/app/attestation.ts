/**
 * «Аттестация» / `coordinator attestation`: the attestation schedule, its results sheets and
 * the period marks. One read batch (the known sheets, journals, every «Аттестация <ID>» and
 * «Итоги <период>» tab), one write batch. Results sheets are created for attestations that
 * lack one and extended with students new to them; typed results are never rewritten.
 */

import { attestationChecks } from "../core/attestation/checks.js";
import type { MonthAttestation } from "../core/attestation/month-section.js";
import { attestationNotices } from "../core/attestation/notices.js";
import { participants } from "../core/attestation/participants.js";
import {
  planResultSheet,
  readResultSheet,
  resultsIdOf,
  resultsSheetName,
} from "../core/attestation/results.js";
import { readAttestations, readPeriods } from "../core/attestation/sheets.js";
import { computePeriodMarks, type PeriodMarks } from "../core/attestation/term.js";
import { readOverrides, termPeriodOf, termSheetWrite } from "../core/attestation/term-sheet.js";
import type { Attestation, Period, ResultSheet } from "../core/attestation/types.js";
import { addDays } from "../core/dates.js";
import type { Lang } from "../core/i18n.js";
import type { Issue } from "../core/issues.js";
import type { Lesson, Model } from "../core/model.js";
import { parseModel } from "../core/parse/index.js";
import type { IsoDate } from "../core/records.js";
import { expandLessons } from "../core/schedule/expand.js";
import { norm } from "../core/schema.js";
import type { SheetWrite, Table, Workbook } from "../ports.js";
import { loadWorkbook } from "./load.js";

export interface AttestationState {
  model: Model;
  names: string[];
  tables: Map<string, Table>;
  periods: Period[];
  attestations: Attestation[];
  /** attestation ID -> its results sheet as read. */
  results: Map<string, ResultSheet>;
  /** norm(period name) -> studentId|groupId -> override. */
  overrides: Map<string, Map<string, string>>;
  /** Problems of the sheets themselves (cell-addressed). */
  issues: Issue[];
}

/** Read everything attestation needs in one batch: the model's sheets, results and «Итоги». */
export function loadAttestation(wb: Workbook): AttestationState {
  const names = wb.sheetNames();
  const also = names.filter((n) => termPeriodOf(n) !== undefined);
  const { model, tables } = loadWorkbook(wb, { attestationResults: true, also });
  return attestationState(names, tables, model);
}

export function attestationState(
  names: string[],
  tables: Map<string, Table>,
  model = parseModel(names, tables),
): AttestationState {
  const grid = (tab: string | undefined) => (tab ? (tables.get(tab)?.values ?? []) : []);
  const p = readPeriods(model.tabs.periods ?? "", grid(model.tabs.periods));
  const a = readAttestations(model.tabs.attestations ?? "", grid(model.tabs.attestations));
  model.columns.periods = p.columns;
  model.columns.attestations = a.columns;
  const issues = [...p.issues, ...a.issues];
  const results = new Map<string, ResultSheet>();
  const overrides = new Map<string, Map<string, string>>();
  for (const name of names) {
    const id = resultsIdOf(name);
    if (id !== undefined && !results.has(id) && tables.has(name)) {
      const r = readResultSheet(name, id, grid(name));
      results.set(id, r.results);
      issues.push(...r.issues);
    }
    const period = termPeriodOf(name);
    if (period !== undefined && tables.has(name)) overrides.set(norm(period), readOverrides(grid(name)));
  }
  return { model, names, tables, periods: p.periods, attestations: a.list, results, overrides, issues };
}

/** Lessons over every period (and attestation date): the planned counts and the staff check. */
export function plannedLessons(st: AttestationState): Lesson[] {
  const dates = [...st.periods.flatMap((p) => [p.from, p.to]), ...st.attestations.map((a) => a.date)].filter(
    (d): d is IsoDate => Boolean(d),
  );
  if (!dates.length) return [];
  dates.sort();
  return expandLessons(st.model, dates[0], dates[dates.length - 1]);
}

export function resultsTabOf(st: AttestationState, lang: Lang): (id: string) => string {
  return (id) => st.results.get(id)?.sheet ?? resultsSheetName(id, lang);
}

export function checkAttestation(st: AttestationState, today: IsoDate): Issue[] {
  return [
    ...st.issues,
    ...attestationChecks({
      model: st.model,
      periods: st.periods,
      attestations: st.attestations,
      results: st.results,
      lessons: plannedLessons(st),
      today,
      resultsTab: resultsTabOf(st, st.model.settings.language),
    }),
  ];
}

/** The results sheets' writes: every attestation with a date (up to `until`) gets its sheet; new students are appended. */
export function resultsWrites(
  st: AttestationState,
  lang: Lang,
  only?: string,
  /** Only attestations dated up to this day get a sheet (the week ahead, like journals up to a date). */
  until?: IsoDate,
): SheetWrite[] {
  const email = new Map(st.model.staff.map((s) => [s.id, s.email]));
  const out: SheetWrite[] = [];
  for (const a of st.attestations) {
    if (!a.id || !a.date || (only !== undefined && a.id !== only)) continue;
    if (until !== undefined && a.date > until && !st.results.has(a.id)) continue;
    const have = st.results.get(a.id);
    const plan = planResultSheet({
      sheet: have?.sheet ?? resultsSheetName(a.id, lang),
      lang,
      students: participants(a, st.model),
      existing: have ? (st.tables.get(have.sheet)?.values ?? []) : null,
      editors: [email.get(a.examinerId), email.get(a.assistantId)].filter((x): x is string => Boolean(x)),
    });
    out.push(plan.write);
  }
  return out;
}

export function periodMarks(st: AttestationState, period: Period, planned = plannedLessons(st)): PeriodMarks {
  return computePeriodMarks(
    {
      model: st.model,
      periods: st.periods,
      attestations: st.attestations,
      results: st.results,
      overrides: st.overrides,
      planned,
    },
    period,
  );
}

/** «Итоги <период>» of one period, overrides kept. */
export function termWrite(st: AttestationState, pm: PeriodMarks, lang: Lang): SheetWrite {
  const existing = st.names.find((n) => norm(termPeriodOf(n) ?? "") === norm(pm.period.name));
  const w = termSheetWrite(pm, lang, st.overrides.get(norm(pm.period.name)) ?? new Map(), Boolean(existing));
  return existing ? { ...w, sheet: existing } : w;
}

/** Periods that have begun by `today` and have dates: the ones whose «Итоги» are worth writing. */
export function startedPeriods(st: AttestationState, today: IsoDate): Period[] {
  return st.periods.filter((p) => p.from && p.to && p.from <= p.to && p.from <= today);
}

export interface AttestationRun {
  issues: Issue[];
  writes: SheetWrite[];
  results: string[];
  terms: string[];
}

/** `coordinator attestation` / «Обновить аттестацию»: results sheets, the started periods' «Итоги», the checks. */
export function updateAttestation(wb: Workbook, today: IsoDate, lang?: Lang): AttestationRun {
  const st = loadAttestation(wb);
  const language = lang ?? st.model.settings.language;
  const planned = plannedLessons(st);
  const writes = resultsWrites(st, language, undefined, addDays(today, 7));
  const terms = startedPeriods(st, today).map((p) => termWrite(st, periodMarks(st, p, planned), language));
  const all = [...writes.filter((w) => w.create || (w.cells?.length ?? 0) > 0), ...terms];
  if (all.length) wb.write(all);
  return {
    issues: checkAttestation(st, today),
    writes: all,
    results: writes.map((w) => w.sheet),
    terms: terms.map((w) => w.sheet),
  };
}

/** The notices of attestations not yet notified, and the write that records «Сообщено» = today. */
export function noticesRun(st: AttestationState, today: IsoDate, lang: Lang) {
  const notices = attestationNotices(st.model, st.attestations, lang);
  const tab = st.model.tabs.attestations;
  const col = st.model.columns.attestations?.notified;
  const date = new Date(`${today}T00:00:00Z`);
  const write: SheetWrite | null =
    tab && col && notices.length
      ? { sheet: tab, cells: notices.flatMap((n) => n.rows.map((row) => ({ row, col, values: [[date]] }))) }
      : null;
  return { notices, write };
}

/** The attestations and their results from tables already read (loadWorkbook reads the results tabs). */
export function attestationIn(model: Model, tables: ReadonlyMap<string, Table>): MonthAttestation {
  const tab = model.tabs.attestations;
  const list = tab ? readAttestations(tab, tables.get(tab)?.values ?? []).list : [];
  const results = new Map<string, ResultSheet>();
  for (const [name, t] of tables) {
    const id = resultsIdOf(name);
    if (id !== undefined && !results.has(id)) results.set(id, readResultSheet(name, id, t.values).results);
  }
  return { attestations: list, results };
}
