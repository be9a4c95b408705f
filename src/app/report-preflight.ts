/**
 * The pre-flight of every path that writes a report (CLI `report` on an .xlsx or a Google Sheet,
 * the menu, the monthly trigger, the sidebar): refuse when the data would silently leave out
 * students or groups, or, when forced, let the report itself say what it leaves out.
 */
import { UserError } from "../core/errors.js";
import type { Issue } from "../core/issues.js";
import type { Model } from "../core/model.js";
import { omissionBlocks, refusalLines, refusalReason, reportOmissions } from "../core/report/omissions.js";
import type { MonthlyRun } from "./report.js";

/** The refusal, carrying its problems so that «Проблемы» can list each at its cell. */
export class ReportRefused extends UserError {
  constructor(readonly omissions: readonly Issue[]) {
    super("incomplete-data", {
      ru: refusalLines(omissions, "ru").join("\n"),
      en: refusalLines(omissions, "en").join("\n"),
    });
  }

  /** Why nothing was written, in one clause. */
  reason(lang: "ru" | "en"): string {
    return refusalReason(this.omissions.length, lang);
  }
}

/** The omissions a forced report must state; throws the cell-addressed refusal unless forced. */
export function preflightReport(model: Model, force: boolean): Issue[] {
  const omissions = reportOmissions(model);
  if (omissions.length && !force) throw new ReportRefused(omissions);
  return omissions;
}

/** The run with the omissions stated at the top of its document (after the title). */
export function withOmissions(run: MonthlyRun, omissions: readonly Issue[]): MonthlyRun {
  if (!omissions.length) return run;
  const blocks = run.doc.blocks;
  // Right under the document's title (after the title block «УТВЕРЖДАЮ…» when there is one).
  const title = blocks.findIndex((b) => b.kind === "heading" && b.level === 1);
  const at = title + 1;
  const note = omissionBlocks(omissions, run.lang);
  return { ...run, doc: { ...run.doc, blocks: [...blocks.slice(0, at), ...note, ...blocks.slice(at)] } };
}
