/**
 * In-memory fakes of the Apps Script services the project uses, counting every call.
 *
 *   const fakes = createFakes({ spreadsheet: { sheets: { Учащиеся: [["ID"]] } } });
 *   const restore = fakes.install();          // Object.assign(globalThis, fakes.globals)
 *   ... code under test uses SpreadsheetApp, LockService, ... as globals ...
 *   expect(fakes.calls.count("Range.getValue")).toBe(0);
 *   restore();
 *
 * Methods whose name starts with "_" are test helpers (not counted, not the real API).
 * FormApp, MailApp, DocumentApp, Docs, DriveApp and Charts are built in; more plug in through `extras`.
 */
import type { CallCounter } from "./counter.js";
import { createDocumentFakes, type DocumentFakes } from "./document-app.js";
import { createEnv, type FakeEnv, type FormulaEvaluator } from "./env.js";
import { FakeFormApp } from "./form-app.js";
import { FakeHtmlService } from "./html.js";
import { FakeLockService } from "./lock.js";
import { FakeMailApp } from "./mail-app.js";
import { FakePropertiesService } from "./properties.js";
import { FakeScriptApp, FakeSession } from "./script-app.js";
import { FakeSheetsService } from "./sheets-service.js";
import { FakeSpreadsheet, FakeSpreadsheetApp, type SpreadsheetOptions } from "./spreadsheet.js";
import type { FakeUi } from "./ui.js";
import { FakeUtilities } from "./utilities.js";

export type { Cell, SeedValue } from "./cells.js";
export { WallTime } from "./cells.js";
export { CallCounter } from "./counter.js";
export { createDocumentFakes, type DocumentFakes } from "./document-app.js";
export type { FakeEnv, FormulaEvaluator } from "./env.js";
export {
  FakeForm,
  FakeFormApp,
  FakeFormResponse,
  FakeItem,
  type FormSubmitEvent,
  formSubmitEvents,
  ItemType,
  NO_ITEM_MESSAGE,
} from "./form-app.js";
export { FakeHtmlOutput, FakeHtmlService, FakeHtmlTemplate } from "./html.js";
export { FakeLock, FakeLockService, LOCK_TIMEOUT_MESSAGE, type LockScope } from "./lock.js";
export { DAILY_MAIL_QUOTA, FakeMailApp, MAIL_QUOTA_MESSAGE, type SentMail } from "./mail-app.js";
export { FakeProperties, FakePropertiesService, STORE_LIMIT, VALUE_LIMIT } from "./properties.js";
export { FakeProtection, FakeUser } from "./protection.js";
export { FakeRange } from "./range.js";
export {
  FakeClockTriggerBuilder,
  FakeScriptApp,
  FakeSession,
  FakeTrigger,
  TRIGGER_LIMIT,
} from "./script-app.js";
export { FakeSheet } from "./sheet.js";
export { CELL_LIMIT, FakeSpreadsheet, FakeSpreadsheetApp, type SpreadsheetOptions } from "./spreadsheet.js";
export { FakeMenu, FakeUi, type MenuEntry, type Shown } from "./ui.js";
export { formatDate, instantOf, wallOf } from "./utilities.js";
export { FakeDataValidation, FakeDataValidationBuilder } from "./validation.js";

export interface FakeOptions {
  /** The bound spreadsheet; null for a standalone script (no active file, no document lock). */
  spreadsheet?: SpreadsheetOptions | null;
  activeUser?: string;
  effectiveUser?: string;
  owner?: string;
  scriptTimeZone?: string;
  now?: () => Date;
  /** What formula cells show in getValues() (default: HYPERLINK label, else "#FORMULA"). */
  evaluate?: FormulaEvaluator;
  /** false: running in a trigger, SpreadsheetApp.getUi() throws. */
  ui?: boolean;
  /** Add-on trigger limits in ScriptApp. */
  addOn?: boolean;
  /** Project HTML files for HtmlService.createHtmlOutputFromFile (name without ".html"). */
  htmlFiles?: Record<string, string>;
  /** OAuth scopes granted (default: appsscript.json's oauthScopes). */
  scopes?: readonly string[];
  /** MailApp's daily recipient quota (default 100, a consumer account). */
  mailQuota?: number;
  /** More globals built on the same context (counter, env, active spreadsheet). */
  extras?: (ctx: FakeContext) => Record<string, unknown>;
}

