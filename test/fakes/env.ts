/** The state all fake services share: counter, users, clock, time zones, id source. */
import { CallCounter } from "./counter.js";
import { manifestScopes, scopeGuard } from "./scopes.js";

/** What a formula cell shows in getValues(); the fakes do not compute spreadsheets. */
export type FormulaEvaluator = (formula: string) => string | number | boolean;

export interface FakeEnv {
  readonly calls: CallCounter;
  /** Emails: the person at the keyboard, the account the script runs as, the file owner. */
  activeUser: string;
  effectiveUser: string;
  owner: string;
  scriptTimeZone: string;
  /** Current time for triggers and Utilities.sleep; tests may move it. */
  now(): Date;
  /** Total milliseconds "slept" by Utilities.sleep (nothing really waits). */
  slept: number;
  evaluate: FormulaEvaluator;
  /** false inside triggers: SpreadsheetApp.getUi() throws there, as in real Apps Script. */
  uiAvailable: boolean;
  nextId(prefix: string): string;
}

/** HYPERLINK(url, "label") shows its label; anything else a visible placeholder. */
export const defaultEvaluate: FormulaEvaluator = (formula) => {
  const m = /^=\s*HYPERLINK\s*\(.*,\s*"((?:[^"]|"")*)"\s*\)\s*$/i.exec(formula);
  return m ? m[1].replace(/""/g, '"') : "#FORMULA";
};

export function createEnv(opts: {
  activeUser?: string;
  effectiveUser?: string;
  owner?: string;
  scriptTimeZone?: string;
  now?: () => Date;
  evaluate?: FormulaEvaluator;
  ui?: boolean;
  /** OAuth scopes granted (default: appsscript.json's); a call needing another one throws. */
  scopes?: readonly string[];
}): FakeEnv {
  let seq = 0;
  const activeUser = opts.activeUser ?? "coordinator@school.example";
  const calls = new CallCounter();
  calls.guard = scopeGuard(opts.scopes ?? manifestScopes());
  return {
    calls,
    activeUser,
    effectiveUser: opts.effectiveUser ?? activeUser,
    owner: opts.owner ?? activeUser,
    scriptTimeZone: opts.scriptTimeZone ?? "Europe/Moscow",
    now: opts.now ?? (() => new Date()),
    slept: 0,
    evaluate: opts.evaluate ?? defaultEvaluate,
    uiAvailable: opts.ui ?? true,
    nextId: (prefix) => `${prefix}${String(++seq).padStart(6, "0")}`,
  };
}
