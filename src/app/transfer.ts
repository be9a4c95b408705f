/**
 * «Выписки для классных журналов» / `coordinator transfer`: the month's cells of every distance
 * group, per home class, for the class teachers; a row per class and group appended to «Перенос
 * в классные журналы» with the snapshot handed over; and every cell changed after an earlier
 * transfer listed as «исправления после переноса» — then recorded as handed over too, so a late
 * mark is listed once in the export that carries it, and stays listed in the monthly report
 * until then.
 */
import { a1, cellText, type WriteValue } from "../core/cells.js";
import { monthRange } from "../core/dates.js";
import { isoLocal } from "../core/forms/responses.js";
import type { Lang } from "../core/i18n.js";
import { type Issue, issue } from "../core/issues.js";
import { computeMonth } from "../core/metrics/index.js";
import { classKey } from "../core/metrics/klass.js";
import type { MonthFigures } from "../core/metrics/types.js";
import type { Model } from "../core/model.js";
import { parseDateTime } from "../core/parse/cells.js";
import { SHEETS } from "../core/schema.js";
import { type AuditRow, correctionsOf, recordOf } from "../core/transfer/corrections.js";
import { transferBlocks } from "../core/transfer/extract.js";
import { latestTransfers, readTransfers, transferHeader, transferRow } from "../core/transfer/register.js";
import { pairKey, type TermMarks, withTermMarks } from "../core/transfer/terms.js";
import type { Correction, SubjectBlock, TransferRecord } from "../core/transfer/types.js";
import type { SheetWrite, Table, Workbook } from "../ports.js";
import { type AttestationState, loadAttestation, periodMarks, plannedLessons } from "./attestation.js";

export interface TransferOptions {
  month: string;
  /** One home class, as typed in «Учащиеся» «Класс». */
  className?: string;
  now: Date;
  who: string;
}

export interface TransferResult {
  lang: Lang;
  month: string;
  model: Model;
  /** The month's blocks, by class then subject. */
  blocks: SubjectBlock[];
  /** Cells changed after their transfer (this month's re-export and earlier months). */
  corrections: Correction[];
  /** Problems that make the extract incomplete (a group without a journal). */
  issues: Issue[];
  register: string;
  /** Register rows appended by this run. */
  recorded: number;
}

/** «Аудит» as read (the load leaves it out: it is only needed here). */
export function auditRows(model: Model, wb: Workbook): AuditRow[] {
  const tab = model.tabs.audit;
  if (!tab) return [];
  const values = wb.read([tab]).get(tab)?.values ?? [];
  const head = (values[0] ?? []).map((h) => cellText(h).trim().toLowerCase());
  const at = (k: string) => {
    const c = SHEETS.audit.columns.find((x) => x.key === k)!;
    return head.findIndex((h) => h === c.ru.toLowerCase() || h === c.en.toLowerCase());
  };
  const [w, who, sheet, cell] = [at("when"), at("who"), at("sheet"), at("cell")];
  if (w < 0 || sheet < 0 || cell < 0) return [];
  return values.slice(1).map((r) => ({
    // Google may hand back a date-time the program wrote as text: read it as one.
    when: (parseDateTime(r[w] ?? null) ?? cellText(r[w])).replace("T", " "),
    who: who >= 0 ? cellText(r[who]) : "",
    sheet: cellText(r[sheet]),
    cell: cellText(r[cell]).toUpperCase(),
  }));
}

export function transferRecordsIn(model: Model, tables: ReadonlyMap<string, Table>) {
  const tab = model.tabs.transfers;
  return tab ? readTransfers(tab, tables.get(tab)?.values ?? []) : { records: [], issues: [] };
}

/** Blocks of periods other than `month` that changed since their latest transfer. */
function laterCorrections(
  model: Model,
  latest: readonly TransferRecord[],
  audit: readonly AuditRow[],
  upTo: string,
  only: string | undefined,
): { block: SubjectBlock; corrections: Correction[] }[] {
  const figures = new Map<string, MonthFigures>();
  const out: { block: SubjectBlock; corrections: Correction[] }[] = [];
  for (const r of latest) {
    if (!/^\d{4}-\d{2}$/.test(r.period) || r.period > upTo) continue;
    if (only !== undefined && classKey(r.className) !== classKey(only)) continue;
    let f = figures.get(r.period);
    if (!f) {
      f = computeMonth(model, r.period, []);
      figures.set(r.period, f);
    }
    const block = transferBlocks(model, f, r.className).find((b) => b.groupId === r.groupId);
    if (!block) continue;
    const corrections = correctionsOf(block, r, audit);
    if (corrections.length) out.push({ block, corrections });
  }
  return out;
}

