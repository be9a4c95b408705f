/**
 * Family tokens: one opaque random code per student whose parents gave data consent. The code
 * goes into the parent's prefilled form link instead of a name; the hidden, program-owned
 * sheet «Токены» maps it back to the student. Tokens come from a CSPRNG the caller injects
 * (Node: crypto.randomBytes; Apps Script: Utilities.getUuid), never from a name or ID.
 */

import type { SheetWrite } from "../../ports.js";
import { a1, type CellValue, cellText, isBlank, type WriteValue } from "../cells.js";
import { parseDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import type { IsoDate, Student } from "../records.js";
import { type ColumnSpec, norm, type SheetSpec } from "../schema.js";

/** 12 bytes = 96 bits: far beyond guessing, short enough for a link. */
export const TOKEN_BYTES = 12;
const TOKEN = /^[0-9a-f]{24}$/;

/** A SheetSpec outside schema.ts's SheetKey list (the sheet is internal to the forms feature). */
export type TokensSheetSpec = Omit<SheetSpec, "key"> & { key: "tokens" };

const col = (
  key: string,
  ru: string,
  en: string,
  kind: ColumnSpec["kind"],
  required = false,
): ColumnSpec => ({
  key,
  ru,
  en,
  kind,
  required,
});

export const TOKENS_SHEET: TokensSheetSpec = {
  key: "tokens",
  ru: "Токены",
  en: "Tokens",
  programOwned: true,
  hidden: true,
  columns: [
    col("studentId", "Учащийся", "Student", "ref", true),
    col("token", "Токен", "Token", "text", true),
    col("created", "Создан", "Created", "date"),
    col("revoked", "Отозван", "Revoked", "date"),
  ],
};

export interface TokenRow {
  /** 1-based sheet row. */
  row: number;
  studentId: string;
  /** Trimmed, lower case. */
  token: string;
  created: IsoDate | null;
  /** Non-blank = revoked: the date, or whatever the coordinator typed there. */
  revoked: string | null;
}

export interface NewToken {
  studentId: string;
  token: string;
  created: IsoDate;
}

export interface TokenPlan {
  /** Rows to append to «Токены». */
  append: NewToken[];
  /** Active rows to mark revoked today (the student's consent is now "no"). */
  revoke: TokenRow[];
  /** The active token of every student with consent. */
  tokens: Map<string, string>;
}

/** The tab holding the tokens, in either language. */
export function tokensTabOf(names: readonly string[]): string | undefined {
  return names.find((n) => norm(n) === norm(TOKENS_SHEET.ru) || norm(n) === norm(TOKENS_SHEET.en));
}

/** Which column of «Токены» a header is. */
function tokenColumnOf(header: unknown): string | undefined {
  const n = norm(header);
  return n ? TOKENS_SHEET.columns.find((c) => norm(c.ru) === n || norm(c.en) === n)?.key : undefined;
}

export function normalizeToken(v: unknown): string {
  return cellText((v ?? null) as CellValue).toLowerCase();
}

/** Read «Токены»: header row in any order, one row per token; a repeated token is an error. */
export function parseTokens(
  sheet: string,
  values: readonly (readonly CellValue[])[],
): { rows: TokenRow[]; columns: Record<string, number>; issues: Issue[] } {
  const columns: Record<string, number> = {};
  (values[0] ?? []).forEach((h, i) => {
    const k = tokenColumnOf(h);
    if (k && columns[k] === undefined) columns[k] = i + 1;
  });
  const issues: Issue[] = [];
  const rows: TokenRow[] = [];
  if (columns.studentId === undefined || columns.token === undefined) {
    if (values.length > 0)
      issues.push(
        issue(sheet, "A1", "missing-column", {
          ru: `На листе «${sheet}» нужны столбцы «Учащийся» и «Токен»; коды семей не читаются`,
          en: `Sheet "${sheet}" needs the columns "Student" and "Token"; family codes are not read`,
        }),
      );
    return { rows, columns, issues };
  }
  const at = (line: readonly CellValue[], key: string) =>
    columns[key] === undefined ? null : (line[columns[key] - 1] ?? null);
  const seen = new Map<string, number>();
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every(isBlank)) continue;
    const token = normalizeToken(at(line, "token"));
    const revokedCell = at(line, "revoked");
    const row: TokenRow = {
      row: r + 1,
      studentId: cellText(at(line, "studentId")),
      token,
      created: parseDate(at(line, "created")),
      revoked: isBlank(revokedCell) ? null : (parseDate(revokedCell) ?? cellText(revokedCell)),
    };
    const first = token ? seen.get(token) : undefined;
    if (first !== undefined)
      issues.push(
        issue(sheet, a1(r + 1, columns.token), "duplicate-id", {
          ru: `Код семьи повторяет код из строки ${first}; отзывы по нему относятся к строке ${first}`,
          en: `This family code repeats the one in row ${first}; its feedback goes to row ${first}`,
        }),
      );
    else if (token) seen.set(token, r + 1);
    rows.push(row);
  }
  return { rows, columns, issues };
}

