/**
 * Another account's view of the fake files: whether it can open a spreadsheet (Drive sharing:
 * owner, writers, readers of the file; a bound spreadsheet without a Drive item, its editors)
 * and edit one of its sheets (a writer, and every non-warning protection of the sheet lists it
 * or it owns the file). Sheet protection limits editing, never reading, as in Sheets: this is
 * what proves that the tutors' journal workbook, not the master, is what a tutor can open.
 */
import type { FakeDriveApp } from "./drive-app.js";
import type { FakeSpreadsheet, FakeSpreadsheetApp } from "./spreadsheet.js";

export type Role = "owner" | "writer" | "reader" | null;

const low = (e: string) => e.trim().toLowerCase();

export function roleOf(app: FakeSpreadsheetApp, drive: FakeDriveApp, user: string, id: string): Role {
  const u = low(user);
  const item = drive.items.get(id);
  if (item && !item.trashed) {
    if (low(item.owner) === u) return "owner";
    if (item.editors.some((e) => low(e) === u)) return "writer";
    return item.viewers.some((e) => low(e) === u) ? "reader" : null;
  }
  const ss = app.files.get(id);
  if (!ss) return null;
  if (low(ss.env.owner) === u) return "owner";
  return ss.editors.some((e) => low(e) === u) ? "writer" : null;
}

/** SpreadsheetApp.openById as `user` would run it. */
export function openAs(
  app: FakeSpreadsheetApp,
  drive: FakeDriveApp,
  user: string,
  id: string,
): FakeSpreadsheet {
  const ss = app.files.get(id);
  if (!ss || !roleOf(app, drive, user, id))
    throw new Error("Exception: You do not have permission to access the requested document.");
  return ss;
}

/** Whether `user` may type into the sheet (the whole-sheet and range protections of it). */
export function canEditSheet(
  app: FakeSpreadsheetApp,
  drive: FakeDriveApp,
  user: string,
  id: string,
  sheet: string,
): boolean {
  const role = roleOf(app, drive, user, id);
  if (role === "owner") return true;
  if (role !== "writer") return false;
  const s = openAs(app, drive, user, id).sheets.find((x) => x.name === sheet);
  if (!s) return false;
  return s.protections
    .filter((p) => !p.removed && !p.warningOnly)
    .every((p) => [...p.editors].some((e) => low(e) === low(user)));
}
