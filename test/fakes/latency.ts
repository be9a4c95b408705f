/**
 * Which calls reach Google's servers. Apps Script answers builders, menus, HTML templates,
 * Utilities and getters of objects already fetched (a Sheet's name, a Range's position, a
 * trigger's handler) inside the script's own process; everything else is a round trip of
 * tens of milliseconds. The fakes charge SIMULATED_LATENCY_MS for each round trip and refuse
 * a run past EXECUTION_BUDGET_MS, so a test or bench sees what a real school's size costs.
 */

/** A round trip from Apps Script to a Google service (measured 20–100 ms; 50 is the middle). */
export const SIMULATED_LATENCY_MS = 50;
/**
 * Apps Script stops a run at 6 minutes; the fakes fail it at 5, the budget the monthly job
 * keeps (its continuation takes over before Google would kill it).
 */
export const EXECUTION_BUDGET_MS = 5 * 60 * 1000;
export const TIMEOUT_MESSAGE = "Exceeded maximum execution time";

const LOCAL_CLASSES = new Set([
  "DataValidationBuilder",
  "DataValidation",
  "TextValidationBuilder",
  "TextValidation",
  "ChartBuilder",
  "DataTableBuilder",
  "DataTable",
  "Blob",
  "Menu",
  "HtmlOutput",
  "HtmlTemplate",
  "HtmlService",
  "Utilities",
  "User",
  "PromptResponse",
  "Choice",
  "ClockTriggerBuilder",
  "TriggerBuilder",
  "Charts",
]);

const LOCAL_METHODS = new Set([
  "SpreadsheetApp.getUi",
  "SpreadsheetApp.newDataValidation",
  "Sheet.getName",
  "Sheet.getSheetName",
  "Sheet.getSheetId",
  "Sheet.getIndex",
  "Sheet.getParent",
  "Spreadsheet.getId",
  "Range.getRow",
  "Range.getColumn",
  "Range.getNumRows",
  "Range.getNumColumns",
  "Range.getA1Notation",
  "Range.getSheet",
  "Session.getScriptTimeZone",
  "Trigger.getHandlerFunction",
  "Trigger.getEventType",
  "Trigger.getUniqueId",
  "Trigger.getTriggerSource",
  "Trigger.getTriggerSourceId",
  "ScriptApp.getScriptId",
  // A search result's element, its parent and a cast: getters of what findText already fetched.
  "RangeElement.getElement",
  "Text.getParent",
  "Paragraph.asParagraph",
]);

/** Builders' `create()` and a Chart's rendering do reach the server. */
const REMOTE_METHODS = new Set(["ClockTriggerBuilder.create", "TriggerBuilder.create"]);

export function isRoundTrip(method: string): boolean {
  if (REMOTE_METHODS.has(method) || method.startsWith("Chart.")) return true;
  if (LOCAL_METHODS.has(method)) return false;
  return !LOCAL_CLASSES.has(method.slice(0, method.lastIndexOf(".")));
}
