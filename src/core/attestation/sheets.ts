/**
 * «Учебные периоды» and «Аттестация» read into records (parseTable: either language, any
 * column order, every row kept with its issues), and the cross-row checks of the periods
 * themselves (a period ending before it starts).
 */
import { a1, type CellValue } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import { parseTable } from "../parse/table.js";
import type { HhMm, IsoDate, LessonMode } from "../records.js";
import { norm, SHEETS } from "../schema.js";
import type { Attestation, AttestationKind, Period, PeriodKind } from "./types.js";

type Grid = readonly (readonly CellValue[])[];
const s = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const d = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function readPeriods(
  tab: string,
  values: Grid,
): { periods: Period[]; issues: Issue[]; columns: Record<string, number> } {
  if (!values.length) return { periods: [], issues: [], columns: {} };
  const t = parseTable(SHEETS.periods, tab, values);
  const issues = [...t.issues];
  const periods = t.rows.map(
    (r): Period => ({
      row: r.row,
      name: s(r.fields.name),
      kind: (r.fields.kind as PeriodKind | null) ?? null,
      from: d(r.fields.from),
      to: d(r.fields.to),
      required: s(r.fields.required)
        .split(/[,;]/)
        .map((x) => x.trim())
        .filter(Boolean),
    }),
  );
  const seen = new Map<string, number>();
  for (const p of periods) {
    if (p.from && p.to && p.to < p.from)
      issues.push(
        issue(tab, a1(p.row, t.columns.to ?? 1), "bad-range", {
          ru: `Период «${p.name}» кончается раньше, чем начинается`,
          en: `Period "${p.name}" ends before it starts`,
        }),
      );
    const key = norm(p.name);
    const first = seen.get(key);
    if (key && first !== undefined)
      issues.push(
        issue(tab, a1(p.row, t.columns.name ?? 1), "duplicate-id", {
          ru: `Период «${p.name}» уже есть в строке ${first}; читается первый`,
          en: `Period "${p.name}" is already in row ${first}; the first one is read`,
        }),
      );
    else if (key) seen.set(key, p.row);
  }
  const first = periods.filter((p, i) => periods.findIndex((q) => norm(q.name) === norm(p.name)) === i);
  return { periods: first, issues, columns: t.columns };
}

export function readAttestations(
  tab: string,
  values: Grid,
): { list: Attestation[]; issues: Issue[]; columns: Record<string, number> } {
  if (!values.length) return { list: [], issues: [], columns: {} };
  const t = parseTable(SHEETS.attestations, tab, values);
  const issues = [...t.issues];
  const list = t.rows.map(
    (r): Attestation => ({
      row: r.row,
      id: s(r.fields.id),
      kind: (r.fields.kind as AttestationKind | null) ?? null,
      form: (r.fields.form as string | null) ?? null,
      groupId: s(r.fields.groupId),
      subject: s(r.fields.subject),
      date: d(r.fields.date) as IsoDate | null,
      start: d(r.fields.start) as HhMm | null,
      end: d(r.fields.end) as HhMm | null,
      mode: (r.fields.mode as LessonMode | null) ?? null,
      place: s(r.fields.place),
      examinerId: s(r.fields.examinerId),
      assistantId: s(r.fields.assistantId),
      period: s(r.fields.period),
      consultationDate: d(r.fields.consultationDate) as IsoDate | null,
      consultationTime: d(r.fields.consultationTime) as HhMm | null,
      notified: d(r.fields.notified) as IsoDate | null,
    }),
  );
  const seen = new Map<string, number>();
  for (const x of list) {
    const first = seen.get(x.id);
    if (x.id && first !== undefined)
      issues.push(
        issue(tab, a1(x.row, t.columns.id ?? 1), "duplicate-id", {
          ru: `ID «${x.id}» уже есть в строке ${first}`,
          en: `ID "${x.id}" is already in row ${first}`,
        }),
      );
    else if (x.id) seen.set(x.id, x.row);
    if (x.start && x.end && x.end <= x.start)
      issues.push(
        issue(tab, a1(x.row, t.columns.end ?? 1), "bad-range", {
          ru: `Аттестация ${x.id}: окончание не позже начала`,
          en: `Attestation ${x.id}: the end is not after the start`,
        }),
      );
  }
  return { list, issues, columns: t.columns };
}

/** The period an attestation belongs to: by name when typed, else the (shortest) period holding its date. */
export function periodOf(a: Attestation, periods: readonly Period[]): Period | undefined {
  if (a.period) return periods.find((p) => norm(p.name) === norm(a.period));
  if (!a.date) return undefined;
  const holding = periods.filter((p) => p.from && p.to && p.from <= a.date! && a.date! <= p.to);
  return holding.sort((x, y) => span(x) - span(y))[0];
}

const span = (p: Period) =>
  p.from && p.to ? Date.parse(p.to) - Date.parse(p.from) : Number.POSITIVE_INFINITY;

export function findPeriod(periods: readonly Period[], name: string): Period | undefined {
  return periods.find((p) => norm(p.name) === norm(name));
}
