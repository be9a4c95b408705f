/**
 * `coordinator feedback links FILE.xlsx --form-url URL --entry ID [--out links.csv]`: give each
 * family with data consent a token and a personal prefilled form link (CSV).
 * `coordinator feedback import FILE.xlsx responses.csv`: append the Form's responses to
 * «Отзывы родителей», skipping ones already there.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { feedbackLinks, importResponses } from "../../../app/feedback.js";
import { checkFormUrl, parseEntryId, SKIP_REASONS } from "../../../core/forms/links.js";
import { formItemKeyOfTitle } from "../../../core/forms/spec.js";
import { type Lang, msg } from "../../../core/i18n.js";
import { formatIssue, hasErrors } from "../../../core/issues.js";
import { locateSheets } from "../../../core/parse/index.js";
import { writeFileAtomic } from "../../atomic.js";
import { decodeCsv, readCsv, writeCsv } from "../../csv.js";
import { UserError } from "../../errors.js";
import { XlsxWorkbook } from "../../xlsx-workbook.js";
import type { Command, Ctx } from "../context.js";
import { noKnownSheets, type OpenWorkbook, openSpreadsheet } from "../workbook-arg.js";

const usage = [
  "coordinator feedback links FILE.xlsx --form-url URL --entry ENTRY_ID [--out links.csv] [--semicolon]",
  "coordinator feedback import FILE.xlsx responses.csv",
].join("\n       ");

/** Node's CSPRNG: tokens must be unguessable. */
const randomHex = (bytes: number) => randomBytes(bytes).toString("hex");

const say = (lang: Lang, ru: string, en: string) => (lang === "ru" ? ru : en);

function badArgs(ru: string, en: string): UserError {
  return new UserError("bad-args", msg(`${ru}\n${usage}`, `${en}\n${usage}`));
}

function stringOption(ctx: Ctx, name: string): string | undefined {
  const v = ctx.options[name];
  return typeof v === "string" ? v : undefined;
}

/** With --spreadsheet ID the workbook argument is left out: positions shift by one. */
function googleId(ctx: Ctx): string | undefined {
  const id = ctx.options.spreadsheet;
  return typeof id === "string" && id ? id : undefined;
}

async function openTarget(ctx: Ctx, file: string): Promise<OpenWorkbook> {
  const id = googleId(ctx);
  if (id) return openSpreadsheet(ctx, id);
  const x = await XlsxWorkbook.open(file);
  return { wb: x, save: () => x.save(), label: file, dir: dirname(resolve(file)), kind: "xlsx" };
}

async function links(ctx: Ctx): Promise<number> {
  const file = googleId(ctx) ? "feedback.xlsx" : ctx.args[1];
  if (!file) throw badArgs("Не указан файл книги.", "No workbook file given.");
  const formUrl = stringOption(ctx, "form-url");
  if (!formUrl) throw badArgs("Не указан адрес формы (--form-url).", "No form address given (--form-url).");
  const urlProblem = checkFormUrl(formUrl);
  if (urlProblem) throw new UserError("bad-args", urlProblem);
  const entryArg = stringOption(ctx, "entry");
  const entry = entryArg === undefined ? null : parseEntryId(entryArg);
  if (entry === null)
    throw new UserError(
      "bad-args",
      msg(
        `${entryArg === undefined ? "Не указан" : `«${entryArg}» — не`} номер поля «Код семьи» (--entry): это цифры NNN из entry.NNN в предзаполненной ссылке формы`,
        `${entryArg === undefined ? "No" : `"${entryArg}" is not a`} number of the "Family code" field (--entry): the digits NNN of entry.NNN in the form's prefilled link`,
      ),
    );
  const out = resolve(
    stringOption(ctx, "out") ?? join(dirname(file), `${basename(file, extname(file))}-feedback-links.csv`),
  );
  if (out === resolve(file) || /\.xlsx$/i.test(out))
    throw badArgs(
      `--out должен быть файлом .csv, а не книгой: ${out}`,
      `--out must be a .csv file, not a workbook: ${out}`,
    );
  const target = await openTarget(ctx, file);
  const wb = target.wb;
  const res = feedbackLinks(wb, formUrl, entry, randomHex, ctx.now());
  if (!res.model.tabs.students) throw noKnownSheets(target.label);
  const lang = ctx.langForced ? ctx.lang : res.lang;
  // Tokens first: a link is only sent once its token is safely in the workbook.
  if (res.created || res.revoked) await target.save();
  const header =
    lang === "ru"
      ? ["ID", "Класс", "Родитель", "Контакт", "Канал связи", "Ссылка"]
      : ["ID", "Class", "Parent", "Contact", "Contact channel", "Link"];
  const rows = res.links.map((l) => [l.studentId, l.className, l.parent, l.contact, l.channel, l.link]);
  try {
    await writeFileAtomic(out, writeCsv([header, ...rows], ctx.options.semicolon ? ";" : ","));
  } catch (e) {
    throw new UserError(
      "write-failed",
      msg(
        `Не удалось записать ${out}: ${(e as Error).message}`,
        `Could not write ${out}: ${(e as Error).message}`,
      ),
    );
  }
  for (const i of res.issues) ctx.err(formatIssue(i, lang));
  ctx.out(
    say(
      lang,
      `Ссылок для родителей: ${res.links.length} → ${out}`,
      `Links for parents: ${res.links.length} → ${out}`,
    ),
  );
  ctx.out(
    say(
      lang,
      `Новых кодов семей: ${res.created}, отозвано: ${res.revoked}.`,
      `New family codes: ${res.created}, revoked: ${res.revoked}.`,
    ),
  );
  if (res.skipped.length) {
    ctx.out(say(lang, `Без ссылки: ${res.skipped.length}`, `Without a link: ${res.skipped.length}`));
    for (const s of res.skipped) {
      const who = [s.studentId || `#${s.row}`, s.name, s.className && `(${s.className})`]
        .filter(Boolean)
        .join(" ");
      ctx.out(`  ${who}: ${SKIP_REASONS[s.reason][lang]}`);
    }
  }
  ctx.out(
    say(
      lang,
      "Файл ссылок содержит контакты родителей: не пересылайте его целиком, каждой семье — только её ссылку.",
      "The links file holds parents' contacts: do not forward it; send each family only its own link.",
    ),
  );
  return 0;
}

