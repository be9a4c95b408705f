/**
 * «Загрузить присутствие из СДО…» / `coordinator presence import`: exports of Meet, Zoom,
 * Moodle or a plain CSV (already split into rows by the adapter) held against the schedule.
 * One read, one write batch: «Присутствие в СДО» merged and rewritten, «Проблемы» rewritten
 * with the workbook's issues plus the differences with the journals, and with `apply` `н`
 * written into the blank cells the logs contradict — each write audited. The journals are
 * otherwise never touched; a re-import of the same files writes the same values again.
 */
import type { CellValue, WriteValue } from "../core/cells.js";
import { a1 } from "../core/cells.js";
import { isoLocal } from "../core/forms/responses.js";
import type { Lang } from "../core/i18n.js";
import { type Issue, issue } from "../core/issues.js";
import type { Model } from "../core/model.js";
import { type Fill, presenceDifferences } from "../core/presence/diff.js";
import { loginIndex } from "../core/presence/identity.js";
import { matchSessions } from "../core/presence/match.js";
import { parseExport } from "../core/presence/parse.js";
import { presenceSettings } from "../core/presence/settings.js";
import { mergePresence, presenceValues, readPresence } from "../core/presence/sheet.js";
import type { ExportKind, PresenceRow, Session } from "../core/presence/types.js";
import { norm, SHEETS } from "../core/schema.js";
import type { SheetWrite, Table, Workbook } from "../ports.js";
import { auditWrite } from "./audit.js";
import { type CellLink, missingSheetIssues, problemsWrite, xlsxLink } from "./check.js";
import { loadWorkbook } from "./load.js";

export interface PresenceFile {
  name: string;
  rows: CellValue[][];
}

export interface PresenceOptions {
  apply: boolean;
  now: Date;
  who: string;
  link?: CellLink;
}

export interface UnknownLogin {
  login: string;
  name: string;
  file: string;
  line: number;
}

export interface PresenceImport {
  lang: Lang;
  model: Model;
  sheet: string;
  files: { name: string; kind: ExportKind | null; sessions: number }[];
  /** Problems of the files themselves (unknown format, unreadable times), by file and line. */
  fileIssues: Issue[];
  /** Every row of «Присутствие в СДО» after the merge. */
  rows: PresenceRow[];
  /** Rows this import computed (before merging). */
  matched: number;
  unknown: UnknownLogin[];
  /** Sessions of known people that fit none of their lessons (outside the schedule and the tolerance). */
  outside: number;
  /** Journal differences left after `apply` (the filled cells are no longer differences). */
  differences: Issue[];
  /** Blank cells the logs say were absences: written with `apply`, suggested without. */
  fills: Fill[];
  applied: boolean;
}

function unknownLogins(
  rows: readonly PresenceRow[],
  unplaced: readonly Session[],
  sessions: readonly Session[],
) {
  const out = new Map<string, UnknownLogin>();
  const add = (login: string, s: Session | undefined) => {
    if (!out.has(login))
      out.set(login, { login, name: s?.name ?? "", file: s?.file ?? "", line: s?.line ?? 0 });
  };
  for (const r of rows)
    if (r.role === "unknown")
      add(
        r.login,
        sessions.find((s) => (s.login || norm(s.name)) === r.login),
      );
  for (const s of unplaced) add(s.login || norm(s.name), s);
  return [...out.values()];
}

function unknownIssues(
  res: { unknown: UnknownLogin[]; rows: PresenceRow[]; sheet: string },
  model: Model,
): Issue[] {
  const loginCol = SHEETS.presence.columns.findIndex((c) => c.key === "login") + 1;
  return res.unknown.map((u) => {
    const at = res.rows.findIndex((r) => r.role === "unknown" && r.login === u.login);
    const where = at >= 0 ? { sheet: res.sheet, cell: a1(at + 2, loginCol) } : { sheet: u.file, cell: "" };
    const tabs = `«${model.tabs.students ?? SHEETS.students.ru}» / «${model.tabs.staff ?? SHEETS.staff.ru}»`;
    // A row kept from an earlier import has no file of this run to point at.
    const from = u.file
      ? { ru: ` из ${u.file}, строка ${u.line},`, en: ` from ${u.file}, line ${u.line},` }
      : { ru: "", en: "" };
    return issue(
      where.sheet,
      where.cell,
      "presence-unknown-login",
      {
        ru: `Логин «${u.login}»${u.name ? ` (${u.name})` : ""}${from.ru} не найден в столбце «Логин СДО» листов ${tabs}`,
        en: `Login "${u.login}"${u.name ? ` (${u.name})` : ""}${from.en} is not in the "LMS login" column of ${tabs}`,
      },
      "warning",
    );
  });
}

