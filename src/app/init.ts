/** A new workbook: every sheet of format v1, optionally filled with the demo school. */
import type { DemoSchool } from "../core/demo/school.js";
import type { Lang } from "../core/i18n.js";
import { SHEETS, type SheetKey } from "../core/schema.js";
import type { SheetWrite } from "../ports.js";
import { setupWrites } from "./setup.js";

export function initWrites(lang: Lang, demo?: DemoSchool, year?: number): SheetWrite[] {
  // The demo brings its own periods; a plain workbook gets the school year's quarters.
  const writes = setupWrites([], new Map(), lang, {
    settings: demo?.settings,
    year: demo ? undefined : year,
  });
  if (!demo) return writes;
  return writes.map((w) => {
    const key = (Object.keys(SHEETS) as SheetKey[]).find((k) => SHEETS[k][lang] === w.sheet);
    const rows = key ? demo.rows[key] : undefined;
    if (!rows?.length) return w;
    return { ...w, cells: [...(w.cells ?? []), { row: 2, col: 1, values: rows }] };
  });
}
