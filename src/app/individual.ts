/** The individual student's sheets (issue 17) as the check, the report and the card read them. */
import type { Issue } from "../core/issues.js";
import type { Model } from "../core/model.js";
import { planIssues } from "../core/plans/checks.js";
import { type LoadLimits, loadLimits } from "../core/plans/load-limits.js";
import {
  type Achievement,
  type PlanCorrection,
  type PlanLine,
  readCorrections,
  readPlans,
  readPortfolio,
  type Sheet,
} from "../core/plans/sheets.js";
import type { Table } from "../ports.js";

export interface Individual {
  plans: Sheet<PlanLine>;
  corrections: Sheet<PlanCorrection>;
  portfolio: Sheet<Achievement>;
  limits: LoadLimits;
  /** Parse problems of the three sheets and of the load settings. */
  issues: Issue[];
}

export function individualIn(model: Model, tables: ReadonlyMap<string, Table>): Individual {
  const values = (tab: string | undefined) => (tab ? (tables.get(tab)?.values ?? []) : []);
  const plans = readPlans(model.tabs.plans, values(model.tabs.plans));
  const corrections = readCorrections(model.tabs.planCorrections, values(model.tabs.planCorrections));
  const portfolio = readPortfolio(model.tabs.portfolio, values(model.tabs.portfolio));
  const { limits, issues } = loadLimits(
    model.tabs.settings,
    values(model.tabs.settings),
    model.settings.language,
  );
  return {
    plans,
    corrections,
    portfolio,
    limits,
    issues: [...plans.issues, ...corrections.issues, ...portfolio.issues, ...issues],
  };
}

/** Every issue of the individual sheets for «Проверить данные». */
export function individualIssues(model: Model, tables: ReadonlyMap<string, Table>): Issue[] {
  const ind = individualIn(model, tables);
  return [...ind.issues, ...planIssues(model, ind.plans, ind.limits)];
}
