/** The FILE.xlsx argument of a command: open, check it is a coordinator workbook, save. */
import { msg } from "../../core/i18n.js";
import { UserError } from "../errors.js";
import { XlsxWorkbook } from "../xlsx-workbook.js";
import type { Ctx } from "./context.js";

export function fileArg(ctx: Ctx, usage: string): string {
  const file = ctx.args[0];
  if (!file)
    throw new UserError(
      "bad-args",
      msg(`Не указан файл книги. Использование: ${usage}`, `No workbook file given. Usage: ${usage}`),
    );
  return file;
}

export async function openWorkbook(ctx: Ctx, usage: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(fileArg(ctx, usage));
}

export function noKnownSheets(file: string): UserError {
  return new UserError(
    "no-known-sheets",
    msg(
      `В книге ${file} нет ни одного листа координатора (Учащиеся, Группы, Расписание…). Создайте книгу: coordinator init ${file}`,
      `${file} has none of the coordinator's sheets (Students, Groups, Schedule…). Create one with: coordinator init ${file}`,
    ),
  );
}
