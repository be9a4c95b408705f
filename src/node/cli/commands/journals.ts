import { updateJournals } from "../../../app/journals.js";
import { loadModel } from "../../../app/load.js";
import { parseDate, todayIn } from "../../../core/dates.js";
import { msg } from "../../../core/i18n.js";
import { formatIssue } from "../../../core/issues.js";
import { UserError } from "../../errors.js";
import type { Command } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator journals FILE.xlsx [--until YYYY-MM-DD]";

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
