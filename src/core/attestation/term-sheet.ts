/**
 * The «Итоги <период>» / «Results <period>» sheet: written whole on each run (clear, then the
 * rows), except the «Вручную» / «Override» column, which is the coordinator's: read first and
 * written back beside its student and group, marked «вручную» and highlighted. An override
 * whose pair is no longer in the period keeps its row at the end, so nothing typed is lost.
 */
import type { SheetWrite } from "../../ports.js";
import { type CellValue, cellText, type WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { formatNumber } from "../metrics/index.js";
import { norm } from "../schema.js";
import type { MarkSource } from "./marks.js";
import { resultLabel } from "./results.js";
import type { PeriodMarks } from "./term.js";

export const TERM_PREFIX = { ru: "Итоги ", en: "Results " } as const;
export const OVERRIDE_COLOR = "#fff2cc";

export function termSheetName(period: string, lang: Lang): string {
  return TERM_PREFIX[lang] + period;
}

/** The period name of an «Итоги …» tab, or undefined. */
export function termPeriodOf(name: string): string | undefined {
  const m = /^\s*(итоги|results)\s+(.+?)\s*$/i.exec(name);
  return m ? m[2] : undefined;
}

const HEADERS = {
  ru: [
    "ID",
    "Учащийся",
    "Класс",
    "Группа",
    "Предмет",
    "Отметок",
    "Средний балл",
    "За период",
    "Аттестация",
    "Итоговая (расчёт)",
    "Вручную",
    "Итоговая",
    "Источник",
  ],
  en: [
    "ID",
    "Student",
    "Class",
    "Group",
    "Subject",
    "Marks",
    "Average",
    "Period mark",
    "Attestation",
    "Final (computed)",
    "Override",
    "Final",
    "Source",
  ],
} as const;
const OVERRIDE_COL = 11;

const SOURCES: Record<MarkSource, { ru: string; en: string }> = {
  marks: { ru: "по отметкам", en: "by marks" },
  weighted: { ru: "с весом аттестации", en: "attestation weighted" },
  attestation: { ru: "решает аттестация", en: "attestation decides" },
  periods: { ru: "по периодам", en: "by periods" },
  override: { ru: "вручную", en: "manual" },
};

/** studentId|groupId -> the override as typed, from an existing «Итоги» sheet. */
export function readOverrides(values: readonly (readonly CellValue[])[]): Map<string, string> {
  const header = (values[0] ?? []).map(norm);
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const id = col(["id"]);
  const group = col(["группа", "group"]);
  const over = col(["вручную", "override"]);
  const out = new Map<string, string>();
  if (id < 0 || group < 0 || over < 0) return out;
  for (const line of values.slice(1)) {
    const text = cellText(line[over] ?? null).trim();
    const sid = cellText(line[id] ?? null).trim();
    if (text && sid) out.set(`${sid}|${cellText(line[group] ?? null).trim()}`, text);
  }
  return out;
}

const markText = (m: unknown) => (m === null || m === undefined ? "" : String(m));

export function termSheetWrite(
  pm: PeriodMarks,
  lang: Lang,
  kept: ReadonlyMap<string, string>,
  exists: boolean,
): SheetWrite {
  const rows: WriteValue[][] = [[...HEADERS[lang]]];
  const highlight: number[] = [];
  const placed = new Set<string>();
  for (const r of pm.rows) {
    const key = `${r.studentId}|${r.groupId}`;
    placed.add(key);
    if (r.override !== null) highlight.push(rows.length + 1);
    rows.push([
      r.studentId,
      r.name,
      r.className,
      r.groupId,
      r.subject,
      r.marks.length,
      r.average === null ? "" : formatNumber(r.average, 2, lang),
      markText(r.periodMark),
      r.attestation ? `${r.attestation.id}: ${resultLabel(r.attestation.value) || "—"}` : "",
      markText(r.computed),
      r.override ?? "",
      markText(r.final),
      SOURCES[r.source][lang],
    ]);
  }
  for (const [key, text] of kept) {
    if (placed.has(key)) continue;
    const [sid, gid] = key.split("|");
    highlight.push(rows.length + 1);
    const gone = lang === "ru" ? "нет в периоде" : "not in the period";
    rows.push([sid, "", "", gid, "", "", "", "", "", "", text, text, `${SOURCES.override[lang]} (${gone})`]);
  }
  return {
    sheet: termSheetName(pm.period.name, lang),
    create: !exists,
    clear: true,
    cells: [{ row: 1, col: 1, values: rows }],
    frozenRows: 1,
    boldRows: 1,
    columnWidths: [8, 30, 7, 8, 18, 8, 10, 10, 14, 12, 10, 10, 18],
    backgrounds: highlight.map((row) => ({
      range: { row, col: OVERRIDE_COL, rows: 1, cols: 3 },
      color: OVERRIDE_COLOR,
    })),
  };
}
