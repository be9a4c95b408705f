import type { Lang, Msg } from "./i18n.js";

export type Severity = "error" | "warning";

/** A problem found in the workbook, addressed to one cell (or a whole sheet when cell is ""). */
export interface Issue {
  sheet: string;
  /** A1 address inside the sheet, e.g. "C7"; "" for the whole sheet. */
  cell: string;
  code: IssueCode;
  severity: Severity;
  message: Msg;
}

export type IssueCode =
  | "missing-sheet"
  | "missing-column"
  | "duplicate-column"
  | "required"
  | "bad-date"
  | "bad-time"
  | "bad-number"
  | "bad-enum"
  | "bad-email"
  | "bad-id"
  | "duplicate-id"
  | "unknown-ref"
  | "bad-range"
  | "bad-setting"
  | "bad-token"
  | "journal-orphan-column"
  | "journal-unknown-student"
  | "schedule-conflict"
  | "lms-login-duplicate"
  | "presence-blank-absent"
  | "presence-marked-no-log"
  | "presence-no-column"
  | "presence-unknown-login"
  | "cell-limit"
  | "too-long"
  | "attestation-conflict"
  | "attestation-required"
  | "attestation-results-missing"
  // Issue 18: participants without a working workstation, support reports the journal contradicts.
  | "workstation-missing"
  | "support-mismatch"
  | "journal-sync-conflict"
  // Issue 17: the ИУП checks.
  | "plan-hours-schedule"
  | "plan-no-group"
  | "plan-group-not-in-plan"
  | "plan-not-enrolled"
  | "plan-overload"
  | "plan-overlap"
  | "plan-correction"
  | "other";

export function issue(
  sheet: string,
  cell: string,
  code: IssueCode,
  message: Msg,
  severity: Severity = "error",
): Issue {
  return { sheet, cell, code, severity, message };
}

export function formatIssue(i: Issue, lang: Lang): string {
  const where = i.cell ? `${i.sheet}!${i.cell}` : i.sheet;
  return `${where}: ${i.message[lang]}`;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
