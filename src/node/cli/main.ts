/**
 * `coordinator`: the same application functions the Apps Script menu calls, on an .xlsx
 * workbook. Every command is one file in commands/; this file parses options and prints
 * user errors as one line in the user's language.
 */
import { parseArgs } from "node:util";
import { type Lang, msg, parseLang } from "../../core/i18n.js";
import type { Clock } from "../../ports.js";
import { clockFromEnv } from "../clock.js";
import { isUserError } from "../errors.js";
import { attestation } from "./commands/attestation.js";
import { cardCommand } from "./commands/card.js";
import { check } from "./commands/check.js";
import { feedback } from "./commands/feedback.js";
import { init } from "./commands/init.js";
import { journals } from "./commands/journals.js";
import { letters } from "./commands/letters.js";
import { period } from "./commands/period.js";
import { presence } from "./commands/presence.js";
import { report } from "./commands/report.js";
import { rollupCommand } from "./commands/rollup.js";
import { schedule } from "./commands/schedule.js";
import { transfer } from "./commands/transfer.js";
import type { Command, Ctx, OptionSpec } from "./context.js";

export const COMMANDS: Command[] = [
  init,
  check,
  schedule,
  journals,
  report,
  feedback,
  letters,
  rollupCommand,
  presence,
  attestation,
  period,
  transfer,
  cardCommand,
];

const GLOBAL: Record<string, OptionSpec> = {
  lang: { type: "string", help: msg("язык сообщений: ru или en", "message language: ru or en") },
  help: { type: "boolean", short: "h", help: msg("эта справка", "this help") },
  spreadsheet: {
    type: "string",
    help: msg("ID таблицы Google вместо файла .xlsx", "a Google Sheet's ID instead of an .xlsx file"),
  },
  credentials: {
    type: "string",
    help: msg(
      "ключ сервисного аккаунта (JSON) для --spreadsheet",
      "service-account key (JSON) for --spreadsheet",
    ),
  },
  impersonate: {
    type: "string",
    help: msg(
      "с --credentials: действовать от имени пользователя Workspace EMAIL (делегирование на уровне домена)",
      "with --credentials: act as the Workspace user EMAIL (domain-wide delegation)",
    ),
  },
};

export function envLang(env: NodeJS.ProcessEnv): Lang {
  const v = env.COORDINATOR_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? "";
  return /^en/i.test(v) ? "en" : "ru";
}

function help(lang: Lang, cmd?: Command): string {
  const lines: string[] = [];
  if (cmd) {
    lines.push(`${cmd.usage}`, "", `  ${cmd.summary[lang]}`, "");
    for (const [name, o] of Object.entries({ ...cmd.options, ...GLOBAL }))
      lines.push(`  --${name}${o.type === "string" ? " VALUE" : ""}`.padEnd(28) + o.help[lang]);
    return lines.join("\n");
  }
  lines.push(
    lang === "ru"
      ? "coordinator — книга координатора дистанционного обучения (.xlsx)"
      : "coordinator — the distance-learning coordinator's workbook (.xlsx)",
    "",
    lang === "ru" ? "Команды:" : "Commands:",
  );
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(12)}${c.summary[lang]}`);
  lines.push(
    "",
    lang === "ru"
      ? "Подробнее: coordinator КОМАНДА --help. Язык: --lang ru|en или COORDINATOR_LANG."
      : "More: coordinator COMMAND --help. Language: --lang ru|en or COORDINATOR_LANG.",
  );
  return lines.join("\n");
}

export interface RunIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** Run the CLI; returns the exit code (0 ok, 1 problems found, 2 usage or input error). */
export async function runCli(argv: string[], io: RunIo): Promise<number> {
  const [name, ...rest] = argv;
  let lang = envLang(io.env);
  const langArg =
    argv.find((_a, i) => argv[i - 1] === "--lang") ?? argv.find((a) => a.startsWith("--lang="))?.slice(7);
  if (langArg) lang = parseLang(langArg, lang);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help(lang));
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.out("0.1.0");
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(lang === "ru" ? `Неизвестная команда «${name}».` : `Unknown command "${name}".`);
    io.err(help(lang));
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = Object.fromEntries(
      Object.entries({ ...GLOBAL, ...cmd.options }).map(([k, o]) => [
        k,
        { type: o.type, multiple: Boolean(o.multiple), ...(o.short ? { short: o.short } : {}) },
      ]),
    );
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`${(e as Error).message}`);
    io.err(cmd.usage);
    return 2;
  }
  if (parsed.values.help) {
    io.out(help(lang, cmd));
    return 0;
  }
  const json = Boolean(parsed.values.json);
  let clock: Clock | undefined;
  const ctx: Ctx = {
    args: parsed.positionals,
    options: parsed.values as Ctx["options"],
    lang,
    langForced: Boolean(langArg),
    out: io.out,
    err: io.err,
    progress: (m) => {
      if (!json) io.err(m[lang]);
    },
    // The clock is read on first use, so a bad COORDINATOR_NOW is reported like any input error.
    now:
      io.now ??
      (() => {
        clock = clock ?? clockFromEnv(io.env);
        return clock.now();
      }),
    env: io.env,
  };
  try {
    return await cmd.run(ctx);
  } catch (e) {
    if (isUserError(e)) {
      io.err(e.text(lang));
      return 2;
    }
    io.err(
      lang === "ru"
        ? `Внутренняя ошибка: ${(e as Error).message}. Сообщите разработчикам; файл не изменён.`
        : `Internal error: ${(e as Error).message}. Please report it; the file was not changed.`,
    );
    if (io.env.COORDINATOR_DEBUG) io.err(String((e as Error).stack));
    return 3;
  }
}
