/** Issue 18: the registries' sections of the monthly report, from a workbook already read. */
import type { Lang } from "../core/i18n.js";
import type { Model } from "../core/model.js";
import { readRegistries } from "../core/registries/read.js";
import { registryReportBlocks } from "../core/registries/report-section.js";
import type { Block } from "../core/report/model.js";
import type { Table, Workbook } from "../ports.js";
import { pendingCorrections } from "./transfer.js";

export function registryBlocksIn(
  wb: Workbook,
  model: Model,
  tables: ReadonlyMap<string, Table>,
  month: string,
  lang: Lang,
): Block[] {
  const { registries } = readRegistries(model, tables);
  const corrections = model.tabs.transfers ? pendingCorrections(wb, model, tables, month) : [];
  return registryReportBlocks(model, registries, corrections, Boolean(model.tabs.transfers), month, lang);
}
