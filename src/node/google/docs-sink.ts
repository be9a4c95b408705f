/**
 * The DocumentSink over the Google Docs and Drive APIs (googleapis), for the CLI.
 *
 * The port is synchronous and googleapis is not, so the work is split as in the Sheets
 * adapter: prepare() is the asynchronous half of open() (the remembered Doc, or a new one in
 * the report folder); clear/append/share only queue; flush() sends, per Doc, ONE
 * documents.get and ONE documents.batchUpdate holding the clearing and every appended block
 * (core/report/docs-requests builds them, as for Apps Script), then the sharing: one
 * permissions.list and one call per reader added or removed. Nothing grows with table rows.
 *
 * Charts: the Docs API inserts images only from a URL Google can fetch (insertInlineImage.uri);
 * a chart of minors' data is not to be published anywhere for that, so here a chart becomes a
 * small table of its values under its title, followed by its summary as in the other renderers.
 * Folders: with the drive.file scope, files.list sees only what the program created, so the
 * folder named in the settings is found by name (and made when missing). A folder given by ID
 * («Папка отчётов (ID)») is used as it is: that is how a service account, which owns no Drive
 * storage, writes into a shared drive. Every Drive call says supportsAllDrives (Drive answers
 * 404 for a shared drive's files otherwise).
 * No orphans: a new Doc carries appProperties naming its spreadsheet and month, and prepare()
 * looks for such a Doc before making one, so a run whose Sheets write failed (the Doc's ID
 * never saved) finds its Doc on the next run.
 */
import type { docs_v1 } from "googleapis/build/src/apis/docs/index.js";
import { docs } from "googleapis/build/src/apis/docs/index.js";
import type { drive_v3 } from "googleapis/build/src/apis/drive/index.js";
import { drive } from "googleapis/build/src/apis/drive/index.js";
import {
  bodyEnd,
  CLEAR_FIELDS,
  clearRequests,
  docsRequests,
  HEADER_FIELDS,
  headerTextRequests,
  pageHeaderRequests,
} from "../../core/report/docs-requests.js";
import type { Block, ChartBlock } from "../../core/report/model.js";
import type { DocumentSink } from "../../ports.js";
import { UserError } from "../errors.js";
import { accountEmail, accountKind, type GoogleAuthClient } from "./auth.js";
import { rewriteDoc } from "./doc-rewrite.js";
import { callGoogle, type GoogleTarget, type RetryOptions } from "./errors.js";
import {
  DOC_APP_MONTH,
  DOC_APP_SPREADSHEET,
  docLookupQuery,
  driveLiteral,
  folderIdOf,
} from "./report-doc-lookup.js";
import { grantReader, type ShareOutcome } from "./sharing.js";

export type { ShareOutcome } from "./sharing.js";

export const DOC_MIME = "application/vnd.google-apps.document";
export const FOLDER_MIME = "application/vnd.google-apps.folder";

export interface GoogleDocsSinkOptions {
  auth: GoogleAuthClient;
  /** Tests point googleapis at a local server ("http://127.0.0.1:port/"). */
  rootUrl?: string;
  retry?: RetryOptions;
  /** Per-request timeout (default 120 s). */
  timeoutMs?: number;
  /** Number format of the charts' value tables (default ru: decimal comma). */
  lang?: "ru" | "en";
}

/** Where the Doc goes and what it is for (both optional: without them, as before). */
export interface DocPlacement {
  /** Folder by name in the account's My Drive (made when missing). */
  folder?: string;
  /** Folder by ID or link; wins over the name. */
  folderId?: string;
  /** The spreadsheet and month the Doc reports on: remembered on the Doc itself. */
  spreadsheetId?: string;
  month?: string;
}

interface Prepared {
  /** The id open() will be asked with (null: none remembered). */
  requested: string | null;
  id: string;
  url: string;
}

interface Pending {
  clear: boolean;
  /** The running page header to set with the rewrite (school and period). */
  header?: string;
  blocks: Block[];
  readers?: readonly string[];
}

export const docUrl = (id: string) => `https://docs.google.com/document/d/${id}/edit`;

const quote = driveLiteral;

/** A chart as the rows of its values (the Docs API cannot take the image), then its summary. */
export function chartAsTable(b: ChartBlock, lang: "ru" | "en" = "ru"): Block[] {
  if (b.categories.length === 0 || b.series.length === 0) return [b];
  const nf = new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-US", {
    maximumFractionDigits: 2,
    useGrouping: false,
  });
  const value = (v: number | null | undefined) =>
    v !== null && v !== undefined && Number.isFinite(v) ? nf.format(v) : "";
  return [
    {
      kind: "table",
      caption: b.title,
      header: ["", ...b.series.map((s) => s.name)],
      rows: b.categories.map((c, i) => [c, ...b.series.map((s) => value(s.values[i]))]),
      align: ["left", ...b.series.map(() => "right" as const)],
    },
    { kind: "paragraph", style: "note", text: b.alt },
  ];
}

