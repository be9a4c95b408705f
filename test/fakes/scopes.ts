/**
 * Which OAuth scopes each faked Apps Script method needs, from the "Authorization" section of
 * Google's reference for each class ("Scripts that use this method require authorization with
 * one or more of the following scopes"). Any one of a method's scopes suffices. A call whose
 * scopes are all absent from appsscript.json's `oauthScopes` throws what Apps Script throws:
 * `You do not have permission to call X. Required permissions: …`.
 *
 * Methods not listed (builders, HtmlService, LockService, PropertiesService, Utilities, Charts,
 * Session.getScriptTimeZone, ...) need no scope, as in Google's reference.
 */
import { readFileSync } from "node:fs";

const G = "https://www.googleapis.com/auth/";
const SHEETS = [`${G}spreadsheets.currentonly`, `${G}spreadsheets`];
const DOCS = [`${G}documents.currentonly`, `${G}documents`];
const FORMS = [`${G}forms.currentonly`, `${G}forms`];
const UI = [`${G}script.container.ui`];
const TRIGGERS = [`${G}script.scriptapp`];
/** DriveApp: getters take drive.readonly; it never accepts drive.file (reference: DriveApp). */
const DRIVE_READ = [`${G}drive.readonly`, `${G}drive`];
const DRIVE_WRITE = [`${G}drive`];
/** Drive API v3 (advanced service): drive.file covers the files the app created (REST reference). */
const DRIVE_API = [`${G}drive.file`, `${G}drive`];
/** Sheets API v4: the advanced service never accepts spreadsheets.currentonly. */
const SHEETS_API = [`${G}spreadsheets`, `${G}drive.file`, `${G}drive`];
const DOCS_API = [`${G}documents`, `${G}drive.file`, `${G}drive`];

/** Scopes by class (the fakes' counter name) or by "Class.method" (wins over the class). */
const TABLE: Record<string, readonly string[] | null> = {
  SpreadsheetApp: SHEETS,
  "SpreadsheetApp.getUi": null,
  "SpreadsheetApp.newDataValidation": null,
  Spreadsheet: SHEETS,
  Sheet: SHEETS,
  Range: SHEETS,
  Protection: SHEETS,
  DataValidation: SHEETS,
  "Session.getActiveUser": [`${G}userinfo.email`],
  "Session.getEffectiveUser": [`${G}userinfo.email`],
  Ui: UI,
  "Ui.createMenu": null,
  "Ui.createAddonMenu": null,
  ScriptApp: TRIGGERS,
  "ScriptApp.getScriptId": null,
  "ScriptApp.getOAuthToken": null,
  Trigger: TRIGGERS,
  "ClockTriggerBuilder.create": TRIGGERS,
  "TriggerBuilder.create": TRIGGERS,
  MailApp: [`${G}script.send_mail`],
  DocumentApp: DOCS,
  Document: DOCS,
  Body: DOCS,
  Paragraph: DOCS,
  Text: DOCS,
  Table: DOCS,
  InlineImage: DOCS,
  RangeElement: DOCS,
  "Docs.Documents": DOCS_API,
  FormApp: FORMS,
  Form: FORMS,
  Item: FORMS,
  TextItem: FORMS,
  ParagraphTextItem: FORMS,
  ScaleItem: FORMS,
  MultipleChoiceItem: FORMS,
  FormResponse: FORMS,
  ItemResponse: FORMS,
  DriveApp: DRIVE_WRITE,
  File: DRIVE_WRITE,
  Folder: DRIVE_WRITE,
  "Drive.Files": DRIVE_API,
  "Drive.Permissions": DRIVE_API,
  "Sheets.Spreadsheets": SHEETS_API,
  "Sheets.Spreadsheets.Values": SHEETS_API,
};

const READS = /^(get|is|has|search)/;

/** The scopes a call needs (any one of them), or null when it needs none. */
export function requiredScopes(method: string): readonly string[] | null {
  if (method in TABLE) return TABLE[method];
  const dot = method.lastIndexOf(".");
  const cls = method.slice(0, dot);
  const scopes = TABLE[cls];
  if (scopes === DRIVE_WRITE && READS.test(method.slice(dot + 1))) return DRIVE_READ;
  return scopes ?? null;
}

/** Apps Script's message, with its parentheses around alternatives. */
export function permissionMessage(method: string, scopes: readonly string[]): string {
  const list = scopes.length > 1 ? `(${scopes.join(" || ")})` : scopes[0];
  return `Exception: You do not have permission to call ${method}. Required permissions: ${list}`;
}

/** appsscript.json's oauthScopes (the project's manifest unless a path is given). */
export function manifestScopes(path = new URL("../../appsscript.json", import.meta.url)): string[] {
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { oauthScopes?: string[] };
  return manifest.oauthScopes ?? [];
}

/** A guard for CallCounter: throws for a call the granted scopes do not cover. */
export function scopeGuard(granted: readonly string[]): (method: string) => void {
  const have = new Set(granted);
  return (method) => {
    const need = requiredScopes(method);
    if (need && !need.some((s) => have.has(s))) throw new Error(permissionMessage(method, need));
  };
}
