/** «Аудит»: every change the program makes is appended (who, when, action, sheet, cell, old -> new). */
import type { WriteValue } from "../core/cells.js";
import type { Lang } from "../core/i18n.js";
import type { Model } from "../core/model.js";
import { SHEETS } from "../core/schema.js";
import type { SheetWrite } from "../ports.js";

export interface AuditEntry {
  /** "YYYY-MM-DD HH:MM:SS" in the workbook's time zone */
  when: string;
  who: string;
  action: string;
  sheet: string;
  cell: string;
  old: WriteValue;
  new: WriteValue;
}

export function auditWrite(entries: readonly AuditEntry[], tabs: Model["tabs"], lang: Lang): SheetWrite {
  const tab = tabs.audit;
  const rows = entries.map((e) => [e.when, e.who, e.action, e.sheet, e.cell, e.old, e.new]);
  if (tab) return { sheet: tab, append: rows };
  return {
    sheet: SHEETS.audit[lang],
    create: true,
    cells: [{ row: 1, col: 1, values: [SHEETS.audit.columns.map((c) => c[lang]), ...rows] }],
    frozenRows: 1,
    boldRows: 1,
  };
}