/** Students whose parents may get a link: data consent "yes" and not withdrawn from school. */
export function mayGetToken(s: Student): boolean {
  return Boolean(s.id) && s.consent === true && s.status !== "left";
}

/**
 * One active token per student with consent. Existing active tokens are kept (a rerun changes
 * nothing); a student whose consent is now "no" has their active token revoked, so a link
 * already sent stops naming the child.
 */
export function planTokens(
  students: readonly Student[],
  existing: readonly TokenRow[],
  randomHex: (bytes: number) => string,
  today: IsoDate,
): TokenPlan {
  const used = new Set(existing.map((r) => r.token).filter(Boolean));
  const tokens = new Map<string, string>();
  for (const r of existing) {
    if (r.token && r.studentId && r.revoked === null && !tokens.has(r.studentId))
      tokens.set(r.studentId, r.token);
  }
  const refused = new Set(students.filter((s) => s.id && s.consent === false).map((s) => s.id));
  const revoke = existing.filter((r) => r.revoked === null && r.token && refused.has(r.studentId));
  for (const r of revoke) tokens.delete(r.studentId);
  const append: NewToken[] = [];
  for (const s of students) {
    if (!mayGetToken(s) || tokens.has(s.id)) continue;
    const token = freshToken(randomHex, used);
    used.add(token);
    tokens.set(s.id, token);
    append.push({ studentId: s.id, token, created: today });
  }
  // Tokens of left students or students with blank consent stay valid but get no new link.
  for (const id of [...tokens.keys()]) {
    if (!students.some((s) => s.id === id && mayGetToken(s))) tokens.delete(id);
  }
  return { append, revoke, tokens };
}

function freshToken(randomHex: (bytes: number) => string, used: ReadonlySet<string>): string {
  for (let i = 0; i < 5; i++) {
    const t = randomHex(TOKEN_BYTES).toLowerCase();
    if (!TOKEN.test(t)) throw new Error(`randomHex(${TOKEN_BYTES}) must give ${TOKEN_BYTES * 2} hex digits`);
    if (!used.has(t)) return t;
  }
  throw new Error("randomHex keeps repeating tokens: it is not a random source");
}

export type Resolved = { studentId: string } | { revoked: string } | null;

/** The student a token names: active, revoked, or unknown (null). Case and spaces do not matter. */
export function resolveToken(token: string, rows: readonly TokenRow[]): Resolved {
  const t = normalizeToken(token);
  if (!t) return null;
  const matches = rows.filter((r) => r.token === t && r.studentId);
  const active = matches.find((r) => r.revoked === null);
  if (active) return { studentId: active.studentId };
  return matches.length ? { revoked: matches[0].studentId } : null;
}

const isoToDate = (iso: IsoDate): Date => new Date(`${iso}T00:00:00Z`);

/**
 * The one write a plan needs: create «Токены» (hidden, header in lang) when missing, append the
 * new tokens in the sheet's own column order, date the revoked ones. null when nothing changes.
 */
export function tokensWrite(
  plan: TokenPlan,
  tab: string | undefined,
  columns: Record<string, number>,
  lang: Lang,
  today: IsoDate,
): SheetWrite | null {
  if (!plan.append.length && !plan.revoke.length) return null;
  const create = tab === undefined;
  const cols = { ...columns };
  const header: { col: number; text: string }[] = [];
  let width = Math.max(0, ...Object.values(cols));
  for (const c of TOKENS_SHEET.columns) {
    if (cols[c.key] === undefined) {
      cols[c.key] = ++width;
      header.push({ col: width, text: c[lang] });
    }
  }
  const cells: { row: number; col: number; values: WriteValue[][] }[] = header.map((h) => ({
    row: 1,
    col: h.col,
    values: [[h.text]],
  }));
  for (const r of plan.revoke) cells.push({ row: r.row, col: cols.revoked, values: [[isoToDate(today)]] });
  const append = plan.append.map((n) => {
    const line: WriteValue[] = Array.from({ length: width }, () => null);
    line[cols.studentId - 1] = n.studentId;
    line[cols.token - 1] = n.token;
    line[cols.created - 1] = isoToDate(n.created);
    return line;
  });
  return {
    sheet: tab ?? TOKENS_SHEET[lang],
    ...(create ? { create: true, hidden: true, frozenRows: 1, boldRows: 1 } : {}),
    cells,
    append,
  };
}
