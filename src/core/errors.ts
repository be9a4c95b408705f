/** An error meant for the user: one clear line in ru and en, never a stack trace. */
import type { Lang, Msg } from "./i18n.js";

export type UserErrorCode =
  | "no-file"
  | "not-xlsx"
  | "locked"
  | "exists"
  | "no-known-sheets"
  | "write-failed"
  | "bad-args"
  | "bad-month"
  | "bad-csv"
  | "no-credentials"
  | "no-access"
  | "not-found"
  | "quota"
  | "network"
  | "conflict"
  | "busy"
  | "read-only"
  | "incomplete-data";

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    readonly msg: Msg,
  ) {
    super(msg.en);
    this.name = "UserError";
  }

  text(lang: Lang): string {
    return this.msg[lang];
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
