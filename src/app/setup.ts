/**
 * «Настроить книгу» / `coordinator init`: create the missing sheets with headers, dropdown
 * validations and a frozen header row. Idempotent; never changes an existing sheet's data or
 * column order (a missing column's header is added to the right of the existing ones).
 */
import { defaultPeriodRows } from "../core/attestation/default-periods.js";
import type { WriteValue } from "../core/cells.js";
import type { Lang } from "../core/i18n.js";
import { locateSheets } from "../core/parse/index.js";
import {
  columnKeyOf,
  ENUMS,
  SETTINGS,
  SETUP_ORDER,
  SHEETS,
  type SheetKey,
  type SheetSpec,
  settingKeyOf,
} from "../core/schema.js";
import type { SheetWrite, Table, Validation, Workbook } from "../ports.js";

/** How many rows below the header carry validations on a new sheet. */
export const VALIDATED_ROWS = 1000;

function enumValidations(spec: SheetSpec, columns: Record<string, number>, lang: Lang): Validation[] {
  const out: Validation[] = [];
  for (const c of spec.columns) {
    if (c.kind !== "enum" || columns[c.key] === undefined) continue;
    out.push({
      range: { row: 2, col: columns[c.key], rows: VALIDATED_ROWS, cols: 1 },
      list: ENUMS[c.enumOf!].map((e) => e[lang]),
      // A warning, not a refusal: the other language's words are valid too.
      strict: false,
      help: lang === "ru" ? `Выберите из списка: ${c.ru}` : `Choose from the list: ${c.en}`,
    });
  }
  return out;
}

function settingsRows(lang: Lang, skip: ReadonlySet<string>): WriteValue[][] {
  return SETTINGS.filter((s) => !skip.has(s.key)).map((s) => [
    s[lang],
    s.key === "language" ? lang : s.default,
    s.help[lang],
  ]);
}

export interface SetupOptions {
  settings?: Partial<Record<string, string>>;
  /** The school year's first calendar year: a new «Учебные периоды» gets its quarters (issue 16). */
  year?: number;
}

/** The writes that bring a workbook to format v1; empty when it is already set up. */
export function setupWrites(
  names: readonly string[],
  tables: ReadonlyMap<string, Table>,
  lang: Lang,
  options: SetupOptions = {},
): SheetWrite[] {
  const { tabs } = locateSheets(names);
  const out: SheetWrite[] = [];
  for (const key of SETUP_ORDER) {
    const tab = tabs[key];
    if (!tab) out.push(newSheet(key, lang, options.settings, options.year));
    else {
      const w = existingSheet(key, tab, tables.get(tab)?.values ?? [], lang);
      if (w) out.push(w);
    }
  }
  return out;
}

function newSheet(
  key: SheetKey,
  lang: Lang,
  settings?: Partial<Record<string, string>>,
  year?: number,
): SheetWrite {
  const spec = SHEETS[key];
  const header = spec.columns.map((c) => c[lang]);
  const columns = Object.fromEntries(spec.columns.map((c, i) => [c.key, i + 1]));
  const rows: WriteValue[][] = [header];
  if (key === "settings") {
    header.push(lang === "ru" ? "Пояснение" : "Help");
    for (const r of settingsRows(lang, new Set())) {
      const k = settingKeyOf(r[0]);
      if (k && settings?.[k] !== undefined) r[1] = settings[k]!;
      rows.push(r);
    }
  }
  if (key === "periods" && year !== undefined) rows.push(...defaultPeriodRows(year, lang));
  return {
    sheet: spec[lang],
    create: true,
    cells: [{ row: 1, col: 1, values: rows }],
    frozenRows: 1,
    boldRows: 1,
    validations: enumValidations(spec, columns, lang),
    hidden: spec.hidden,
  };
}

function existingSheet(
  key: SheetKey,
  tab: string,
  values: readonly (readonly unknown[])[],
  lang: Lang,
): SheetWrite | null {
  const spec = SHEETS[key];
  const header = values[0] ?? [];
  const columns: Record<string, number> = {};
  header.forEach((h, i) => {
    const k = columnKeyOf(spec, h);
    if (k && columns[k] === undefined) columns[k] = i + 1;
  });
  if (key === "settings") {
    const present = new Set<string>();
    for (const line of values) {
      for (const v of line) {
        const k = settingKeyOf(v);
        if (k) present.add(k);
      }
    }
    const missing = settingsRows(lang, present);
    if (values.length === 0)
      missing.unshift([...spec.columns.map((c) => c[lang]), lang === "ru" ? "Пояснение" : "Help"]);
    return missing.length ? { sheet: tab, append: missing } : null;
  }
  const missing = spec.columns.filter((c) => columns[c.key] === undefined);
  if (missing.length === 0 && header.length > 0) {
    return { sheet: tab, validations: enumValidations(spec, columns, lang), frozenRows: 1 };
  }
  const start = header.length + 1;
  missing.forEach((c, i) => {
    columns[c.key] = start + i;
  });
  return {
    sheet: tab,
    cells: [{ row: 1, col: start, values: [missing.map((c) => c[lang])] }],
    validations: enumValidations(spec, columns, lang),
    frozenRows: 1,
  };
}

/** Set up a workbook through the port: one read, one write. Returns the sheets created. */
export function setupWorkbook(wb: Workbook, lang: Lang, options: SetupOptions = {}): string[] {
  const names = wb.sheetNames();
  const { tabs } = locateSheets(names);
  const tables = wb.read(Object.values(tabs).filter((x): x is string => Boolean(x)));
  const writes = setupWrites(names, tables, lang, options);
  if (writes.length) wb.write(writes);
  return writes.filter((w) => w.create).map((w) => w.sheet);
}
