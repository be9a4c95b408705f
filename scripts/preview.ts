/**
 * `npm run preview -- FILE.xlsx [--port 8787] [--user EMAIL] [--now ISO]`: the sidebar in a
 * local browser over an .xlsx, through the same server functions as in Google Sheets.
 * It listens on 127.0.0.1 only; `--host ADDR --allow-remote` opens it to a network (there is
 * no login, so that prints a warning and is refused without the explicit flag).
 */
import { parseArgs } from "node:util";
import { isUserError } from "../src/core/errors.js";
import { startPreview } from "../src/node/preview/server.js";

// Messages in the language the CLI would use (COORDINATOR_LANG, then the locale).
const langVar = process.env.COORDINATOR_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? "";
const lang = /^en/i.test(langVar) ? "en" : "ru";
const say = (ru: string, en: string) => (lang === "ru" ? ru : en);

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      "allow-remote": { type: "boolean", default: false },
      user: { type: "string", default: process.env.COORDINATOR_USER ?? "" },
      now: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const file = positionals[0];
  if (values.help || !file) {
    console.log(
      say(
        "npm run preview -- КНИГА.xlsx [--port 8787] [--user EMAIL] [--now 2026-11-24T10:00:00Z]\n  --user: email сотрудника (его группы — первыми; пишется в «Аудит»), по умолчанию $COORDINATOR_USER\n  --now: зафиксировать «сегодня» (для демонстрации)\n  --host АДРЕС --allow-remote: слушать не только 127.0.0.1 (без входа: любой в сети видит данные учащихся — только в доверенной сети)",
        "npm run preview -- BOOK.xlsx [--port 8787] [--user EMAIL] [--now 2026-11-24T10:00:00Z]\n  --user: a staff email (their groups first; written into the audit), default $COORDINATOR_USER\n  --now: fix «today» (for a demo)\n  --host ADDR --allow-remote: listen beyond 127.0.0.1 (no login: anyone on the network sees the students' data — trusted networks only)",
      ),
    );
    return file || values.help ? 0 : 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(say(`Неверный порт «${values.port}»`, `Bad port "${values.port}"`));
    return 2;
  }
  const fixed = values.now ? new Date(values.now) : null;
  if (fixed && Number.isNaN(fixed.getTime())) {
    console.error(say(`Неверное время --now «${values.now}»`, `Bad --now time "${values.now}"`));
    return 2;
  }
  const preview = await startPreview({
    file,
    port,
    host: values.host,
    allowRemote: values["allow-remote"],
    user: values.user,
    clock: fixed ? { now: () => new Date(fixed.getTime()) } : undefined,
  });
  console.log(
    say(
      `Панель: ${preview.url}  (книга ${file}; Ctrl+C — выход)`,
      `Sidebar: ${preview.url}  (workbook ${file}; Ctrl+C to stop)`,
    ),
  );
  const stop = () => void preview.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    if (isUserError(e)) console.error(e.msg[lang]);
    else console.error(e);
    process.exitCode = 1;
  },
);