export class GoogleDocsSink implements DocumentSink {
  private readonly docsApi: docs_v1.Docs;
  private readonly driveApi: drive_v3.Drive;
  private readonly prepared: Prepared[] = [];
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly opts: GoogleDocsSinkOptions) {
    const common = {
      auth: opts.auth,
      rootUrl: opts.rootUrl,
      // Our own retry (callGoogle) decides; gaxios would otherwise retry on its own timer.
      retry: false,
      timeout: opts.timeoutMs ?? 120_000,
    };
    this.docsApi = docs({ version: "v1", ...common });
    this.driveApi = drive({ version: "v3", ...common });
  }

  private target(kind: GoogleTarget["kind"], id: string, op: GoogleTarget["op"]): GoogleTarget {
    return {
      kind,
      id,
      op,
      account: async () => accountEmail(this.opts.auth),
      serviceAccount: accountKind(this.opts.auth) === "service-account",
    };
  }

  private call<T>(fn: () => Promise<T>, kind: GoogleTarget["kind"], id: string, op: GoogleTarget["op"]) {
    return callGoogle(fn, this.target(kind, id, op), this.opts.retry);
  }

  /** The remembered Doc if it still exists outside the trash. */
  private async liveDoc(id: string): Promise<drive_v3.Schema$File | null> {
    try {
      const res = await this.call(
        () =>
          this.driveApi.files.get({
            fileId: id,
            fields: "id,name,mimeType,trashed",
            supportsAllDrives: true,
          }),
        "document",
        id,
        "read",
      );
      return res.data.trashed || res.data.mimeType !== DOC_MIME ? null : res.data;
    } catch (e) {
      if (e instanceof UserError && e.code === "not-found") return null;
      throw e;
    }
  }

  /** The folder this program made under that name, or a new one. */
  private async folderId(name: string): Promise<string> {
    const q = `name = ${quote(name)} and mimeType = ${quote(FOLDER_MIME)} and trashed = false`;
    const found = await this.call(
      () => this.driveApi.files.list({ q, fields: "files(id)", pageSize: 1, spaces: "drive" }),
      "file",
      name,
      "read",
    );
    const id = found.data.files?.[0]?.id;
    if (id) return id;
    const made = await this.call(
      () => this.driveApi.files.create({ requestBody: { name, mimeType: FOLDER_MIME }, fields: "id" }),
      "file",
      name,
      "write",
    );
    return made.data.id!;
  }

  /** The Doc an earlier run made for this spreadsheet and month (found by its appProperties). */
  private async madeBefore(spreadsheetId: string, month: string): Promise<drive_v3.Schema$File | null> {
    const res = await this.call(
      () =>
        this.driveApi.files.list({
          q: docLookupQuery(spreadsheetId, month),
          fields: "files(id,name)",
          pageSize: 1,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
          corpora: "allDrives",
        }),
      "file",
      `${spreadsheetId} ${month}`,
      "read",
    );
    return res.data.files?.[0] ?? null;
  }

  private async rename(file: drive_v3.Schema$File, title: string): Promise<void> {
    if (file.name === title) return;
    await this.call(
      () =>
        this.driveApi.files.update({
          fileId: file.id!,
          requestBody: { name: title },
          fields: "id",
          supportsAllDrives: true,
        }),
      "document",
      file.id!,
      "write",
    );
  }

  /**
   * The asynchronous half of open(): call it before the job runs, with what the job will ask.
   * `where` is a folder name (as before) or a placement; the Doc found is, in order: the
   * remembered one, the one made earlier for this spreadsheet and month, a new one.
   */
  async prepare(
    existingId: string | null,
    title: string,
    where: string | DocPlacement,
  ): Promise<{ id: string; url: string }> {
    const place = typeof where === "string" ? { folder: where } : where;
    const done = (id: string) => {
      this.prepared.push({ requested: existingId, id, url: docUrl(id) });
      return { id, url: docUrl(id) };
    };
    const file =
      (existingId ? await this.liveDoc(existingId) : null) ??
      (place.spreadsheetId && place.month ? await this.madeBefore(place.spreadsheetId, place.month) : null);
    if (file?.id) {
      await this.rename(file, title);
      return done(file.id);
    }
    return done(await this.create(title, place));
  }

  private async create(title: string, place: DocPlacement): Promise<string> {
    const byId = folderIdOf(place.folderId ?? "");
    const name = (place.folder ?? "").trim();
    const parents = byId ? [byId] : name ? [await this.folderId(name)] : undefined;
    const appProperties =
      place.spreadsheetId && place.month
        ? { [DOC_APP_SPREADSHEET]: place.spreadsheetId, [DOC_APP_MONTH]: place.month }
        : undefined;
    // A Doc made through Drive lands in its folder at once (no move afterwards).
    const made = await this.call(
      () =>
        this.driveApi.files.create({
          requestBody: { name: title, mimeType: DOC_MIME, parents, appProperties },
          fields: "id",
          supportsAllDrives: true,
        }),
      "document",
      title,
      "write",
    );
    return made.data.id!;
  }

  open(existingId: string | null, _title: string, _folder: string): { id: string; url: string } {
    const p =
      this.prepared.find((x) => existingId !== null && x.id === existingId) ??
      this.prepared.find((x) => x.requested === existingId);
    if (!p)
      throw new Error(
        `GoogleDocsSink: prepare(${JSON.stringify(existingId)}, …) was not called before open()`,
      );
    return { id: p.id, url: p.url };
  }

  private queue(id: string): Pending {
    const q = this.pending.get(id) ?? { clear: false, blocks: [] };
    this.pending.set(id, q);
    return q;
  }

  clear(id: string, pageHeader?: string): void {
    const q = this.queue(id);
    q.clear = true;
    q.header = pageHeader;
    q.blocks = [];
  }

  append(id: string, blocks: readonly Block[]): void {
    this.queue(id).blocks.push(...blocks);
  }

  share(id: string, readers: readonly string[]): void {
    this.queue(id).readers = [...readers];
  }

  /** Send what was queued: per Doc one get and one batchUpdate, then the sharing. */
  async flush(): Promise<ShareOutcome[]> {
    await this.flushContent();
    return this.flushSharing();
  }

  /** The Docs' content only (the CLI writes the sheet next, and shares last). */
  async flushContent(): Promise<void> {
    for (const [id, q] of this.pending) {
      if (q.clear || q.blocks.length) await this.write(id, q);
      q.clear = false;
      q.blocks = [];
    }
  }

  /** The sharing queued, one outcome per address: a refused address does not stop the others. */
  async flushSharing(): Promise<ShareOutcome[]> {
    const out: ShareOutcome[] = [];
    for (const [id, q] of this.pending) {
      if (q.readers) out.push(...(await this.applySharing(id, q.readers)));
      this.pending.delete(id);
    }
    return out;
  }

  private async write(id: string, q: Pending): Promise<void> {
    const blocks = q.blocks.flatMap((b) => (b.kind === "chart" ? chartAsTable(b, this.opts.lang) : [b]));
    const header = q.clear ? q.header : undefined;
    const fields = header === undefined ? CLEAR_FIELDS : `${CLEAR_FIELDS},${HEADER_FIELDS}`;
    let doc: docs_v1.Schema$Document = {};
    const read = async () => {
      const got = await this.call(
        () => this.docsApi.documents.get({ documentId: id, fields }),
        "document",
        id,
        "read",
      );
      doc = got.data;
      return doc.body;
    };
    const requests = (body: docs_v1.Schema$Body | undefined) => {
      const list: docs_v1.Schema$Request[] = q.clear ? clearRequests(body) : [];
      const start = q.clear ? 1 : bodyEnd(body) - 1;
      list.push(...docsRequests(blocks, start).requests);
      if (header !== undefined) list.push(...pageHeaderRequests(doc, header).requests);
      return list;
    };
    let replies: docs_v1.Schema$Response[] = [];
    const send = async (list: docs_v1.Schema$Request[]) => {
      const r = await this.docsApi.documents.batchUpdate({ documentId: id, requestBody: { requests: list } });
      replies = r.data.replies ?? [];
      return r;
    };
    // A whole-body replacement is prepared anew and resent after a failure (doc-rewrite.ts).
    if (q.clear) {
      await rewriteDoc({ read, requests, send }, this.target("document", id, "write"), this.opts.retry);
      // A header made just now gets its text in one more request (its ID is in the reply).
      const made = replies.find((r) => r.createHeader)?.createHeader?.headerId;
      if (made && header) {
        const text = headerTextRequests(made, 1, header);
        if (text.length)
          await this.call(
            () => this.docsApi.documents.batchUpdate({ documentId: id, requestBody: { requests: text } }),
            "document",
            id,
            "write",
          );
      }
      return;
    }
    const list = requests(await read());
    if (list.length) await this.call(() => send(list), "document", id, "write");
  }

  /** Readers (role reader) become exactly `readers`; owners and editors are left alone. */
  private async applySharing(id: string, readers: readonly string[]): Promise<ShareOutcome[]> {
    const want = new Map<string, string>();
    for (const r of readers) {
      const email = r.trim();
      if (email) want.set(email.toLowerCase(), email);
    }
    const res = await this.call(
      () =>
        this.driveApi.permissions.list({
          fileId: id,
          fields: "permissions(id,type,role,emailAddress)",
          supportsAllDrives: true,
        }),
      "document",
      id,
      "read",
    );
    const perms = res.data.permissions ?? [];
    const known = new Set(perms.map((p) => (p.emailAddress ?? "").toLowerCase()).filter(Boolean));
    for (const p of perms) {
      const email = (p.emailAddress ?? "").toLowerCase();
      if (p.type === "user" && p.role === "reader" && email && !want.has(email) && p.id)
        await this.call(
          () =>
            this.driveApi.permissions.delete({ fileId: id, permissionId: p.id!, supportsAllDrives: true }),
          "document",
          id,
          "write",
        );
    }
    const out: ShareOutcome[] = [];
    for (const [key, email] of want) {
      if (known.has(key)) out.push({ email, status: "shared" });
      else
        out.push(await grantReader(this.driveApi, id, email, (fn) => this.call(fn, "document", id, "write")));
    }
    return out;
  }
}
