/**
 * How the CLI finds the report Doc it made before, without its ID: Drive appProperties, the
 * "private properties visible only to the app that set them" (Drive API v3, Files resource),
 * searched with `appProperties has { key='…' and value='…' }` (Drive's "Search query terms").
 */

/** appProperties keys (a key and its value share 124 bytes: these stay short). */
export const DOC_APP_SPREADSHEET = "coordinatorSpreadsheet";
export const DOC_APP_MONTH = "coordinatorMonth";

/** A Drive query string literal. */
export const driveLiteral = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** The Drive query for the live report Doc of this spreadsheet and month. */
export function docLookupQuery(spreadsheetId: string, month: string): string {
  const has = (key: string, value: string) =>
    `appProperties has { key=${driveLiteral(key)} and value=${driveLiteral(value)} }`;
  return [
    has(DOC_APP_SPREADSHEET, spreadsheetId),
    has(DOC_APP_MONTH, month),
    "mimeType = 'application/vnd.google-apps.document'",
    "trashed = false",
  ].join(" and ");
}

/** A folder ID from what a person pasted: the ID itself or a Drive folder link; "" if neither. */
export function folderIdOf(text: string): string {
  const t = text.trim();
  const link = /\/folders\/([A-Za-z0-9_-]+)/.exec(t) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(t);
  if (link) return link[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : "";
}
