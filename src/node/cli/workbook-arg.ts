/**
 * The workbook a command works on: FILE.xlsx, or `--spreadsheet ID` for a real Google Sheet
 * (through the Sheets API). Both are the same Workbook port; `save()` is the one atomic write
 * (.xlsx: temp file + rename; Google: one batchUpdate).
 */
import { dirname, resolve } from "node:path";
import { msg } from "../../core/i18n.js";
import type { Workbook } from "../../ports.js";
import { UserError } from "../errors.js";
import { XlsxWorkbook } from "../xlsx-workbook.js";
import type { Ctx } from "./context.js";

export interface OpenWorkbook {
  wb: Workbook;
  save(): Promise<void>;
  /** What to call it in messages: the file path or the spreadsheet URL. */
  label: string;
  /** Where local outputs go by default. */
  dir: string;
  kind: "xlsx" | "google";
  /** For a Google Sheet: the credentials and endpoint, to reach Docs and Drive too. */
  google?: { auth: import("../google/auth.js").GoogleAuthClient; rootUrl?: string; spreadsheetId: string };
}

export function fileArg(ctx: Ctx, usage: string): string {
  const file = ctx.args[0];
  if (!file)
    throw new UserError(
      "bad-args",
      msg(
        `Не указан файл книги (или --spreadsheet ID). Использование: ${usage}`,
        `No workbook file (or --spreadsheet ID) given. Usage: ${usage}`,
      ),
    );
  return file;
}

/** Open a Google Sheet by ID with the credentials of the environment (see README). */
export async function openSpreadsheet(ctx: Ctx, id: string): Promise<OpenWorkbook> {
  // Loaded only when asked for: googleapis costs a quarter of a second to import.
  const { googleAuth, SCOPES, tokenUrlFor } = await import("../google/auth.js");
  const { SheetsApiWorkbook } = await import("../google/sheets-api-workbook.js");
  const env = ctx.env ?? {};
  const impersonate = ctx.options.impersonate;
  const auth = await googleAuth({
    keyFile: typeof ctx.options.credentials === "string" ? ctx.options.credentials : undefined,
    env,
    scopes: [...SCOPES],
    subject: typeof impersonate === "string" && impersonate.trim() ? impersonate.trim() : undefined,
    tokenUrl: tokenUrlFor(env.COORDINATOR_GOOGLE_ROOT_URL),
  });
  const sheets = await SheetsApiWorkbook.open(id, { auth, rootUrl: env.COORDINATOR_GOOGLE_ROOT_URL });
  const rootUrl = env.COORDINATOR_GOOGLE_ROOT_URL;
  return {
    wb: sheets,
    save: () => sheets.flush(),
    label: sheets.url,
    dir: process.cwd(),
    kind: "google",
    google: { auth, rootUrl, spreadsheetId: id },
  };
}

export async function openWorkbook(ctx: Ctx, usage: string): Promise<OpenWorkbook> {
  const id = ctx.options.spreadsheet;
  if (typeof id === "string" && id) return openSpreadsheet(ctx, id);
  const file = fileArg(ctx, usage);
  const x = await XlsxWorkbook.open(file);
  return { wb: x, save: () => x.save(), label: file, dir: dirname(resolve(file)), kind: "xlsx" };
}

export function noKnownSheets(label: string): UserError {
  return new UserError(
    "no-known-sheets",
    msg(
      `В книге ${label} нет ни одного листа координатора (Учащиеся, Группы, Расписание…). Создайте их: coordinator init`,
      `${label} has none of the coordinator's sheets (Students, Groups, Schedule…). Create them with: coordinator init`,
    ),
  );
}
