/** Monthly metrics: the pure core behind the summary sheet, the report and the JSON summary. */
export { aggregate, categoriesOf, NO_CATEGORIES, SOU_WEIGHTS } from "./aggregate.js";
export {
  CATEGORY_KEYS,
  type Change,
  change,
  GROUP_KEYS,
  type GroupKey,
  type MonthDynamics,
  SET_KEYS,
  type SetKey,
  STAFF_KEYS,
  type StaffKey,
  setValue,
  withDynamics,
} from "./dynamics.js";
export { avg2, formatChange, formatMark, formatNumber, pct, roundTo } from "./format.js";
export { columnsIn, groupMonth, plannedByGroup } from "./group.js";
export { classFigures, classKey } from "./klass.js";
export { computeMonth, computeSpan, metricSettings } from "./month.js";
export { type Movement, movementOf } from "./movement.js";
export { riskReasons } from "./risk.js";
export { staffFigures } from "./staff.js";
export {
  insideSpans,
  meanOf,
  monthMarkOf,
  pairFigures,
  roundMark,
  type Span,
  spansTouch,
} from "./student.js";
export {
  type ClassJson,
  type DynamicsJson,
  type GroupJson,
  type PairJson,
  type SetJson,
  type StaffJson,
  SUMMARY_SCHEMA_ID,
  type SummaryJson,
  type SummaryMeta,
  summaryJson,
} from "./summary.js";
export { type JsonSchema, SUMMARY_JSON_SCHEMA } from "./summary-schema.js";
export type {
  Categories,
  ClassFigures,
  GroupContact,
  GroupFigures,
  MetricSettings,
  MonthFigures,
  MonthMark,
  PairFigures,
  RiskReason,
  SetFigures,
  StaffFigures,
} from "./types.js";
