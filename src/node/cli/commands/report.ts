import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadWorkbook } from "../../../app/load.js";
import { compileMonth, defaultMonth } from "../../../app/report.js";
import { isMonth } from "../../../core/dates.js";
import { msg } from "../../../core/i18n.js";
import { pct } from "../../../core/metrics/index.js";
import { writeFileAtomic } from "../../atomic.js";
import { UserError } from "../../errors.js";
import { renderDocx } from "../../report/docx.js";
import type { Command } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator report FILE.xlsx [--month YYYY-MM] [--out DIR] [--json]";

export const report: Command = {
  name: "report",
  summary: msg(
    "сводная ведомость за месяц: лист в книге, отчёт .docx и JSON",
    "the monthly summary: a sheet in the workbook, a .docx report and JSON",
  ),
  usage,
  options: {
    month: {
      type: "string",
      help: msg("месяц ГГГГ-ММ (по умолчанию прошлый)", "month YYYY-MM (default: the previous one)"),
    },
    out: {
      type: "string",
      help: msg(
        "папка для отчёта и JSON (по умолчанию рядом с книгой)",
        "folder for the report and JSON (default: beside the workbook)",
      ),
    },
    json: { type: "boolean", help: msg("вывести пути в JSON", "print the paths as JSON") },
  },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const wb = target.wb;
    const { model, names } = loadWorkbook(wb);
    if (!model.tabs.groups && !model.journals.length) throw noKnownSheets(target.label);
    const month = ctx.options.month
      ? String(ctx.options.month)
      : defaultMonth(ctx.now(), model.settings.timeZone);
    if (!isMonth(month))
      throw new UserError(
        "bad-month",
        msg(`Неверный месяц «${month}»; ожидается ГГГГ-ММ`, `Bad month "${month}"; expected YYYY-MM`),
      );
    const lang = ctx.langForced ? ctx.lang : model.settings.language;
    ctx.progress(msg(`Считаю показатели за ${month}…`, `Computing the figures for ${month}…`));
    const run = compileMonth(model, names, month, ctx.now(), lang);
    const dir = resolve(String(ctx.options.out ?? target.dir));
    await mkdir(dir, { recursive: true });
    ctx.progress(msg("Записываю лист сводной в книгу…", "Writing the summary sheet into the workbook…"));
    wb.write([run.summaryWrite]);
    await target.save();
    ctx.progress(msg("Собираю отчёт .docx…", "Building the .docx report…"));
    const docx = join(dir, `report-${month}.docx`);
    await writeFileAtomic(docx, await renderDocx(run.doc));
    const json = join(dir, `summary-${month}.json`);
    await writeFileAtomic(json, `${JSON.stringify(run.json, null, 2)}\n`);
    if (ctx.options.json)
      ctx.out(JSON.stringify({ month, sheet: run.summaryWrite.sheet, docx, json }, null, 2));
    else {
      const s = run.figures.school;
      ctx.out(
        lang === "ru"
          ? `Сводная за ${month}: лист «${run.summaryWrite.sheet}» в ${target.label}\nОтчёт: ${docx}\nJSON: ${json}\nУчащихся: ${s.students}, успеваемость ${pct(s.success, "ru") || "—"} %, в группе риска: ${run.figures.atRisk.length}.`
          : `Summary for ${month}: sheet "${run.summaryWrite.sheet}" in ${target.label}\nReport: ${docx}\nJSON: ${json}\nStudents: ${s.students}, success ${pct(s.success, "en") || "—"} %, at risk: ${run.figures.atRisk.length}.`,
      );
    }
    return 0;
  },
};
