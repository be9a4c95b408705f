/**
 * `coordinator presence import FILE.xlsx EXPORT.csv... [--apply] [--json]`: exports of Google
 * Meet, Zoom, Moodle or a plain «Логин, Начало, Окончание» CSV held against the schedule;
 * «Присутствие в СДО» and «Проблемы» rewritten, with --apply `н` written into the blank
 * journal cells where the logs show absence (each write audited). The same files again
 * change nothing.
 */
import { importPresence, type PresenceImport } from "../../../app/presence.js";
import { type Lang, msg } from "../../../core/i18n.js";
import { formatIssue } from "../../../core/issues.js";
import { locateSheets } from "../../../core/parse/index.js";
import type { ExportKind } from "../../../core/presence/types.js";
import { UserError } from "../../errors.js";
import { readPresenceFile } from "../../presence-files.js";
import type { Command, Ctx } from "../context.js";
import { noKnownSheets, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator presence import FILE.xlsx EXPORT.csv|EXPORT.xlsx... [--apply] [--json]";

const KIND: Record<ExportKind, string> = {
  meet: "Google Meet",
  zoom: "Zoom",
  moodle: "Moodle",
  plain: "CSV",
};

const say = (lang: Lang, ru: string, en: string) => (lang === "ru" ? ru : en);

function badArgs(ru: string, en: string): UserError {
  return new UserError("bad-args", msg(`${ru}\n${usage}`, `${en}\n${usage}`));
}

function staffLines(res: PresenceImport, lang: Lang): string[] {
  const staff = res.rows.filter(
    (r) => (r.role === "teacher" || r.role === "tutor") && r.verdict !== "present",
  );
  return staff.map(
    (r) =>
      `  ${r.date} ${r.groupId} ${r.start}: ${r.personId} — ${
        r.verdict === "late"
          ? say(lang, `опоздание ${r.lateBy} мин`, `late by ${r.lateBy} min`)
          : say(lang, "отсутствие", "absent")
      }`,
  );
}

function printText(ctx: Ctx, res: PresenceImport, lang: Lang): void {
  for (const f of res.files)
    ctx.out(
      f.kind
        ? say(
            lang,
            `${f.name}: ${KIND[f.kind]}, записей ${f.sessions}`,
            `${f.name}: ${KIND[f.kind]}, ${f.sessions} records`,
          )
        : say(lang, `${f.name}: формат не распознан`, `${f.name}: format not recognised`),
    );
  for (const i of res.fileIssues) ctx.err(formatIssue(i, lang));
  const lessons = new Set(res.rows.map((r) => `${r.groupId} ${r.date} ${r.index}`)).size;
  ctx.out(
    say(
      lang,
      `Уроков по данным СДО: ${lessons}; строк на листе «${res.sheet}»: ${res.rows.length}.`,
      `Lessons in the LMS logs: ${lessons}; rows on sheet "${res.sheet}": ${res.rows.length}.`,
    ),
  );
  const staff = staffLines(res, lang);
  if (staff.length)
    ctx.out(say(lang, "Преподаватели и тьюторы не вовремя:", "Teachers and tutors not on time:"));
  for (const l of staff) ctx.out(l);
  if (res.unknown.length) {
    ctx.out(
      say(lang, `Неизвестные логины (${res.unknown.length}):`, `Unknown logins (${res.unknown.length}):`),
    );
    for (const u of res.unknown) ctx.out(`  ${u.login}${u.name ? ` (${u.name})` : ""} — ${u.file}:${u.line}`);
  }
  if (res.outside)
    ctx.out(
      say(
        lang,
        `Входов вне уроков по расписанию (с допуском): ${res.outside}.`,
        `Sessions outside the scheduled lessons (with the tolerance): ${res.outside}.`,
      ),
    );
  for (const i of res.differences) ctx.out(formatIssue(i, lang));
  const n = res.fills.length;
  const token = res.fills[0]?.value ?? "";
  if (res.applied)
    ctx.out(
      say(
        lang,
        `Записано «${token}» в пустые клетки журналов: ${n} (лист «Аудит»).`,
        `Wrote "${token}" into blank journal cells: ${n} (see the Audit sheet).`,
      ),
    );
  else if (n)
    ctx.out(
      say(
        lang,
        `Пустых клеток, где в СДО входа не было: ${n}; поставьте отметки сами или повторите с --apply.`,
        `Blank cells where the LMS shows no presence: ${n}; mark them yourself or run again with --apply.`,
      ),
    );
}

async function importCmd(ctx: Ctx): Promise<number> {
  const google = typeof ctx.options.spreadsheet === "string" && ctx.options.spreadsheet !== "";
  const rest = ctx.args.slice(1);
  const exports = google ? rest : rest.slice(1);
  if (!google && !rest[0]) throw badArgs("Не указан файл книги.", "No workbook file given.");
  if (!exports.length) throw badArgs("Не указаны файлы выгрузки СДО.", "No LMS export files given.");
  const files = [];
  for (const path of exports) files.push(await readPresenceFile(path));
  const target = await openWorkbook({ ...ctx, args: rest }, usage);
  if (Object.keys(locateSheets(target.wb.sheetNames()).tabs).length === 0) throw noKnownSheets(target.label);
  const apply = ctx.options.apply === true;
  const res = importPresence(target.wb, files, { apply, now: ctx.now(), who: "coordinator CLI" });
  await target.save();
  const lang = ctx.langForced ? ctx.lang : res.lang;
  if (ctx.options.json) {
    ctx.out(
      JSON.stringify(
        {
          files: res.files,
          rows: res.rows,
          unknown: res.unknown,
          differences: res.differences.map((i) => ({ ...i, text: i.message[lang] })),
          fills: res.fills,
          applied: res.applied,
        },
        null,
        2,
      ),
    );
  } else printText(ctx, res, lang);
  return res.files.some((f) => f.kind === null) ? 1 : 0;
}

export const presence: Command = {
  name: "presence",
  summary: msg(
    "присутствие по выгрузкам Meet, Zoom, Moodle: сверка с расписанием и журналами (import)",
    "presence from Meet, Zoom, Moodle exports: held against the schedule and the journals (import)",
  ),
  usage,
  options: {
    apply: {
      type: "boolean",
      help: msg(
        "записать «н» в пустые клетки журналов, где в СДО входа не было",
        'write "a" into blank journal cells where the LMS shows no presence',
      ),
    },
    json: { type: "boolean", help: msg("вывод в JSON", "JSON output") },
  },
  async run(ctx) {
    const sub = ctx.args[0];
    if (sub === "import") return importCmd(ctx);
    throw badArgs(
      sub ? `Неизвестное действие «${sub}»: import.` : "Укажите действие: import.",
      sub ? `Unknown action "${sub}": import.` : "Give an action: import.",
    );
  },
};
