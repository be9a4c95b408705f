import { loadModel } from "../../../app/load.js";
import { scheduleConflicts, scheduleNotices } from "../../../app/schedule.js";
import { msg } from "../../../core/i18n.js";
import { formatIssue, hasErrors } from "../../../core/issues.js";
import type { Command } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator schedule FILE.xlsx [--json] [--notices]";

export const schedule: Command = {
  name: "schedule",
  summary: msg(
    "проверить расписание на конфликты; --notices — тексты оповещений об изменениях",
    "check the schedule for conflicts; --notices: texts announcing changes",
  ),
  usage,
  options: {
    json: { type: "boolean", help: msg("вывод в JSON", "JSON output") },
    notices: {
      type: "boolean",
      help: msg(
        "тексты оповещений по изменениям без отметки «Сообщено»",
        "notices for changes not yet marked Notified",
      ),
    },
  },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const wb = target.wb;
    const model = loadModel(wb);
    if (!model.tabs.schedule && !model.tabs.groups) throw noKnownSheets(target.label);
    const lang = ctx.langForced ? ctx.lang : model.settings.language;
    if (ctx.options.notices) {
      const notices = scheduleNotices(model, lang);
      if (ctx.options.json) ctx.out(JSON.stringify(notices, null, 2));
      else if (!notices.length)
        ctx.out(lang === "ru" ? "Все изменения уже сообщены." : "Every change has been notified.");
      else for (const n of notices) ctx.out(`${n.text}\n`);
      return 0;
    }
    const conflicts = scheduleConflicts(model);
    if (ctx.options.json)
      ctx.out(
        JSON.stringify({ conflicts: conflicts.map((i) => ({ ...i, text: i.message[lang] })) }, null, 2),
      );
    else {
      for (const c of conflicts) ctx.out(formatIssue(c, lang));
      ctx.out(
        conflicts.length === 0
          ? lang === "ru"
            ? "Конфликтов в расписании нет."
            : "No schedule conflicts."
          : lang === "ru"
            ? `Конфликтов: ${conflicts.length}.`
            : `Conflicts: ${conflicts.length}.`,
      );
    }
    return hasErrors(conflicts) ? 1 : 0;
  },
};
