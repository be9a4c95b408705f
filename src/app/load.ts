/** Read every known sheet and journal in one batch and parse them into a Model. */
import { resultsIdOf } from "../core/attestation/results.js";
import type { Model } from "../core/model.js";
import { locateSheets, parseModel } from "../core/parse/index.js";
import type { Table, Workbook } from "../ports.js";

export interface Loaded {
  model: Model;
  names: string[];
  tables: Map<string, Table>;
}

export function loadWorkbook(
  wb: Workbook,
  /** Also the «Аттестация <ID>» results (issue 16): the monthly report quotes them. */
  opts: { attestationResults?: boolean } = {},
): Loaded {
  const names = wb.sheetNames();
  const { tabs, journals } = locateSheets(names);
  // «Аудит» and «Проблемы» are written by the program and can be long: never needed to compute.
  const { audit: _a, problems: _p, ...data } = tabs;
  const results = opts.attestationResults ? names.filter((n) => resultsIdOf(n) !== undefined) : [];
  const wanted = [...Object.values(data), ...journals, ...results].filter((x): x is string => Boolean(x));
  const tables = wb.read(wanted);
  return { model: parseModel(names, tables), names, tables };
}

export function loadModel(wb: Workbook): Model {
  return loadWorkbook(wb).model;
}
