import { access } from "node:fs/promises";
import { writeDemoSchool } from "../../../app/demo.js";
import { initWrites } from "../../../app/init.js";
import { todayIn } from "../../../core/dates.js";
import { msg, parseLang, plural } from "../../../core/i18n.js";
import { UserError } from "../../errors.js";
import { XlsxWorkbook } from "../../xlsx-workbook.js";
import type { Command } from "../context.js";
import { fileArg } from "../workbook-arg.js";

const usage = "coordinator init [--demo] [--lang ru|en] [--force] FILE.xlsx";

/** The school year that is running (or starts) at a date: September to August. */
export function schoolYearOf(now: Date): number {
  return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

export const init: Command = {
  name: "init",
  summary: msg(
    "создать книгу со всеми листами (с --demo — демонстрационная школа)",
    "create a workbook with every sheet (--demo: a demo school)",
  ),
  usage,
  options: {
    demo: { type: "boolean", help: msg("заполнить демонстрационной школой", "fill with the demo school") },
    force: { type: "boolean", help: msg("перезаписать существующий файл", "overwrite an existing file") },
    year: {
      type: "string",
      help: msg(
        "учебный год демо-школы (по умолчанию текущий)",
        "school year of the demo (default: the current one)",
      ),
    },
  },
  async run(ctx) {
    const file = fileArg(ctx, usage);
    const exists = await access(file).then(
      () => true,
      () => false,
    );
    if (exists && !ctx.options.force)
      throw new UserError(
        "exists",
        msg(
          `Файл ${file} уже существует; чтобы перезаписать, добавьте --force`,
          `${file} already exists; add --force to overwrite it`,
        ),
      );
    const lang = parseLang(ctx.options.lang, ctx.lang);
    const year = ctx.options.year ? Number(ctx.options.year) : schoolYearOf(ctx.now());
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new UserError(
        "bad-args",
        msg(`Неверный год: ${ctx.options.year}`, `Bad year: ${ctx.options.year}`),
      );
    const wb = XlsxWorkbook.create(file);
    const demo = Boolean(ctx.options.demo);
    if (demo) writeDemoSchool(wb, { year, lang, today: todayIn(ctx.now(), "Europe/Moscow") });
    else wb.write(initWrites(lang));
    await wb.save();
    ctx.out(
      lang === "ru"
        ? `Создана книга ${file}${demo ? " с демонстрационной школой" : ""}: ${plural("ru", wb.sheetNames().length, { one: "лист", few: "листа", many: "листов", other: "листа" })}.`
        : `Created ${file}${demo ? " with the demo school" : ""}: ${plural("en", wb.sheetNames().length, { one: "sheet", other: "sheets" })}.`,
    );
    return 0;
  },
};
