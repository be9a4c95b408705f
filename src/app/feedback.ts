/**
 * Parent feedback through a Google Form, over the Workbook port (shared by the Apps Script
 * menu and `coordinator feedback`): family tokens, personal prefilled links, and responses
 * imported into «Отзывы родителей». Each function reads once and writes once.
 */
import type { WriteValue } from "../core/cells.js";
import { todayIn } from "../core/dates.js";
import { type ParentLink, parentLinks, type Skipped } from "../core/forms/links.js";
import {
  dedupeKey,
  type FeedbackEntry,
  feedbackFromResponse,
  feedbackValues,
  isEmptyResponse,
  responseFromNamed,
  timestampOfCell,
} from "../core/forms/responses.js";
import { parseTokens, planTokens, type TokenRow, tokensTabOf, tokensWrite } from "../core/forms/tokens.js";
import type { Lang } from "../core/i18n.js";
import { type Issue, issue } from "../core/issues.js";
import type { Model } from "../core/model.js";
import { locateSheets, parseModel } from "../core/parse/index.js";
import type { IsoDate } from "../core/records.js";
import { columnKeyOf, SHEETS, type SheetKey } from "../core/schema.js";
import type { SheetWrite, Table, Workbook } from "../ports.js";

/** A calendar date, or an instant turned into the workbook's local date. */
export type Today = IsoDate | Date;

interface Read {
  model: Model;
  tables: Map<string, Table>;
  tokensTab: string | undefined;
  tokenRows: TokenRow[];
  tokenColumns: Record<string, number>;
  issues: Issue[];
}

/** One read of just the sheets a feedback step needs, plus «Токены». */
function readFor(wb: Workbook, keys: readonly SheetKey[]): Read {
  const names = wb.sheetNames();
  const { tabs } = locateSheets(names);
  const tokensTab = tokensTabOf(names);
  const wanted = [tabs.settings, ...keys.map((k) => tabs[k]), tokensTab].filter((x): x is string =>
    Boolean(x),
  );
  const tables = wb.read(wanted);
  const model = parseModel(names, tables);
  const parsed = tokensTab
    ? parseTokens(tokensTab, tables.get(tokensTab)?.values ?? [])
    : { rows: [], columns: {}, issues: [] };
  return {
    model,
    tables,
    tokensTab,
    tokenRows: parsed.rows,
    tokenColumns: parsed.columns,
    issues: parsed.issues,
  };
}

export interface TokensResult {
  /** Active token of every student with consent who has not left. */
  tokens: Map<string, string>;
  created: number;
  revoked: number;
  /** Workbook language (settings, else its tab names). */
  lang: Lang;
  model: Model;
  issues: Issue[];
}

function tokensStep(
  wb: Workbook,
  lang: Lang | undefined,
  randomHex: (bytes: number) => string,
  today: Today,
) {
  const r = readFor(wb, ["students"]);
  const day = typeof today === "string" ? today : todayIn(today, r.model.settings.timeZone);
  const plan = planTokens(r.model.students, r.tokenRows, randomHex, day);
  const w = tokensWrite(plan, r.tokensTab, r.tokenColumns, lang ?? r.model.settings.language, day);
  if (w) wb.write([w]);
  return {
    tokens: plan.tokens,
    created: plan.append.length,
    revoked: plan.revoke.length,
    lang: r.model.settings.language,
    model: r.model,
    issues: r.issues,
  };
}

/**
 * Give every student with consent an active token (kept on reruns), revoke those whose consent
 * is now "no". `lang` names a new «Токены» sheet; undefined = the workbook's language.
 */
export function ensureTokens(
  wb: Workbook,
  lang: Lang | undefined,
  randomHex: (bytes: number) => string,
  today: Today,
): TokensResult {
  return tokensStep(wb, lang, randomHex, today);
}

export interface LinksResult extends TokensResult {
  links: ParentLink[];
  skipped: Skipped[];
}

/** Tokens first (one read, at most one write), then one prefilled link per family. */
export function feedbackLinks(
  wb: Workbook,
  formUrl: string,
  entryId: string,
  randomHex: (bytes: number) => string,
  today: Today,
): LinksResult {
  const step = tokensStep(wb, undefined, randomHex, today);
  return { ...step, ...parentLinks(step.model, step.tokens, formUrl, entryId) };
}

export interface ImportResult {
  added: number;
  duplicates: number;
  issues: Issue[];
  /** The feedback tab written to. */
  sheet: string;
  lang: Lang;
  entries: FeedbackEntry[];
}

/**
 * Append form responses (title -> answer records, as the Forms CSV gives them) to «Отзывы
 * родителей», creating it when missing. A response already there (same timestamp and token)
 * or repeated within the records is skipped. One read, one write.
 */
export function importResponses(
  wb: Workbook,
  records: readonly Readonly<Record<string, string | readonly string[]>>[],
  lang?: Lang,
): ImportResult {
  const r = readFor(wb, ["feedback"]);
  const sheetLang = lang ?? r.model.settings.language;
  const spec = SHEETS.feedback;
  const tab = r.model.tabs.feedback;
  const sheet = tab ?? spec[sheetLang];
  const values = tab ? (r.tables.get(tab)?.values ?? []) : [];
  const header = values[0] ?? [];
  const columns: Record<string, number> = {};
  header.forEach((h, i) => {
    const k = columnKeyOf(spec, h);
    if (k && columns[k] === undefined) columns[k] = i + 1;
  });
  // A column the sheet lacks gets its header to the right; the user's columns stay where they are.
  const newHeaders: WriteValue[] = [];
  let width = header.length;
  for (const c of spec.columns) {
    if (columns[c.key] === undefined) {
      columns[c.key] = ++width;
      newHeaders.push(c[sheetLang]);
    }
  }
  const seen = new Set<string>();
  for (let i = 1; i < values.length; i++) {
    const line = values[i];
    const ts = timestampOfCell(line[columns.timestamp - 1]);
    const token = String(line[columns.token - 1] ?? "");
    if (ts || token.trim()) seen.add(dedupeKey({ timestamp: ts, token }));
  }
  const issues: Issue[] = [...r.issues];
  const unknown = new Set<string>();
  const rows: WriteValue[][] = [];
  const entries: FeedbackEntry[] = [];
  let duplicates = 0;
  let next = Math.max(values.length, 1) + 1;
  for (const rec of records) {
    const resp = responseFromNamed(rec);
    if (isEmptyResponse(resp)) continue;
    for (const t of resp.unknownTitles) unknown.add(t);
    const key = dedupeKey(resp);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const { entry, issues: found } = feedbackFromResponse(resp, r.tokenRows, {
      sheet,
      row: next,
      tokenCol: columns.token,
      timestampCol: columns.timestamp,
      ratingCol: columns.rating,
    });
    issues.push(...found);
    entries.push(entry);
    rows.push(feedbackValues(entry, columns));
    next++;
  }
  for (const title of unknown)
    issues.push(
      issue(
        sheet,
        "",
        "other",
        {
          ru: `Вопрос «${title}» не из формы отзывов; его ответы не перенесены`,
          en: `Question "${title}" is not in the feedback form; its answers were not imported`,
        },
        "warning",
      ),
    );
  const write: SheetWrite = {
    sheet,
    ...(tab ? {} : { create: true, frozenRows: 1, boldRows: 1 }),
    ...(newHeaders.length ? { cells: [{ row: 1, col: header.length + 1, values: [newHeaders] }] } : {}),
    append: rows,
  };
  if (rows.length) wb.write([write]);
  return { added: rows.length, duplicates, issues, sheet, lang: r.model.settings.language, entries };
}
