/**
 * The Workbook port over the Google Sheets API v4 (googleapis).
 *
 * Reading costs ONE call: spreadsheets.get with a field mask asking, per cell, for the
 * effective value and the effective number-format type. values.batchGet cannot tell a date
 * from a number (UNFORMATTED_VALUE gives both as serials; FORMATTED_STRING gives dates as
 * locale text), while the format type says DATE / DATE_TIME / TIME, so serials become port
 * Dates (UTC fields = the calendar date) and other numbers stay numbers. A formula reads as
 * its computed value; a quote-prefixed cell as its text (the API drops the apostrophe).
 *
 * Writing costs ONE call: write() only checks and buffers (and updates the in-memory
 * snapshot, so reads see the writes); flush() sends every buffered write as one
 * spreadsheets.batchUpdate, which Google applies atomically: all or nothing.
 */
import { randomUUID } from "node:crypto";
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import { sheets } from "googleapis/build/src/apis/sheets/index.js";
import { type CellValue, isFormula, safeCell, type WriteValue } from "../../core/cells.js";
import { chunkRequests, chunkValues, REQUEST_BYTES } from "../../google/request-chunks.js";
import { adoptProtectedRangeIds, gridOf, sheetInfo, trimGrid } from "../../google/sheets-snapshot.js";
import type { SheetWrite, Table, Workbook } from "../../ports.js";
import { UserError } from "../errors.js";
import { accountEmail, type GoogleAuthClient } from "./auth.js";
import { callGoogle, type GoogleTarget, type RetryOptions } from "./errors.js";
import { sendMarkedBatch } from "./idempotent-batch.js";
import { planSheetWrites, type SheetInfo } from "./requests.js";
import { MARK_FIELDS, markIds, markRequests } from "./write-marker.js";

export interface SheetsApiOptions {
  auth: GoogleAuthClient;
  /** Tests point googleapis at a local server ("http://127.0.0.1:port/"). */
  rootUrl?: string;
  retry?: RetryOptions;
  /** Email named in "share the spreadsheet with …" (default: the service account's). */
  account?: string;
  /** Per-request timeout (default 120 s: a big workbook is one large response). */
  timeoutMs?: number;
  /** The unique value of each write's mark (default a random UUID; tests pin it). */
  writeMark?: () => string;
}

/** The one read: sheet properties, protections and, per cell, value + number-format type. */
export const SNAPSHOT_FIELDS =
  "properties.title," +
  "sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount,frozenRowCount))," +
  "protectedRanges(protectedRangeId,range)," +
  "data(startRow,startColumn,rowData.values(effectiveValue,effectiveFormat.numberFormat.type)))," +
  // The last write's mark (write-marker.ts), to replace by its ID.
  "developerMetadata(metadataId,metadataKey,metadataValue)";

// Text stored with its apostrophe by another tool reads like the other adapters'.
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** What a written value reads back as before the next open (a formula: its text). */
function readBack(v: WriteValue): CellValue {
  const safe = safeCell(v);
  if (isFormula(safe)) return safe.formula;
  if (typeof safe === "string") return NEUTRALISED.test(safe) ? safe.slice(1) : safe === "" ? null : safe;
  return safe;
}

export class SheetsApiWorkbook implements Workbook {
  /** Writes waiting for flush(), in order. */
  private pending: SheetWrite[] = [];
  /** Sheets as they will be once the pending writes are flushed. */
  private planned: SheetInfo[];

  private constructor(
    readonly spreadsheetId: string,
    /** The spreadsheet's own title. */
    readonly title: string,
    private readonly api: sheets_v4.Sheets,
    private readonly opts: SheetsApiOptions,
    /** Sheets as Google has them (as far as this process knows). */
    private confirmed: SheetInfo[],
    private readonly grids: Map<string, CellValue[][]>,
    /** metadataIds of the write marks in the spreadsheet. */
    private marks: number[],
  ) {
    this.planned = confirmed;
  }

  /** Load the snapshot: one spreadsheets.get. */
  static async open(spreadsheetId: string, opts: SheetsApiOptions): Promise<SheetsApiWorkbook> {
    const api = sheets({
      version: "v4",
      auth: opts.auth,
      rootUrl: opts.rootUrl,
      // Our own retry (callGoogle) decides; gaxios would otherwise retry GETs on its own timer.
      retry: false,
      timeout: opts.timeoutMs ?? 120_000,
    });
    const res = await callGoogle(
      () => api.spreadsheets.get({ spreadsheetId, fields: SNAPSHOT_FIELDS }),
      target(spreadsheetId, "read", opts),
      opts.retry,
    );
    const list = [...(res.data.sheets ?? [])].sort(
      (a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0),
    );
    const grids = new Map(list.map((s) => [s.properties?.title ?? "", gridOf(s)]));
    return new SheetsApiWorkbook(
      spreadsheetId,
      res.data.properties?.title ?? "",
      api,
      opts,
      list.map(sheetInfo),
      grids,
      markIds(res.data.developerMetadata),
    );
  }

