/**
 * What every sidebar server function shares: the ports, a one-batch read of only the sheets
 * a flow needs, the audit stamp, rows placed by the sheet's own header map, and the checks of
 * what the client sends (it is our page, but a payload is still input).
 */
import { a1, a1Range, type WriteValue } from "../../core/cells.js";
import { zonedParts } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Lang, Msg } from "../../core/i18n.js";
import type { Model } from "../../core/model.js";
import { locateSheets, parseModel } from "../../core/parse/index.js";
import { journalGroupOf, SHEETS, type SheetKey } from "../../core/schema.js";
import type { Clock, Lock, SheetWrite, Table, Workbook } from "../../ports.js";
import type { ReportOutcome } from "../../rpc/contract.js";
import { type AuditEntry, auditWrite } from "../audit.js";

export interface SidebarPorts {
  wb: Workbook;
  lock: Lock;
  clock: Clock;
  /** The person at the keyboard (email), written into «Аудит». */
  user: string;
  /** Builds the monthly report (Apps Script: the monthly job; preview: a local .docx). */
  report?: (month: string) => ReportOutcome | Promise<ReportOutcome>;
}

export interface Snapshot {
  model: Model;
  names: string[];
  tables: Map<string, Table>;
}

/** One read batch of «Настройки», the named sheets and the journals of the named groups. */
export function loadSheets(
  wb: Workbook,
  keys: readonly SheetKey[],
  journalGroups: readonly string[] = [],
): Snapshot {
  const names = wb.sheetNames();
  const { tabs, journals } = locateSheets(names);
  const wanted = [...new Set<SheetKey>(["settings", ...keys])]
    .map((k) => tabs[k])
    .filter((x): x is string => Boolean(x));
  for (const j of journals) if (journalGroups.includes(journalGroupOf(j) ?? "")) wanted.push(j);
  const tables = wb.read(wanted);
  return { model: parseModel(names, tables), names, tables };
}

/** "YYYY-MM-DD HH:MM:SS" in the workbook's time zone (zones differ from UTC in whole minutes). */
export function stamp(clock: Clock, timeZone: string): string {
  const now = clock.now();
  const z = zonedParts(now, timeZone);
  return `${z.date} ${z.time}:${String(now.getUTCSeconds()).padStart(2, "0")}`;
}

/** The audit rows of one action, stamped once. */
export function audit(
  p: Pick<SidebarPorts, "clock" | "user">,
  model: Model,
  action: string,
  entries: readonly Omit<AuditEntry, "when" | "who" | "action">[],
): SheetWrite {
  const when = stamp(p.clock, model.settings.timeZone);
  const who = p.user || "?";
  return auditWrite(
    entries.map((e) => ({ ...e, when, who, action })),
    model.tabs,
    model.settings.language,
  );
}

