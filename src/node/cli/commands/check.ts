import { checkWorkbook, summaryLine } from "../../../app/check.js";
import { msg } from "../../../core/i18n.js";
import { formatIssue, hasErrors } from "../../../core/issues.js";
import type { Command } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator check FILE.xlsx [--json]";

export const check: Command = {
  name: "check",
  summary: msg(
    "проверить данные книги и вывести все проблемы",
    "check the workbook's data and print every problem",
  ),
  usage,
  options: { json: { type: "boolean", help: msg("вывод в JSON", "JSON output") } },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const wb = target.wb;
    const result = checkWorkbook(wb);
    if (result.noKnownSheets) throw noKnownSheets(target.label);
    const lang = ctx.langForced ? ctx.lang : result.lang;
    if (ctx.options.json) {
      ctx.out(
        JSON.stringify(
          {
            errors: hasErrors(result.issues),
            issues: result.issues.map((i) => ({ ...i, text: i.message[lang] })),
          },
          null,
          2,
        ),
      );
    } else {
      for (const i of result.issues) ctx.out(formatIssue(i, lang));
      ctx.out(summaryLine(result.issues, lang));
    }
    return hasErrors(result.issues) ? 1 : 0;
  },
};
