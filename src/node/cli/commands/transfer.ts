/**
 * `coordinator transfer FILE.xlsx --month YYYY-MM [--class 9А] [--out DIR] [--json]`: the
 * extracts for the home-class journals — one .xlsx (a sheet per class) and one CSV (UTF-8 with
 * BOM, `;`) — with every cell changed after an earlier transfer listed; the run is recorded in
 * «Перенос в классные журналы».
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { runTransfer } from "../../../app/transfer.js";
import { isMonth } from "../../../core/dates.js";
import { msg, plural } from "../../../core/i18n.js";
import { formatIssue } from "../../../core/issues.js";
import { classKey } from "../../../core/metrics/klass.js";
import { locateSheets } from "../../../core/parse/index.js";
import { csvRows, exportWrites } from "../../../core/transfer/export.js";
import { writeFileAtomic } from "../../atomic.js";
import { writeCsv } from "../../csv.js";
import { UserError } from "../../errors.js";
import { XlsxWorkbook } from "../../xlsx-workbook.js";
import type { Command } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator transfer FILE.xlsx --month YYYY-MM [--class 9А] [--out DIR] [--json]";

export const transfer: Command = {
  name: "transfer",
  summary: msg(
    "выписки для классных журналов: отметки групп по классам, исправления после переноса",
    "extracts for the home-class journals: the groups' marks by class, corrections after transfer",
  ),
  usage,
  options: {
    month: { type: "string", help: msg("месяц ГГГГ-ММ", "month YYYY-MM") },
    class: { type: "string", help: msg("только этот класс, например 9А", "only this class, e.g. 9A") },
    out: { type: "string", help: msg("папка для выписок", "folder for the extracts") },
    json: { type: "boolean", help: msg("вывод в JSON", "JSON output") },
  },
  async run(ctx) {
    const month = String(ctx.options.month ?? "");
    if (!isMonth(month))
      throw new UserError(
        "bad-args",
        msg(`Укажите месяц: --month ГГГГ-ММ\n${usage}`, `Give the month: --month YYYY-MM\n${usage}`),
      );
    const target = await openWorkbook(ctx, usage);
    if (Object.keys(locateSheets(target.wb.sheetNames()).tabs).length === 0)
      throw noKnownSheets(target.label);
    const only =
      typeof ctx.options.class === "string" && ctx.options.class.trim()
        ? ctx.options.class.trim()
        : undefined;
    const res = runTransfer(target.wb, { month, className: only, now: ctx.now(), who: "coordinator CLI" });
    const lang = ctx.langForced ? ctx.lang : res.lang;
    if (!res.blocks.length && !res.corrections.length) {
      ctx.err(
        lang === "ru"
          ? `За ${month}${only ? ` в классе ${only}` : ""} нечего переносить: нет учащихся в группах.`
          : `Nothing to transfer for ${month}${only ? ` in class ${only}` : ""}: no students in groups.`,
      );
      return 1;
    }
    await target.save();
    const dir = resolve(String(ctx.options.out ?? target.dir));
    await mkdir(dir, { recursive: true });
    const stem = `transfer-${month}${only ? `-${only}` : ""}`;
    const book = join(dir, `${stem}.xlsx`);
    const wb = XlsxWorkbook.create(book);
    wb.write(exportWrites(res.blocks, res.corrections, res.month, lang));
    await wb.save();
    const csv = join(dir, `${stem}.csv`);
    await writeFileAtomic(csv, writeCsv(csvRows(res.blocks, res.corrections, lang), ";"));
    for (const i of res.issues) ctx.err(formatIssue(i, lang));
    if (ctx.options.json)
      ctx.out(JSON.stringify({ book, csv, blocks: res.blocks, corrections: res.corrections }, null, 2));
    else {
      const classes = new Set(res.blocks.map((b) => classKey(b.className))).size;
      ctx.out(
        lang === "ru"
          ? `Выписки за ${month}: классов ${classes}, предметов ${res.blocks.length}, исправлений после переноса ${res.corrections.length}.\nКнига: ${book}\nCSV: ${csv}\nЗаписано в «${res.register}»: ${res.recorded}.`
          : `Extracts for ${month}: ${plural("en", classes, { one: "class", other: "classes" })}, ${plural("en", res.blocks.length, { one: "subject", other: "subjects" })}, ${plural("en", res.corrections.length, { one: "correction", other: "corrections" })} after transfer.\nWorkbook: ${book}\nCSV: ${csv}\nRecorded in "${res.register}": ${res.recorded}.`,
      );
    }
    return res.issues.some((i) => i.severity === "error") ? 1 : 0;
  },
};