function fillWrites(fills: readonly Fill[], opt: PresenceOptions, model: Model, lang: Lang): SheetWrite[] {
  if (!fills.length) return [];
  const bySheet = new Map<string, Fill[]>();
  for (const f of fills) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  const writes: SheetWrite[] = [...bySheet].map(([sheet, list]) => ({
    sheet,
    cells: list.map((f) => ({ row: f.row, col: f.col, values: [[f.value]] })),
  }));
  const when = isoLocal(opt.now, model.settings.timeZone).replace("T", " ");
  const action = lang === "ru" ? "присутствие из СДО: отсутствие" : "LMS presence: absence";
  writes.push(
    auditWrite(
      fills.map((f) => ({
        when,
        who: opt.who,
        action,
        sheet: f.sheet,
        cell: a1(f.row, f.col),
        old: "",
        new: f.value,
      })),
      model.tabs,
      lang,
    ),
  );
  return writes;
}

/** Import the files into the workbook (one read, one write). */
export function importPresence(
  wb: Workbook,
  files: readonly PresenceFile[],
  opt: PresenceOptions,
): PresenceImport {
  const { model, tables } = loadWorkbook(wb);
  const lang = model.settings.language;
  const settingsTab = model.tabs.settings;
  const ps = presenceSettings(
    model.settings,
    settingsTab,
    settingsTab ? (tables.get(settingsTab)?.values ?? []) : [],
  );
  const parsed = files.map((f) => parseExport(f.name, f.rows, ps.settings.zone));
  const sessions = parsed.flatMap((p) => p.sessions);
  const index = loginIndex(model);
  const match = matchSessions(model, index, sessions, {
    zone: model.settings.timeZone,
    toleranceMin: ps.settings.toleranceMin,
    lateAfterMin: ps.settings.lateAfterMin,
  });
  const tab = model.tabs.presence;
  const old = tab ? readPresence(tab, tables.get(tab)?.values ?? []).rows : [];
  const rows = mergePresence(old, match.rows);
  const sheet = tab ?? SHEETS.presence[lang];
  const diff = presenceDifferences(model, rows, lang);
  const filled = new Set(opt.apply ? diff.fills.map((f) => `${f.sheet}!${a1(f.row, f.col)}`) : []);
  const differences = diff.issues.filter((i) => !filled.has(`${i.sheet}!${i.cell}`));
  const unknown = unknownLogins(rows, match.unplaced, sessions);
  const res: PresenceImport = {
    lang,
    model,
    sheet,
    files: parsed.map((p) => ({ name: p.file, kind: p.kind, sessions: p.sessions.length })),
    fileIssues: parsed.flatMap((p) => p.issues),
    rows,
    matched: match.rows.length,
    unknown,
    outside: match.outside.length,
    differences,
    fills: diff.fills,
    applied: opt.apply && diff.fills.length > 0,
  };
  const problems = [
    ...missingSheetIssues(model),
    ...model.issues,
    ...index.issues,
    ...ps.issues,
    ...unknownIssues(res, model),
    ...differences,
  ];
  const values: WriteValue[][] = presenceValues(rows, model, lang);
  wb.write([
    { sheet, create: !tab, clear: true, cells: [{ row: 1, col: 1, values }], frozenRows: 1, boldRows: 1 },
    problemsWrite(problems, lang, model.tabs.problems, opt.link ?? xlsxLink),
    ...(opt.apply ? fillWrites(diff.fills, opt, model, lang) : []),
  ]);
  return res;
}

/** The rows of «Присутствие в СДО» in a workbook already read (for the monthly report). */
export function presenceRowsIn(model: Model, tables: ReadonlyMap<string, Table>): PresenceRow[] {
  const tab = model.tabs.presence;
  return tab ? readPresence(tab, tables.get(tab)?.values ?? []).rows : [];
}
