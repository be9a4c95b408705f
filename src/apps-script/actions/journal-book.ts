/**
 * «Журналы для преподавателей: создать / обновить» and its hourly trigger: the tutors' journal
 * workbook in Google Sheets. The spreadsheet is made by this script (Sheets API create), so
 * the Drive API may share it under `drive.file` — no broader Drive scope. Its ID is a script
 * property of the master's script; the sync base is the master's hidden «_journals_sync».
 * Round trips per sync, whatever the number of students: master 2 reads (sheet list, tables)
 * and 1 batchUpdate; journal workbook the same; Drive 1 list plus one call per change of staff.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import { type JournalSyncResult, syncJournalWorkbook } from "../../app/journal-split.js";
import type { Lang } from "../../core/i18n.js";
import { locateSheets } from "../../core/parse/index.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, sheetLinker, workbook } from "../env.js";
import { HANDLERS } from "../handlers.js";
import { withDocumentLock } from "../lock.js";
import { AdvancedSheetsWorkbook, type SheetsService, sheetsService } from "../sheets-advanced.js";
import { propertiesStore } from "../store.js";
import { reconcile } from "../triggers.js";

export const JOURNAL_BOOK_KEY = "journalBookId";

export type SheetsWithCreate = SheetsService & {
  Spreadsheets: { create(resource: sheets_v4.Schema$Spreadsheet): sheets_v4.Schema$Spreadsheet };
};

interface DrivePermissions {
  list(
    fileId: string,
    optionalArgs?: { fields?: string },
  ): { permissions?: { id?: string; type?: string; role?: string; emailAddress?: string }[] };
  create(
    resource: { type: string; role: string; emailAddress: string },
    fileId: string,
    args?: object,
  ): unknown;
  remove(fileId: string, permissionId: string): void;
}

export function services(): { sheets: SheetsWithCreate; permissions: DrivePermissions } {
  const sheets = sheetsService() as SheetsWithCreate | null;
  const drive = (globalThis as unknown as { Drive?: { Permissions?: DrivePermissions } }).Drive;
  if (!sheets || !drive?.Permissions)
    throw new Error(
      "The Sheets and Drive advanced services are needed (appsscript.json: enabledAdvancedServices «sheets» v4, «drive» v3)",
    );
  return { sheets, permissions: drive.Permissions };
}

/** The remembered journal spreadsheet, or a new one holding one empty tab per journal. */
function journalSpreadsheet(sheets: SheetsWithCreate, tabs: readonly string[], lang: Lang) {
  const store = propertiesStore();
  const id = store.get(JOURNAL_BOOK_KEY);
  if (id) {
    try {
      return { ss: SpreadsheetApp.openById(id), created: false };
    } catch {
      // Deleted or no longer reachable: a new one is made; the sync pushes every mark again.
    }
  }
  const master = activeSpreadsheet();
  const made = sheets.Spreadsheets.create({
    properties: {
      title: `${master.getName()} — ${lang === "ru" ? "журналы" : "journals"}`,
      timeZone: master.getSpreadsheetTimeZone(),
      locale: master.getSpreadsheetLocale(),
    },
    // Created with the journals' own tabs: no stray «Лист1» holding nothing the tutors need.
    sheets: tabs.map((title) => ({ properties: { title } })),
  });
  store.set(JOURNAL_BOOK_KEY, made.spreadsheetId!);
  return { ss: SpreadsheetApp.openById(made.spreadsheetId!), created: true };
}

/**
 * Share the file with exactly these people in `role` (writers by default): anyone else the
 * program had added loses access.
 */
export function shareExactly(
  permissions: DrivePermissions,
  id: string,
  writers: readonly string[],
  role: "writer" | "reader" = "writer",
): void {
  const want = new Map(writers.map((e) => [e.trim().toLowerCase(), e.trim()]));
  const have = new Set<string>();
  const list = permissions.list(id, { fields: "permissions(id,type,role,emailAddress)" });
  for (const p of list.permissions ?? []) {
    const email = (p.emailAddress ?? "").toLowerCase();
    if (p.type !== "user" || !email || p.role === "owner" || !p.id) continue;
    if (want.has(email) && p.role === role) have.add(email);
    else permissions.remove(id, p.id);
  }
  for (const [key, email] of want)
    if (!have.has(key))
      permissions.create({ type: "user", role, emailAddress: email }, id, {
        sendNotificationEmail: false,
      });
}

/** One sync under the master's document lock; the hourly trigger is reconciled to exactly one. */
export function syncJournalBook(): JournalSyncResult & { url: string; created: boolean } {
  const { sheets, permissions } = services();
  const master = workbook();
  return withDocumentLock(() => {
    // Tab names only (no read): the sync below reads the master once, in one batch.
    const { tabs, journals } = locateSheets(master.sheetNames());
    const { ss, created } = journalSpreadsheet(sheets, journals, tabs.students === "Students" ? "en" : "ru");
    const journal = new AdvancedSheetsWorkbook(ss, sheets);
    const r = syncJournalWorkbook(master, journal, {
      now: systemClock.now(),
      who: Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail(),
      source: ss.getUrl(),
      masterId: activeSpreadsheet().getId(),
      link: sheetLinker(master),
    });
    shareExactly(permissions, ss.getId(), r.readers);
    reconcile(
      [{ handler: HANDLERS.journalSync, kind: "hourly" }],
      [HANDLERS.journalSync],
      activeSpreadsheet().getSpreadsheetTimeZone(),
    );
    return { ...r, url: ss.getUrl(), created };
  });
}

export function journalBookFromMenu(): void {
  const r = syncJournalBook();
  const ru = r.lang === "ru";
  SpreadsheetApp.getUi().alert(
    ru
      ? `Книга журналов ${r.created ? "создана" : "обновлена"}: ${r.url}\nВкладок ${r.tabs.length}; отправлено ячеек ${r.pushed}; принято ${r.applied.length}; конфликтов ${r.conflicts.length}${r.conflicts.length ? " (лист «Проблемы»)" : ""}. Доступ: ${r.readers.join(", ") || "—"}. Синхронизация — каждый час.`
      : `Journal workbook ${r.created ? "created" : "updated"}: ${r.url}\n${r.tabs.length} tabs; ${r.pushed} cells pushed; ${r.applied.length} taken; ${r.conflicts.length} conflicts${r.conflicts.length ? " (Problems sheet)" : ""}. Access: ${r.readers.join(", ") || "—"}. Synced every hour.`,
  );
}

/** The hourly trigger: the same sync, no UI; nothing to do until the workbook was made from the menu. */
export function journalBookFromTrigger(): void {
  if (!propertiesStore().get(JOURNAL_BOOK_KEY)) return;
  syncJournalBook();
}
