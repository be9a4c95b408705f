import { access } from "node:fs/promises";
import { writeDemoSchool } from "../../../app/demo.js";
import { initWrites } from "../../../app/init.js";
import { setupWorkbook } from "../../../app/setup.js";
import { todayIn } from "../../../core/dates.js";
import { msg, parseLang, plural } from "../../../core/i18n.js";
import { locateSheets } from "../../../core/parse/index.js";
import { demoYearOf, schoolYearOf } from "../../../core/school-year.js";
import { UserError } from "../../errors.js";
import { XlsxWorkbook } from "../../xlsx-workbook.js";
import type { Command, Ctx } from "../context.js";
import { fileArg, openSpreadsheet } from "../workbook-arg.js";

const usage = "coordinator init [--demo] [--lang ru|en] [--force] (FILE.xlsx | --spreadsheet ID)";

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
        "учебный год (первый календарный год, напр. 2026); по умолчанию для демо — текущий с октября, иначе только что закончившийся",
        "school year (its first calendar year, e.g. 2026); the demo's default: the running one from October, else the one just ended",
      ),
    },
  },
  async run(ctx) {
    const id = ctx.options.spreadsheet;
    if (typeof id === "string" && id) return initSpreadsheet(ctx, id);
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
    const demo = Boolean(ctx.options.demo);
    const today = todayIn(ctx.now(), "Europe/Moscow");
    const year = ctx.options.year ? Number(ctx.options.year) : demo ? demoYearOf(today) : schoolYearOf(today);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new UserError(
        "bad-args",
        msg(`Неверный год: ${ctx.options.year}`, `Bad year: ${ctx.options.year}`),
      );
    const wb = XlsxWorkbook.create(file);
    if (demo) writeDemoSchool(wb, { year, lang, today });
    else wb.write(initWrites(lang, undefined, year));
    await wb.save();
    ctx.out(
      lang === "ru"
        ? `Создана книга ${file}${demo ? " с демонстрационной школой" : ""}: ${plural("ru", wb.sheetNames().length, { one: "лист", few: "листа", many: "листов", other: "листа" })}.`
        : `Created ${file}${demo ? " with the demo school" : ""}: ${plural("en", wb.sheetNames().length, { one: "sheet", other: "sheets" })}.`,
    );
    return 0;
  },
};

/**
 * A Google Sheet: add the missing sheets (idempotent, like «Настроить книгу»); --demo only into a
 * spreadsheet that has none of the coordinator's sheets yet, so a school's data is never mixed.
 */
async function initSpreadsheet(ctx: Ctx, id: string): Promise<number> {
  const target = await openSpreadsheet(ctx, id);
  const lang = parseLang(ctx.options.lang, ctx.lang);
  const known = Object.keys(locateSheets(target.wb.sheetNames()).tabs).length;
  let created: string[];
  if (ctx.options.demo) {
    if (known)
      throw new UserError(
        "exists",
        msg(
          `В таблице ${target.label} уже есть листы координатора; демонстрационная школа пишется только в пустую таблицу`,
          `${target.label} already has the coordinator's sheets; the demo school goes only into an empty spreadsheet`,
        ),
      );
    const before = new Set(target.wb.sheetNames());
    const today = todayIn(ctx.now(), "Europe/Moscow");
    writeDemoSchool(target.wb, { year: demoYearOf(today), lang, today });
    created = target.wb.sheetNames().filter((n) => !before.has(n));
  } else
    created = setupWorkbook(target.wb, lang, { year: schoolYearOf(todayIn(ctx.now(), "Europe/Moscow")) });
  await target.save();
  ctx.out(
    lang === "ru"
      ? created.length
        ? `В таблицу ${target.label} добавлены листы: ${created.join(", ")}.`
        : `В таблице ${target.label} все листы на месте; данные не изменены.`
      : created.length
        ? `Added to ${target.label}: ${created.join(", ")}.`
        : `${target.label} has every sheet; no data was changed.`,
  );
  return 0;
}