async function importCmd(ctx: Ctx): Promise<number> {
  const [, first, second] = ctx.args;
  const file = googleId(ctx) ? "google" : first;
  const csvFile = googleId(ctx) ? first : second;
  if (!file || !csvFile)
    throw badArgs(
      "Укажите файл книги и файл ответов CSV.",
      "Give the workbook file and the responses CSV file.",
    );
  let bytes: Uint8Array;
  try {
    bytes = await readFile(csvFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === "ENOENT"
      ? new UserError("no-file", msg(`Файл не найден: ${csvFile}`, `File not found: ${csvFile}`))
      : new UserError(
          "locked",
          msg(`Не удаётся прочитать ${csvFile} (${code})`, `Cannot read ${csvFile} (${code})`),
        );
  }
  const csv = readCsv(decodeCsv(bytes));
  const keys = new Set(csv.header.map((h) => formItemKeyOfTitle(h)));
  if (!keys.has("timestamp") || !keys.has("token"))
    throw new UserError(
      "bad-args",
      msg(
        `В ${csvFile} нет столбцов «Отметка времени» и «Код семьи (не меняйте)»: это выгрузка ответов формы отзывов (Ответы → Скачать ответы)?`,
        `${csvFile} has no "Timestamp" and "Family code (do not change)" columns: is it the feedback form's responses download (Responses → Download responses)?`,
      ),
    );
  const target = await openTarget(ctx, file);
  const wb = target.wb;
  if (Object.keys(locateSheets(wb.sheetNames()).tabs).length === 0) throw noKnownSheets(target.label);
  const res = importResponses(wb, csv.records);
  const lang = ctx.langForced ? ctx.lang : res.lang;
  if (res.added) await target.save();
  for (const i of res.issues) ctx.out(formatIssue(i, lang));
  ctx.out(
    say(
      lang,
      `Добавлено отзывов: ${res.added} (лист «${res.sheet}»), уже были: ${res.duplicates}, предупреждений: ${res.issues.length}.`,
      `Responses added: ${res.added} (sheet "${res.sheet}"), already there: ${res.duplicates}, warnings: ${res.issues.length}.`,
    ),
  );
  return hasErrors(res.issues) ? 1 : 0;
}

export const feedback: Command = {
  name: "feedback",
  summary: msg(
    "отзывы родителей: личные ссылки на форму (links) и загрузка ответов (import)",
    "parent feedback: personal form links (links) and importing responses (import)",
  ),
  usage,
  options: {
    "form-url": {
      type: "string",
      help: msg("адрес Google Формы отзывов", "the feedback Google Form's address"),
    },
    entry: {
      type: "string",
      help: msg(
        "номер NNN поля «Код семьи» из entry.NNN предзаполненной ссылки",
        'NNN of the "Family code" field, from entry.NNN of a prefilled link',
      ),
    },
    out: {
      type: "string",
      help: msg("куда записать ссылки (CSV)", "where to write the links (CSV)"),
    },
    semicolon: {
      type: "boolean",
      help: msg(
        "разделитель «;» (Excel с русскими настройками)",
        'separator ";" (Excel with Russian settings)',
      ),
    },
  },
  async run(ctx) {
    const sub = ctx.args[0];
    if (sub === "links") return links(ctx);
    if (sub === "import") return importCmd(ctx);
    throw badArgs(
      sub ? `Неизвестное действие «${sub}»: links или import.` : "Укажите действие: links или import.",
      sub ? `Unknown action "${sub}": links or import.` : "Give an action: links or import.",
    );
  },
};
