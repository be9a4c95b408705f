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
  /**
   * `attestationResults`: also the «Аттестация <ID>» results (issue 16), which the monthly report
   * quotes; `also`: more sheets the caller will read, fetched in the same batch when they exist.
   */
  opts: { attestationResults?: boolean; also?: readonly string[] } = {},
): Loaded {
  const names = wb.sheetNames();
  const { tabs, journals } = locateSheets(names);
  // «Аудит» and «Проблемы» are written by the program and can be long: never needed to compute.
  const { audit: _a, problems: _p, ...data } = tabs;
  const results = opts.attestationResults ? names.filter((n) => resultsIdOf(n) !== undefined) : [];
  const extra = (opts.also ?? []).filter((n) => names.includes(n));
  const wanted = [...Object.values(data), ...journals, ...results, ...extra].filter((x): x is string =>
    Boolean(x),
  );
  const tables = wb.read(wanted);
  return { model: parseModel(names, tables), names, tables };
}

/** The settings alone (the language, the zone): one sheet read instead of the whole workbook. */
export function loadSettings(wb: Workbook): Model["settings"] {
  const names = wb.sheetNames();
  const sheet = locateSheets(names).tabs.settings;
  return parseModel(names, sheet ? wb.read([sheet]) : new Map()).settings;
}

export function loadModel(wb: Workbook): Model {
  return loadWorkbook(wb).model;
}
