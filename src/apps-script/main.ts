/**
 * The Apps Script entry points and nothing else: each is a one-line delegate. The build
 * re-declares every export here as a top-level function so Apps Script can call it.
 */
import { runCheck, runSetup } from "./actions/setup-check.js";
import { workbookLang } from "./env.js";
import { buildMenu } from "./menu.js";

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi(), workbookLang(e));
}

export function onInstall(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  onOpen(e);
}

export function menuSetup(): void {
  runSetup();
}

export function menuCheck(): void {
  runCheck();
}
