/**
 * `coordinator letters FILE.xlsx --month YYYY-MM --out DIR`: the monthly progress letter of
 * every family with data consent as a .docx, plus one mail-merge CSV (email, subject, body,
 * attachment) for the families with an email. Each letter is recorded in «Письма» (saved
 * atomically), so a rerun writes only letters not made before. Everyone left out is listed.
 */
import { access, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type LetterPlan, planLetters, recordSent } from "../../../app/letters.js";
import { isMonth } from "../../../core/dates.js";
import { type Lang, msg } from "../../../core/i18n.js";
import { formatIssue } from "../../../core/issues.js";
import { LETTER_SKIP_REASONS } from "../../../core/letters/recipients.js";
import type { SentChannel } from "../../../core/letters/sent.js";
import { writeFileAtomic } from "../../atomic.js";
import { writeCsv } from "../../csv.js";
import { UserError } from "../../errors.js";
import { renderDocx } from "../../report/docx.js";
import type { Command, Ctx } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator letters FILE.xlsx [--month YYYY-MM] [--out DIR] [--semicolon] [--json]";

const say = (lang: Lang, ru: string, en: string) => (lang === "ru" ? ru : en);

/** A student ID as part of a file name (IDs are typed by people). */
export function fileSafe(id: string): string {
  return id.replace(/[\\/:*?"<>|\s]+/g, "_") || "_";
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** letters-2026-11.csv, or letters-2026-11-2.csv when a previous run's file is there. */
async function freeCsvName(dir: string, month: string): Promise<string> {
  for (let n = 1; ; n++) {
    const p = join(dir, n === 1 ? `letters-${month}.csv` : `letters-${month}-${n}.csv`);
    if (!(await exists(p))) return p;
  }
}

function printSkipped(ctx: Ctx, plan: LetterPlan, lang: Lang): void {
  if (!plan.skipped.length) return;
  ctx.out(say(lang, `Без письма: ${plan.skipped.length}`, `Without a letter: ${plan.skipped.length}`));
  for (const s of plan.skipped) {
    const who = [s.studentId, s.name, s.className && `(${s.className})`].filter(Boolean).join(" ");
    ctx.out(`  ${who}: ${LETTER_SKIP_REASONS[s.reason][lang]}`);
  }
}

async function writeOut(path: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (e) {
    throw new UserError(
      "write-failed",
      msg(
        `Не удалось записать ${path}: ${(e as Error).message}`,
        `Could not write ${path}: ${(e as Error).message}`,
      ),
    );
  }
}

export const letters: Command = {
  name: "letters",
  summary: msg(
    "письма родителям за месяц: .docx на семью и CSV для рассылки; повторно не пишет",
    "monthly letters to parents: a .docx per family and a mail-merge CSV; never twice",
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
        "папка для писем (по умолчанию letters-ГГГГ-ММ рядом с книгой)",
        "folder for the letters (default: letters-YYYY-MM beside the workbook)",
      ),
    },
    semicolon: {
      type: "boolean",
      help: msg(
        "разделитель «;» в CSV (Excel с русскими настройками)",
        'separator ";" in the CSV (Excel with Russian settings)',
      ),
    },
    json: { type: "boolean", help: msg("вывести итог в JSON", "print the result as JSON") },
  },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const wb = target.wb;
    const now = ctx.now();
    const month = ctx.options.month ? String(ctx.options.month) : undefined;
    if (month !== undefined && !isMonth(month))
      throw new UserError(
        "bad-month",
        msg(`Неверный месяц «${month}»; ожидается ГГГГ-ММ`, `Bad month "${month}"; expected YYYY-MM`),
      );
    const plan = planLetters(wb, month, now);
    if (!plan.model.tabs.students) throw noKnownSheets(target.label);
    const lang = ctx.langForced ? ctx.lang : plan.lang;
    const dir = resolve(String(ctx.options.out ?? join(target.dir, `letters-${plan.month}`)));
    for (const i of plan.issues) ctx.err(formatIssue(i, lang));

    const made: { studentId: string; channel: SentChannel; file: string }[] = [];
    let csvPath: string | null = null;
    if (plan.letters.length) {
      await mkdir(dir, { recursive: true });
      ctx.progress(msg("Собираю письма .docx…", "Building the .docx letters…"));
      const rows: (string | null)[][] = [];
      for (const l of plan.letters) {
        const file = `letter-${plan.month}-${fileSafe(l.recipient.studentId)}.docx`;
        await writeOut(join(dir, file), await renderDocx(l.doc));
        made.push({
          studentId: l.recipient.studentId,
          channel: l.recipient.channel === "email" ? "csv" : "docx",
          file,
        });
        if (l.recipient.channel === "email")
          rows.push([l.recipient.studentId, l.recipient.email, l.subject, l.body, file]);
      }
      if (rows.length) {
        csvPath = await freeCsvName(dir, plan.month);
        const header =
          lang === "ru"
            ? ["ID", "Email", "Тема", "Текст", "Вложение"]
            : ["ID", "Email", "Subject", "Body", "Attachment"];
        await writeOut(csvPath, writeCsv([header, ...rows], ctx.options.semicolon ? ";" : ","));
      }
      // Files first, then the record: a letter is marked only once its file exists.
      recordSent(wb, plan, made, now);
      await target.save();
    }

    if (ctx.options.json) {
      ctx.out(
        JSON.stringify(
          {
            month: plan.month,
            dir,
            csv: csvPath,
            letters: made,
            already: plan.already.map((r) => r.studentId),
            skipped: plan.skipped.map((s) => ({ studentId: s.studentId, reason: s.reason })),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const phone = plan.letters.filter((l) => l.recipient.channel === "phone");
    if (made.length)
      ctx.out(
        say(
          lang,
          `Писем за ${plan.month}: ${made.length} → ${dir}`,
          `Letters for ${plan.month}: ${made.length} → ${dir}`,
        ),
      );
    else
      ctx.out(
        say(
          lang,
          `Новых писем за ${plan.month} нет: ничего не записано.`,
          `No new letters for ${plan.month}: nothing was written.`,
        ),
      );
    if (csvPath)
      ctx.out(
        say(
          lang,
          `Для рассылки по email (${made.length - phone.length}): ${csvPath}`,
          `For mailing by email (${made.length - phone.length}): ${csvPath}`,
        ),
      );
    if (phone.length) {
      ctx.out(
        say(
          lang,
          `Только телефон — отправьте файл сами (${phone.length}):`,
          `Phone only — send the file yourself (${phone.length}):`,
        ),
      );
      for (const l of phone) ctx.out(`  ${l.recipient.studentId} ${l.recipient.phone}`);
    }
    if (plan.already.length)
      ctx.out(
        say(
          lang,
          `Уже были подготовлены раньше: ${plan.already.length} (лист «${plan.lettersTab}»).`,
          `Already made before: ${plan.already.length} (sheet "${plan.lettersTab}").`,
        ),
      );
    printSkipped(ctx, plan, lang);
    if (made.length)
      ctx.out(
        say(
          lang,
          "В письмах и CSV — данные учащихся: каждой семье — только её письмо.",
          "The letters and the CSV hold students' data: each family gets only its own letter.",
        ),
      );
    return 0;
  },
};
