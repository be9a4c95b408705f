/**
 * «Имена в отчёте» (152-ФЗ: a minor's name only where the family agreed): one rule for the
 * Doc, the .docx, the summary sheet, the JSON and the rollup. «все» shows every name,
 * «с согласием» (the default) only where consent is «да», «только ID» none.
 */
import type { NamesInReport } from "../records.js";

/** The name to print, or "" (the ID stands alone). */
export function shownName(who: { name: string; consent: boolean | null }, mode: NamesInReport): string {
  if (mode === "all") return who.name;
  if (mode === "consent" && who.consent === true) return who.name;
  return "";
}