/** What an `extras` plug-in gets to build its services on. */
export interface FakeContext {
  env: FakeEnv;
  calls: CallCounter;
  spreadsheetApp: FakeSpreadsheetApp;
}

export interface Fakes {
  /** Assign onto globalThis (or a vm context): SpreadsheetApp, LockService, PropertiesService, ... */
  globals: Record<string, unknown>;
  calls: CallCounter;
  env: FakeEnv;
  /** The active (bound) spreadsheet, if any. */
  spreadsheet: FakeSpreadsheet;
  spreadsheetApp: FakeSpreadsheetApp;
  ui: FakeUi;
  lock: FakeLockService;
  properties: FakePropertiesService;
  scriptApp: FakeScriptApp;
  session: FakeSession;
  utilities: FakeUtilities;
  html: FakeHtmlService;
  formApp: FakeFormApp;
  mailApp: FakeMailApp;
  /** DocumentApp, Docs (advanced service), DriveApp and Charts over one fake Drive. */
  documents: DocumentFakes;
  /** Zero the call counter. */
  reset(): void;
  /** Object.assign(globalThis, globals); returns a function restoring what was there before. */
  install(target?: Record<string, unknown>): () => void;
}

export function createFakes(opts: FakeOptions = {}): Fakes {
  const env = createEnv(opts);
  const bound = opts.spreadsheet === null ? null : new FakeSpreadsheet(env, opts.spreadsheet ?? {});
  const spreadsheetApp = new FakeSpreadsheetApp(env, bound);
  const container = () => spreadsheetApp.activeFile !== null;
  const lock = new FakeLockService(env, container);
  const properties = new FakePropertiesService(env, container);
  const scriptApp = new FakeScriptApp(env, opts.addOn ?? false);
  const session = new FakeSession(env);
  const utilities = new FakeUtilities(env);
  const html = new FakeHtmlService(env, opts.htmlFiles ?? {});
  const formApp = new FakeFormApp(env);
  const mailApp = new FakeMailApp(env, opts.mailQuota);
  const documents = createDocumentFakes(env);
  const sheetsApi = new FakeSheetsService(env, spreadsheetApp);
  sheetsApi.Spreadsheets.drive = documents.drive;
  const globals: Record<string, unknown> = {
    SpreadsheetApp: spreadsheetApp,
    LockService: lock,
    PropertiesService: properties,
    ScriptApp: scriptApp,
    Session: session,
    Utilities: utilities,
    HtmlService: html,
    FormApp: formApp,
    MailApp: mailApp,
    Sheets: sheetsApi,
    ...documents.globals,
  };
  Object.assign(globals, opts.extras?.({ env, calls: env.calls, spreadsheetApp }) ?? {});
  return {
    globals,
    calls: env.calls,
    env,
    spreadsheet: bound as FakeSpreadsheet,
    spreadsheetApp,
    ui: spreadsheetApp.ui,
    lock,
    properties,
    scriptApp,
    session,
    utilities,
    html,
    formApp,
    mailApp,
    documents,
    reset: () => env.calls.reset(),
    install(target = globalThis as unknown as Record<string, unknown>) {
      const before = new Map<string, PropertyDescriptor | undefined>();
      for (const k of Object.keys(globals)) before.set(k, Object.getOwnPropertyDescriptor(target, k));
      Object.assign(target, globals);
      return () => {
        for (const [k, d] of before) {
          if (d) Object.defineProperty(target, k, d);
          else delete target[k];
        }
      };
    },
  };
}