/** Cells changed after their transfer, for periods up to `month` (the monthly report's list). */
export function pendingCorrections(
  wb: Workbook,
  model: Model,
  tables: ReadonlyMap<string, Table>,
  month: string,
) {
  const latest = latestTransfers(transferRecordsIn(model, tables).records);
  if (!latest.length) return [];
  return laterCorrections(model, latest, auditRows(model, wb), month, undefined).flatMap(
    (x) => x.corrections,
  );
}

/** Students of the month's groups with no «Класс»: they belong to no class journal. */
function classless(model: Model, figures: MonthFigures): Issue[] {
  const ids = new Set(figures.pairs.map((p) => p.studentId));
  const tab = model.tabs.students ?? SHEETS.students.ru;
  const col = model.columns.students?.className ?? 1;
  return model.students
    .filter((s) => ids.has(s.id) && !s.className.trim())
    .map((s) =>
      issue(
        tab,
        a1(s.row, col),
        "required",
        {
          ru: `У ${s.id} не указан класс: его отметки не попали ни в одну выписку`,
          en: `${s.id} has no class: their marks are in no extract`,
        },
        // Left out of every extract: the command says so and exits 1.
        "error",
      ),
    );
}

function missingJournals(blocks: readonly SubjectBlock[], lang: Lang): Issue[] {
  const groups = SHEETS.groups[lang];
  return [...new Set(blocks.filter((b) => !b.journalSheet).map((b) => b.groupId))].map((g) =>
    issue(groups, "", "other", {
      ru: `У группы «${g}» нет листа «Журнал ${g}»: её отметки не попали в выписку`,
      en: `Group "${g}" has no sheet "Journal ${g}": its marks are not in the extract`,
    }),
  );
}

function registerWrite(model: Model, values: WriteValue[][], lang: Lang): SheetWrite {
  const tab = model.tabs.transfers;
  if (tab) return { sheet: tab, append: values };
  return {
    sheet: SHEETS.transfers[lang],
    create: true,
    cells: [{ row: 1, col: 1, values: [transferHeader(lang), ...values] }],
    frozenRows: 1,
    boldRows: 1,
  };
}

/** The final marks of every period that ends within `month` (none before periods exist). */
export function termsOfMonth(st: AttestationState, month: string): TermMarks[] {
  const { from, to } = monthRange(month);
  const ending = st.periods.filter((p) => p.from && p.to && p.from <= p.to && p.to >= from && p.to <= to);
  if (!ending.length) return [];
  const planned = plannedLessons(st);
  return ending.map((p) => {
    const marks = new Map<string, string>();
    for (const r of periodMarks(st, p, planned).rows)
      if (r.final !== null && r.final !== "") marks.set(pairKey(r.studentId, r.groupId), String(r.final));
    return { period: p.name, to: p.to as string, marks };
  });
}

/** Build the month's extract and record it in the register (one read, one write). */
export function runTransfer(wb: Workbook, opt: TransferOptions): TransferResult {
  // The attestation state's one read holds every sheet the extract needs, and the periods.
  const st = loadAttestation(wb);
  const { model, tables } = st;
  const lang = model.settings.language;
  const figures = computeMonth(model, opt.month, []);
  const blocks = withTermMarks(transferBlocks(model, figures, opt.className), termsOfMonth(st, opt.month));
  const register = transferRecordsIn(model, tables);
  const latest = latestTransfers(register.records);
  const audit = auditRows(model, wb);
  const corrections: Correction[] = [];
  for (const b of blocks) {
    const r = recordOf(b, latest);
    if (r) corrections.push(...correctionsOf(b, r, audit));
  }
  const earlier = laterCorrections(
    model,
    latest.filter((r) => r.period !== opt.month),
    audit,
    opt.month,
    opt.className,
  );
  for (const e of earlier) corrections.push(...e.corrections);
  const at = isoLocal(opt.now, model.settings.timeZone).replace("T", " ");
  const fixes = (b: SubjectBlock) =>
    corrections.filter(
      (c) =>
        c.groupId === b.groupId && c.period === b.period && classKey(c.className) === classKey(b.className),
    ).length;
  const rows = [...blocks, ...earlier.map((e) => e.block)].map((b) => transferRow(b, at, opt.who, fixes(b)));
  if (rows.length) wb.write([registerWrite(model, rows, lang)]);
  return {
    lang,
    month: opt.month,
    model,
    blocks,
    corrections,
    issues: [...register.issues, ...missingJournals(blocks, lang), ...classless(model, figures)],
    register: model.tabs.transfers ?? SHEETS.transfers[lang],
    recorded: rows.length,
  };
}
