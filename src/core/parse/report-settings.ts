/** The report settings' own parsing: threshold ranges and «Имена в отчёте». */
import type { FinalMarkRule, NamesInReport } from "../records.js";
import { norm, type SettingKey } from "../schema.js";

export const REPORT_NUMERIC: Partial<Record<SettingKey, { min: number; max: number }>> = {
  successThreshold: { min: 0, max: 100 },
  qualityThreshold: { min: 0, max: 100 },
  attendanceThreshold: { min: 0, max: 100 },
  journalFillThreshold: { min: 0, max: 100 },
  notAssessedAllowed: { min: 0, max: 1000 },
};

const NAMES: Record<string, NamesInReport> = {
  все: "all",
  all: "all",
  "с согласием": "consent",
  согласие: "consent",
  "with consent": "consent",
  consent: "consent",
  "только id": "ids",
  id: "ids",
  "ids only": "ids",
  "only ids": "ids",
  ids: "ids",
};

/** «все» / «с согласием» / «только ID» (or English); null for anything else. */
export function parseNamesInReport(text: string): NamesInReport | null {
  return NAMES[norm(text).replace(/\s+/g, " ")] ?? null;
}

/** «Итоговая отметка» (issue 16), in either language. */
export function parseFinalMarkRule(text: string): FinalMarkRule | null {
  const n = norm(text);
  if (["по отметкам", "by marks", "marks"].includes(n)) return "marks";
  if (["с весом аттестации", "attestation weighted", "weighted", "взвешенная"].includes(n)) return "weighted";
  if (["решает аттестация", "attestation decides", "по аттестации", "attestation"].includes(n))
    return "attestation";
  return null;
}