  /** Link for messages. */
  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.spreadsheetId}/edit`;
  }

  sheetNames(): string[] {
    return this.planned.map((s) => s.title);
  }

  read(names: readonly string[]): Map<string, Table> {
    const out = new Map<string, Table>();
    for (const name of names) {
      const grid = this.grids.get(name);
      if (grid) out.set(name, { sheet: name, values: trimGrid(grid) });
    }
    return out;
  }

  /** Check and buffer; a bad batch throws here and leaves nothing buffered. */
  write(batch: readonly SheetWrite[]): void {
    const plan = planSheetWrites([...this.pending, ...batch], this.confirmed);
    for (const w of batch) this.apply(w);
    this.pending.push(...batch);
    this.planned = plan.sheets;
  }

  /** Buffered writes not yet sent. */
  get unsaved(): number {
    return this.pending.length;
  }

  /**
   * Send every buffered write in batchUpdate bodies under Google's ~2 MB (one body when it
   * fits), each marked so that a retry after a lost reply knows whether it applied
   * (idempotent-batch.ts). A refused first body applied nothing (a body is atomic) and the
   * writes stay buffered; a later body refused leaves the earlier ones applied, which a rerun
   * reads back and does not repeat (every write of the program is idempotent on a fresh read).
   */
  async flush(): Promise<void> {
    if (!this.pending.length) return;
    // The budget of a body less its write mark: a plan that fits goes as one atomic body.
    const plan = planSheetWrites(this.pending, this.confirmed, REQUEST_BYTES - MARK_BUDGET);
    const chunks = plan.requests.length ? chunkRequests(plan.requests, REQUEST_BYTES - MARK_BUDGET) : [];
    const values = chunkValues(plan.values);
    const total = chunks.length + values.length;
    const replies: sheets_v4.Schema$Response[] = [];
    for (const [k, chunk] of chunks.entries()) {
      try {
        replies.push(...(await this.sendChunk(chunk)));
      } catch (e) {
        if (k === 0) throw e;
        throw partlyWritten(this.spreadsheetId, k, total, e);
      }
    }
    // The bulk values of a plan too large for one body, after its structure. A RAW write of
    // the same values is idempotent, so a retry after a lost reply needs no mark.
    for (const [k, data] of values.entries()) {
      try {
        await this.sendValues(data);
      } catch (e) {
        throw partlyWritten(this.spreadsheetId, chunks.length + k, total, e);
      }
    }
    adoptProtectedRangeIds(plan.sheets, replies);
    // Appends may have grown a sheet past the planned size; the snapshot knows by how much.
    for (const s of plan.sheets) s.rowCount = Math.max(s.rowCount, this.grids.get(s.title)?.length ?? 0);
    this.confirmed = plan.sheets;
    this.planned = plan.sheets;
    this.pending = [];
  }

  private async sendValues(data: sheets_v4.Schema$ValueRange[]): Promise<void> {
    await callGoogle(
      () =>
        this.api.spreadsheets.values.batchUpdate({
          spreadsheetId: this.spreadsheetId,
          requestBody: { valueInputOption: "RAW", data },
        }),
      target(this.spreadsheetId, "write", this.opts),
      this.opts.retry,
    );
  }

  /** One body, with its write mark; the replies (as read back when the reply was lost). */
  private async sendChunk(chunk: readonly sheets_v4.Schema$Request[]): Promise<sheets_v4.Schema$Response[]> {
    const mark = this.opts.writeMark?.() ?? randomUUID();
    const requests = [...chunk, ...markRequests(mark, this.marks)];
    const { replies, marks } = await sendMarkedBatch(
      {
        mark,
        send: async () =>
          (
            await this.api.spreadsheets.batchUpdate({
              spreadsheetId: this.spreadsheetId,
              requestBody: { requests },
            })
          ).data.replies ?? [],
        readBack: async () =>
          (
            await callGoogle(
              () => this.api.spreadsheets.get({ spreadsheetId: this.spreadsheetId, fields: MARK_FIELDS }),
              target(this.spreadsheetId, "read", this.opts),
              this.opts.retry,
            )
          ).data,
      },
      target(this.spreadsheetId, "write", this.opts),
      this.opts.retry,
    );
    this.marks = marks;
    return replies;
  }

  /** The write's effect on the in-memory snapshot (same semantics as the other adapters). */
  private apply(w: SheetWrite): void {
    let grid = this.grids.get(w.sheet);
    if (!grid) {
      grid = [];
      this.grids.set(w.sheet, grid);
    }
    if (w.clear) grid.length = 0;
    const g = grid;
    const put = (row: number, col: number, v: WriteValue) => {
      while (g.length < row) g.push([]);
      const line = g[row - 1];
      while (line.length < col) line.push(null);
      line[col - 1] = readBack(v);
    };
    for (const b of w.cells ?? [])
      b.values.forEach((line, i) => {
        line.forEach((v, j) => {
          put(b.row + i, b.col + j, v);
        });
      });
    if (w.append?.length) {
      const start = trimGrid(g).length + 1;
      w.append.forEach((line, i) => {
        line.forEach((v, j) => {
          put(start + i, j + 1, v);
        });
      });
    }
  }
}

function target(id: string, op: GoogleTarget["op"], opts: SheetsApiOptions): GoogleTarget {
  return { kind: "spreadsheet", id, op, account: async () => opts.account ?? accountEmail(opts.auth) };
}

/** Room left in each body for the write mark's requests (a few hundred bytes). */
const MARK_BUDGET = 4096;

/** A later body failed: say what was written and that a rerun is safe, never «nothing changed». */
function partlyWritten(id: string, done: number, total: number, cause: unknown): unknown {
  if (!(cause instanceof UserError)) return cause;
  return new UserError(cause.code, {
    ru: `Запись в таблицу ${id} применена частично (${done} из ${total} частей): ${cause.msg.ru}. Запустите команду ещё раз: она прочитает таблицу заново и допишет остальное, ничего не задвоив`,
    en: `The write into spreadsheet ${id} applied in part (${done} of ${total} parts): ${cause.msg.en}. Run the command again: it reads the spreadsheet anew and writes the rest, duplicating nothing`,
  });
}
