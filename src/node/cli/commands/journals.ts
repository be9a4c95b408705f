import { existsSync } from "node:fs";
import { basename } from "node:path";
import { syncJournalWorkbook } from "../../../app/journal-split.js";
import { updateJournals } from "../../../app/journals.js";
import { loadModel } from "../../../app/load.js";
import { parseDate, todayIn } from "../../../core/dates.js";
import type { Lang } from "../../../core/i18n.js";
import { msg } from "../../../core/i18n.js";
import { formatIssue } from "../../../core/issues.js";
import { UserError } from "../../errors.js";
import { XlsxWorkbook } from "../../xlsx-workbook.js";
import type { Command, Ctx } from "../context.js";
import { noKnownSheets, type OpenWorkbook, openWorkbook } from "../workbook-arg.js";

const usage =
  "coordinator journals FILE.xlsx [--until YYYY-MM-DD] [--split JOURNALS.xlsx | --collect JOURNALS.xlsx]";

export const journals: Command = {
  name: "journals",
  summary: msg(
    "создать или обновить журналы групп по расписанию",
    "create or update the groups' journals from the schedule",
  ),
  usage,
  options: {
    until: {
      type: "string",
      help: msg("уроки по эту дату (по умолчанию сегодня)", "lessons up to this date (default: today)"),
    },
    split: {
      type: "string",
      help: msg(
        "создать или обновить книгу журналов для преподавателей и синхронизировать её",
        "create or update the teachers' journal workbook and sync it",
      ),
    },
    collect: {
      type: "string",
      help: msg(
        "забрать отметки из книги журналов для преподавателей (синхронизация)",
        "collect the marks from the teachers' journal workbook (sync)",
      ),
    },
  },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const wb = target.wb;
    const model = loadModel(wb);
    if (!model.tabs.groups) throw noKnownSheets(target.label);
    const lang = ctx.langForced ? ctx.lang : model.settings.language;
    const until = ctx.options.until
      ? parseDate(String(ctx.options.until))
      : todayIn(ctx.now(), model.settings.timeZone);
    if (!until)
      throw new UserError(
        "bad-args",
        msg(
          `Неверная дата --until: ${ctx.options.until}; ожидается ГГГГ-ММ-ДД`,
          `Bad --until date: ${ctx.options.until}; expected YYYY-MM-DD`,
        ),
      );
    ctx.progress(msg(`Обновляю журналы по ${until}…`, `Updating journals up to ${until}…`));
    const r = updateJournals(wb, until, lang);
    const split = await journalWorkbookArg(ctx);
    if (split) {
      for (const i of r.issues) ctx.out(formatIssue(i, lang));
      return syncSplit(ctx, target, split, lang);
    }
    if (r.writes.length) await target.save();
    for (const i of r.issues) ctx.out(formatIssue(i, lang));
    const created = r.sheets.filter((s) => s.created).length;
    const changed = r.sheets.filter((s) => s.changed && !s.created).length;
    ctx.out(
      lang === "ru"
        ? `Журналы: создано ${created}, обновлено ${changed}, без изменений ${r.sheets.length - created - changed}.`
        : `Journals: ${created} created, ${changed} updated, ${r.sheets.length - created - changed} unchanged.`,
    );
    return 0;
  },
};

/** The journal workbook of --split (created when missing) or --collect (must exist). */
async function journalWorkbookArg(ctx: Ctx): Promise<XlsxWorkbook | null> {
  const { split, collect } = ctx.options;
  if (split !== undefined && collect !== undefined)
    throw new UserError(
      "bad-args",
      msg(`--split или --collect, не оба\n${usage}`, `--split or --collect, not both\n${usage}`),
    );
  const file = split ?? collect;
  if (file === undefined) return null;
  if (typeof file !== "string" || !file.trim())
    throw new UserError(
      "bad-args",
      msg(`Не указан файл книги журналов\n${usage}`, `No journal workbook file given\n${usage}`),
    );
  if (existsSync(file)) return XlsxWorkbook.open(file);
  if (collect !== undefined)
    throw new UserError(
      "not-found",
      msg(
        `Нет книги журналов ${file}; создайте её: coordinator journals КНИГА.xlsx --split ${file}`,
        `No journal workbook ${file}; create it with: coordinator journals BOOK.xlsx --split ${file}`,
      ),
    );
  return XlsxWorkbook.create(file);
}

/** Sync, then save the journal workbook before the master (see src/app/journal-split.ts). */
async function syncSplit(ctx: Ctx, target: OpenWorkbook, journal: XlsxWorkbook, lang: Lang): Promise<number> {
  const r = syncJournalWorkbook(target.wb, journal, {
    now: ctx.now(),
    who: ctx.env?.USER ?? process.env.USER ?? "coordinator",
    source: basename(journal.path),
    masterId: target.kind === "xlsx" ? basename(target.label) : target.label,
    lang,
  });
  await journal.save();
  await target.save();
  for (const i of r.conflicts) ctx.out(formatIssue(i, lang));
  const say = (ru: string, en: string) => ctx.out(lang === "ru" ? ru : en);
  say(
    `Книга журналов ${journal.path}: вкладок ${r.tabs.length}; отправлено ячеек ${r.pushed}; принято в основную книгу ${r.applied.length}; конфликтов ${r.conflicts.length}.`,
    `Journal workbook ${journal.path}: ${r.tabs.length} tabs; ${r.pushed} cells pushed; ${r.applied.length} taken into the master; ${r.conflicts.length} conflicts.`,
  );
  for (const t of r.tabs)
    say(
      `  ${t.sheet}: правят ${t.editors.join(", ") || "—"}`,
      `  ${t.sheet}: edited by ${t.editors.join(", ") || "—"}`,
    );
  if (r.foreignTabs.length)
    say(
      `Вкладки не из основной книги оставлены как есть: ${r.foreignTabs.join(", ")}`,
      `Tabs not from the master left as they are: ${r.foreignTabs.join(", ")}`,
    );
  return r.conflicts.length ? 1 : 0;
}
