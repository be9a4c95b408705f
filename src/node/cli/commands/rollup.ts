import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { rollup } from "../../../app/municipal.js";
import { defaultMonth } from "../../../app/report.js";
import { isMonth, zonedParts } from "../../../core/dates.js";
import { msg } from "../../../core/i18n.js";
import { municipalReport, municipalSheets } from "../../../core/municipal/report.js";
import { writeFileAtomic } from "../../atomic.js";
import { isUserError, UserError } from "../../errors.js";
import { renderDocx } from "../../report/docx.js";
import { XlsxWorkbook } from "../../xlsx-workbook.js";
import type { Command } from "../context.js";
import { openSpreadsheet } from "../workbook-arg.js";

const usage = "coordinator rollup SCHOOL.xlsx... [--spreadsheet ID]... [--month YYYY-MM] --out DIR";

type Source = { kind: "xlsx"; path: string } | { kind: "google"; id: string };

export const rollupCommand: Command = {
  name: "rollup",
  summary: msg(
    "свод по школам для муниципального координатора: книга, отчёт .docx и JSON",
    "the municipal rollup across schools: a workbook, a .docx report and JSON",
  ),
  usage,
  options: {
    month: {
      type: "string",
      help: msg("месяц ГГГГ-ММ (по умолчанию прошлый)", "month YYYY-MM (default: the previous one)"),
    },
    out: { type: "string", help: msg("папка для свода", "folder for the rollup") },
    spreadsheet: {
      type: "string",
      multiple: true,
      help: msg("ID таблицы Google школы (можно несколько раз)", "a school's Google Sheet ID (repeatable)"),
    },
    json: { type: "boolean", help: msg("вывести итоги в JSON", "print the totals as JSON") },
  },
  async run(ctx) {
    const ids = (ctx.options.spreadsheet as string[] | undefined) ?? [];
    const sources: Source[] = [
      ...ctx.args.map((path) => ({ kind: "xlsx" as const, path })),
      ...ids.map((id) => ({ kind: "google" as const, id })),
    ];
    if (!sources.length || !ctx.options.out)
      throw new UserError(
        "bad-args",
        msg(
          `Укажите книги школ и --out. Использование: ${usage}`,
          `Give the schools' workbooks and --out. Usage: ${usage}`,
        ),
      );
    const month = ctx.options.month ? String(ctx.options.month) : defaultMonth(ctx.now(), "Europe/Moscow");
    if (!isMonth(month))
      throw new UserError(
        "bad-month",
        msg(`Неверный месяц «${month}»; ожидается ГГГГ-ММ`, `Bad month "${month}"; expected YYYY-MM`),
      );
    const lang = ctx.lang;
    const { municipal, failed } = await rollup(sources, {
      month,
      now: ctx.now(),
      open: async (s) =>
        s.kind === "xlsx" ? XlsxWorkbook.open(s.path) : (await openSpreadsheet(ctx, s.id)).wb,
      label: (s) => (s.kind === "xlsx" ? s.path : `spreadsheet ${s.id}`),
      describe: (e) => (isUserError(e) ? e.text(lang) : (e as Error).message),
      onProgress: (done, total) =>
        ctx.progress(msg(`Школы: ${done} из ${total}`, `Schools: ${done} of ${total}`)),
    });
    const dir = resolve(String(ctx.options.out));
    await mkdir(dir, { recursive: true });
    const z = zonedParts(ctx.now(), "Europe/Moscow");
    const doc = municipalReport(municipal, failed, lang, `${z.date} ${z.time}`);
    const book = join(dir, `rollup-${month}.xlsx`);
    const wb = XlsxWorkbook.create(book);
    wb.write(municipalSheets(municipal, failed, lang));
    await wb.save();
    const docx = join(dir, `rollup-${month}.docx`);
    await writeFileAtomic(docx, await renderDocx(doc));
    const json = join(dir, `rollup-${month}.json`);
    const payload = {
      schema: "coordinator.rollup/v1",
      month,
      totals: municipal.totals,
      schools: municipal.rows,
      leastFilled: municipal.leastFilled,
      activity: municipal.registries.map((r) => ({ school: r.school, ...r.registry.activity })),
      failed,
    };
    await writeFileAtomic(json, `${JSON.stringify(payload, null, 2)}\n`);
    if (ctx.options.json) ctx.out(JSON.stringify({ book, docx, json, failed }, null, 2));
    else {
      ctx.out(
        lang === "ru"
          ? `Свод за ${month}: школ ${municipal.rows.length}${failed.length ? `, не получены ${failed.length}` : ""}.\nКнига: ${book}\nОтчёт: ${docx}\nJSON: ${json}`
          : `Rollup for ${month}: ${municipal.rows.length} schools${failed.length ? `, ${failed.length} not received` : ""}.\nWorkbook: ${book}\nReport: ${docx}\nJSON: ${json}`,
      );
      for (const f of failed) ctx.err(`${f.source}: ${f.message}`);
    }
    return failed.length ? 1 : 0;
  },
};