/** A calendar date as the port wants it: UTC fields = the date. */
export function dateCell(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The tab of a known sheet (found, or the name it gets when created). */
export function tabOf(model: Model, key: SheetKey): string {
  return model.tabs[key] ?? SHEETS[key][model.settings.language];
}

/**
 * Rows for a known sheet, each value at its column in this workbook's header order. A sheet
 * that does not exist yet is created with every header; a value whose column is missing is
 * refused (the data would be lost), naming the column.
 */
export function appendRows(
  snap: Snapshot,
  key: SheetKey,
  rows: readonly Record<string, WriteValue>[],
): { write: SheetWrite; firstRow: number; width: number; range: (i: number) => string } {
  const { model, tables } = snap;
  const lang = model.settings.language;
  const spec = SHEETS[key];
  const tab = model.tabs[key];
  if (!tab) {
    const header = spec.columns.map((c) => c[lang]);
    const line = (r: Record<string, WriteValue>) => spec.columns.map((c) => r[c.key] ?? null);
    return {
      write: {
        sheet: spec[lang],
        create: true,
        cells: [{ row: 1, col: 1, values: [header, ...rows.map(line)] }],
        frozenRows: 1,
        boldRows: 1,
      },
      firstRow: 2,
      width: header.length,
      range: (i) => a1Range(2 + i, 1, 1, header.length),
    };
  }
  const cols = model.columns[key] ?? {};
  for (const r of rows)
    for (const [k, v] of Object.entries(r)) {
      if (cols[k] !== undefined || v === null || v === "") continue;
      const c = spec.columns.find((x) => x.key === k);
      throw new UserError("bad-args", {
        ru: `На листе «${tab}» нет столбца «${c?.ru ?? k}»: добавьте его (меню «Настроить книгу») и повторите`,
        en: `Sheet "${tab}" has no column "${c?.en ?? k}": add it (menu "Set up workbook") and try again`,
      });
    }
  const width = Math.max(1, ...Object.values(cols));
  const firstRow = (tables.get(tab)?.values.length ?? 0) + 1;
  const line = (r: Record<string, WriteValue>) => {
    const out: WriteValue[] = Array.from({ length: width }, () => null);
    for (const [k, v] of Object.entries(r)) if (cols[k] !== undefined) out[cols[k] - 1] = v;
    return out;
  };
  return {
    write: { sheet: tab, append: rows.map(line) },
    firstRow,
    width,
    range: (i) => a1Range(firstRow + i, 1, 1, width),
  };
}

/** The A1 address of a known column in a row of a known sheet. */
export function cellOf(model: Model, key: SheetKey, row: number, column: string): string {
  return a1(row, model.columns[key]?.[column] ?? 1);
}

// ---- checks of what the client sends ----

const bad = (m: Msg) => new UserError("bad-args", m);

export function obj(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw bad({ ru: "Неверный запрос панели", en: "Bad sidebar request" });
  return v as Record<string, unknown>;
}

export function str(v: unknown, field: Msg, opts: { required?: boolean; max?: number } = {}): string {
  if (v === undefined || v === null) v = "";
  if (typeof v !== "string")
    throw bad({ ru: `Поле «${field.ru}»: ожидается текст`, en: `Field "${field.en}": text expected` });
  const s = v.trim();
  if (opts.required && !s)
    throw bad({ ru: `Заполните поле «${field.ru}»`, en: `Fill in the field "${field.en}"` });
  const max = opts.max ?? 2000;
  if (s.length > max)
    throw bad({
      ru: `Поле «${field.ru}»: не длиннее ${max} символов`,
      en: `Field "${field.en}": at most ${max} characters`,
    });
  return s;
}

export function isoDate(v: unknown, field: Msg, opts: { required?: boolean } = { required: true }): string {
  const s = str(v, field, opts);
  if (!s) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== s)
    throw bad({
      ru: `Поле «${field.ru}»: «${s}» — не дата`,
      en: `Field "${field.en}": "${s}" is not a date`,
    });
  return s;
}

export function hhmm(v: unknown, field: Msg): string {
  const s = str(v, field);
  if (!s) return "";
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw bad({
      ru: `Поле «${field.ru}»: «${s}» — не время ЧЧ:ММ`,
      en: `Field "${field.en}": "${s}" is not a time HH:MM`,
    });
  return `${m[1].padStart(2, "0")}:${m[2]}`;
}

export function strMap(v: unknown, field: Msg): Record<string, string> {
  const o = obj(v ?? {});
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) out[k] = str(x, field, { max: 100 });
  return out;
}

export function lang(model: Model): Lang {
  return model.settings.language;
}

/** «Иванов Пётр (S012)» or the ID alone. */
export function who(model: Model, studentId: string): string {
  const s = model.students.find((x) => x.id === studentId);
  return s?.name ? `${s.name} (${studentId})` : studentId;
}

export function notFound(what: Msg): UserError {
  return new UserError("not-found", what);
}

export function conflict(m: Msg): UserError {
  return new UserError("conflict", m);
}
