/**
 * The document lock around every write that a trigger and a person could both start.
 * Always released (in finally); re-entrant within one execution, so an action holding the
 * lock can call another that takes it. Busy means a clear message, not a stack trace.
 */
import { UserError } from "../core/errors.js";
import type { Lock } from "../ports.js";

export const BUSY_MESSAGE = {
  ru: "Книгу сейчас изменяет другой пользователь или задача; повторите через минуту",
  en: "Another user or task is changing the workbook right now; try again in a minute",
};

let depth = 0;

export function withDocumentLock<T>(fn: () => T, timeoutMs = 30000): T {
  if (depth > 0) return fn();
  // A standalone script (no bound document) has no document lock: the script lock serves.
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(timeoutMs)) throw new UserError("busy", BUSY_MESSAGE);
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    try {
      // Pending spreadsheet writes are applied before the next holder reads.
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}

export const documentLock: Lock = {
  withLock: <T>(fn: () => T): T => withDocumentLock(fn),
};
