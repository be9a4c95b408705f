/**
 * `coordinator card FILE.xlsx S001 | --class 9А | --all [--out DIR]`: «Индивидуальная карта
 * обучающегося», one .docx per student (card-S001.docx), rewritten in place on a rerun.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { buildCards, type CardSelection } from "../../../app/card.js";
import { msg } from "../../../core/i18n.js";
import { writeFileAtomic } from "../../atomic.js";
import { UserError } from "../../errors.js";
import { renderDocx } from "../../report/docx.js";
import type { Command } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator card FILE.xlsx S001 | --class 9А | --all [--out DIR]";

function selection(args: string[], options: Record<string, unknown>): CardSelection {
  // With --spreadsheet there is no file argument: the ID comes first.
  const id = typeof options.spreadsheet === "string" && options.spreadsheet ? args[0] : args[1];
  const className = typeof options.class === "string" ? options.class.trim() : "";
  const all = options.all === true;
  if ([Boolean(id), Boolean(className), all].filter(Boolean).length !== 1)
    throw new UserError(
      "bad-args",
      msg(
        `Укажите одно: ID учащегося, --class или --all.\n${usage}`,
        `Give one of: a student ID, --class or --all.\n${usage}`,
      ),
    );
  return id ? { id } : className ? { className } : { all: true };
}

/** File name of a card: the ID, with anything a file system dislikes replaced. */
export const cardFileName = (id: string) => `card-${id.replace(/[^\p{L}\p{N}_-]+/gu, "_")}.docx`;

export const cardCommand: Command = {
  name: "card",
  summary: msg(
    "индивидуальная карта обучающегося (.docx на учащегося)",
    "the individual student card (a .docx per student)",
  ),
  usage,
  options: {
    class: {
      type: "string",
      help: msg("все учащиеся класса, например 9А", "every student of a class, e.g. 9A"),
    },
    all: { type: "boolean", help: msg("все учащиеся школы", "every student of the school") },
    out: {
      type: "string",
      help: msg(
        "папка для карт (по умолчанию — папка книги)",
        "folder for the cards (default: the workbook's)",
      ),
    },
  },
  async run(ctx) {
    const sel = selection(ctx.args, ctx.options);
    const target = await openWorkbook(ctx, usage);
    const res = buildCards(target.wb, sel, ctx.now(), ctx.langForced ? ctx.lang : undefined);
    if (!res.model.tabs.students) throw noKnownSheets(target.label);
    const lang = ctx.langForced ? ctx.lang : res.model.settings.language;
    if (res.error) {
      const [kind, what] = res.error.split(":");
      ctx.err(
        kind === "unknown-student"
          ? lang === "ru"
            ? `Нет учащегося с ID «${what}» на листе «Учащиеся»`
            : `No student with ID "${what}" on sheet "Students"`
          : kind === "unknown-class"
            ? lang === "ru"
              ? `В классе «${what}» нет учащихся`
              : `Class "${what}" has no students`
            : lang === "ru"
              ? "В книге нет учащихся"
              : "The workbook has no students",
      );
      return 1;
    }
    const dir = resolve(String(ctx.options.out ?? target.dir));
    await mkdir(dir, { recursive: true });
    for (const [i, doc] of res.docs.entries()) {
      const path = join(dir, cardFileName(res.ids[i]));
      await writeFileAtomic(path, await renderDocx(doc));
      ctx.out(path);
    }
    return 0;
  },
};
