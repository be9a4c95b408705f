/**
 * The Workbook port reading through the Sheets advanced service (Sheets API v4): the sheet
 * list and sizes in ONE spreadsheets.get (properties only), every table asked for in ONE
 * spreadsheets.getByDataFilter (POST: 157 ranges would overflow a GET URL's ~2 KB), whatever
 * the number of sheets. SpreadsheetApp would cost two round trips a sheet. Both answers are
 * kept for the execution and dropped when this workbook writes. A write is planned by the
 * builder the Node adapter uses (planSheetWrites) and sent as spreadsheets.batchUpdate, cut
 * into bodies under ~2 MB: one or two round trips for 150 journals instead of ~25 a sheet;
 * a plan larger than one body sends its bulk values by spreadsheets.values.batchUpdate.
 *
 * The advanced service needs the `spreadsheets` scope: it does not accept
 * `spreadsheets.currentonly` (Google: Sheets API scopes).
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import { chunkRequests, chunkValues } from "../google/request-chunks.js";
import { planSheetWrites } from "../google/sheets-requests.js";
import {
  adoptProtectedRangeIds,
  PROPERTIES_FIELDS,
  SNAPSHOT_FIELDS,
  sheetInfo,
  sheetOfInfo,
  tableOf,
} from "../google/sheets-snapshot.js";
import type { SheetWrite, Table } from "../ports.js";
import { SheetsWorkbook } from "./sheets-workbook.js";

type Spreadsheet = sheets_v4.Schema$Spreadsheet;

/** The Sheets advanced service, as far as this adapter uses it. */
export interface SheetsService {
  Spreadsheets: {
    get(spreadsheetId: string, optionalArgs?: { fields?: string }): Spreadsheet;
    getByDataFilter(
      resource: sheets_v4.Schema$GetSpreadsheetByDataFilterRequest,
      spreadsheetId: string,
      optionalArgs?: { fields?: string },
    ): Spreadsheet;
    batchUpdate(resource: sheets_v4.Schema$BatchUpdateSpreadsheetRequest, spreadsheetId: string): unknown;
    Values: {
      batchUpdate(resource: sheets_v4.Schema$BatchUpdateValuesRequest, spreadsheetId: string): unknown;
    };
  };
}

export function sheetsService(): SheetsService | null {
  const s = (globalThis as unknown as { Sheets?: SheetsService }).Sheets;
  return s?.Spreadsheets ? s : null;
}

const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

export class AdvancedSheetsWorkbook extends SheetsWorkbook {
  private sheetsRead: sheets_v4.Schema$Sheet[] | null = null;
  private readonly tables = new Map<string, Table>();

  constructor(
    spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
    private readonly api: SheetsService,
  ) {
    super(spreadsheet);
  }

  private id(): string {
    return this.spreadsheet.getId();
  }

  private sheetList(): sheets_v4.Schema$Sheet[] {
    this.sheetsRead ??= this.api.Spreadsheets.get(this.id(), { fields: PROPERTIES_FIELDS }).sheets ?? [];
    return this.sheetsRead;
  }

  private properties(): sheets_v4.Schema$SheetProperties[] {
    return this.sheetList().map((s) => s.properties ?? {});
  }

  override sheetNames(): string[] {
    return this.properties().map((p) => p.title ?? "");
  }

  /**
   * From the sheet list already read (no extra call): a whole-sheet protection's range names
   * only the sheet. Google shows a protection's editors only to its editors — a tutor sees
   * them for their own tabs, which is all this is asked for.
   */
  override tabEditors(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const s of this.sheetList())
      for (const p of s.protectedRanges ?? []) {
        const r = p.range ?? {};
        const whole = r.startRowIndex == null && r.startColumnIndex == null;
        if (whole && !p.warningOnly) out.set(s.properties?.title ?? "", p.editors?.users ?? []);
      }
    return out;
  }

  override sheetIds(): Map<string, number> {
    return new Map(this.properties().map((p) => [p.title ?? "", p.sheetId ?? 0]));
  }

  override gridSizes(): { sheet: string; rows: number; cols: number }[] {
    return this.properties().map((p) => ({
      sheet: p.title ?? "",
      rows: p.gridProperties?.rowCount ?? 0,
      cols: p.gridProperties?.columnCount ?? 0,
    }));
  }

  override read(names: readonly string[]): Map<string, Table> {
    const exist = new Set(this.sheetNames());
    const missing = [...new Set(names)].filter((n) => exist.has(n) && !this.tables.has(n));
    if (missing.length) {
      const got = this.api.Spreadsheets.getByDataFilter(
        { dataFilters: missing.map((n) => ({ a1Range: quoted(n) })), includeGridData: true },
        this.id(),
        { fields: SNAPSHOT_FIELDS },
      );
      const want = new Set(missing);
      for (const s of got.sheets ?? []) {
        const title = s.properties?.title ?? "";
        if (want.has(title)) this.tables.set(title, tableOf(s));
      }
    }
    const out = new Map<string, Table>();
    for (const n of names) {
      const t = this.tables.get(n);
      if (t) out.set(n, t);
    }
    return out;
  }

  override write(batch: readonly SheetWrite[]): void {
    if (batch.length === 0) return;
    // Planned fully before anything is sent: a bad write throws with nothing half-written.
    const plan = planSheetWrites(batch, this.sheetList().map(sheetInfo));
    // What was written is read again on the next read (a write never reads stale data back);
    // the sheet list is known from the plan, so it is not asked for again.
    for (const w of batch) this.tables.delete(w.sheet);
    this.sheetsRead = null;
    const id = this.id();
    const replies: sheets_v4.Schema$Response[] = [];
    for (const requests of chunkRequests(plan.requests)) {
      const answer = this.api.Spreadsheets.batchUpdate(
        { requests },
        id,
      ) as sheets_v4.Schema$BatchUpdateSpreadsheetResponse;
      replies.push(...(answer?.replies ?? []));
    }
    // Bulk values of a plan too large for one body (planSheetWrites): after the structure.
    for (const data of chunkValues(plan.values))
      this.api.Spreadsheets.Values.batchUpdate({ valueInputOption: "RAW", data }, id);
    adoptProtectedRangeIds(plan.sheets, replies);
    this.sheetsRead = plan.sheets.map(sheetOfInfo);
  }
}
