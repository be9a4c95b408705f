/**
 * The journal workbook's marker, the hidden sheet «_journal_book»: it tells the script bound
 * to that workbook that it is one (the lesson screen then serves only its tabs) without
 * reading the master, which tutors cannot open. It holds the master's ID, the language and
 * time zone (for "today" and messages) and, per tab, the group ID — no personal data: the
 * staff who may edit a tab are the tab's protection, never copied here.
 */
import type { SheetWrite } from "../../ports.js";
import { type CellValue, cellText, type WriteValue } from "../cells.js";
import { type Lang, parseLang } from "../i18n.js";

export const JOURNAL_MARKER_SHEET = "_journal_book";

export interface JournalMarker {
  masterId: string;
  lang: Lang;
  timeZone: string;
  /** The workbook's journal tabs and their groups, in the master's order. */
  tabs: { sheet: string; groupId: string }[];
}

/** The marker's rows: `key | value`, then one `tab | sheet | group` row per journal tab. */
export function markerRows(m: JournalMarker): WriteValue[][] {
  return [
    ["master", m.masterId, null],
    ["lang", m.lang, null],
    ["timeZone", m.timeZone, null],
    ...m.tabs.map((t): WriteValue[] => ["tab", t.sheet, t.groupId]),
  ];
}

/** The marker as read; null when the sheet holds no master ID (not a journal workbook). */
export function readMarker(values: readonly (readonly CellValue[])[]): JournalMarker | null {
  const m: JournalMarker = { masterId: "", lang: "ru", timeZone: "", tabs: [] };
  for (const row of values) {
    const [key, a, b] = [0, 1, 2].map((i) => cellText(row[i]).trim());
    if (key === "master") m.masterId = a;
    else if (key === "lang") m.lang = parseLang(a);
    else if (key === "timeZone") m.timeZone = a;
    else if (key === "tab" && a && b) m.tabs.push({ sheet: a, groupId: b });
  }
  return m.masterId ? m : null;
}

/**
 * The marker's write, or null when the sheet already says exactly this (a sync that changes
 * nothing writes nothing). `current`: the sheet as read, undefined when it does not exist.
 */
export function markerWrite(
  m: JournalMarker,
  current: readonly (readonly CellValue[])[] | undefined,
): SheetWrite | null {
  const rows = markerRows(m);
  const text = (g: readonly (readonly (CellValue | WriteValue)[])[]) =>
    JSON.stringify(g.map((r) => [0, 1, 2].map((i) => cellText((r[i] ?? null) as CellValue))));
  if (current && text(current) === text(rows)) return null;
  return {
    sheet: JOURNAL_MARKER_SHEET,
    ...(current ? {} : { create: true }),
    clear: true,
    cells: [{ row: 1, col: 1, values: rows }],
    hidden: true,
  };
}
