/**
 * The report as a Google Doc from Apps Script. Every text, table and style of an append goes in
 * ONE Docs advanced-service batchUpdate (built by core/report/docs-requests), so the calls do
 * not grow with the rows of a table. Charts are drawn by the Charts service and put in with
 * DocumentApp in place of their placeholder paragraphs (the Docs API inserts images only from
 * a public URL). Files, folder and sharing go through the Drive advanced service (v3), which
 * works under `drive.file`; DriveApp would need the whole `drive` scope. Needs the Docs (v1)
 * and Drive (v3) advanced services enabled in appsscript.json.
 *
 * Calls (none grows with students, groups or table rows): open a remembered Doc 1 (+1 to
 * rename it); a new one 1, + 3 to make the report folder the first time (1 of them a script
 * property read, 1 a write) or + 2 to find it again; clear 2; append 2, + 3 when it has charts
 * and 19–20 per chart — plus one DataTableBuilder.addRow per chart category (an in-memory
 * builder, no round trip); share 1 + one per removal + one per reader added.
 */
import type { docs_v1 } from "googleapis/build/src/apis/docs/index.js";
import {
  bodyEnd,
  CLEAR_FIELDS,
  clearRequests,
  docsRequests,
  HEADER_FIELDS,
  headerTextRequests,
  pageHeaderRequests,
} from "../core/report/docs-requests.js";
import type { Block, ChartBlock } from "../core/report/model.js";
import type { DocumentSink, Store } from "../ports.js";

/** The Docs advanced service, as far as this sink uses it. */
interface DocsService {
  Documents: {
    get(documentId: string, optionalArgs?: { fields?: string }): docs_v1.Schema$Document;
    batchUpdate(resource: docs_v1.Schema$BatchUpdateDocumentRequest, documentId: string): unknown;
  };
}

/** Store key (script property "coordinator.report.folder"): {name, id} of the folder the program made. */
export const FOLDER_KEY = "report.folder";

export const CHART_WIDTH = 600;
const CHART_HEIGHT = 340;
const COLORS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

/**
 * A file that is gone: Drive API "File not found", DocumentApp's "Document is missing". Not a
 * permission error: "You do not have permission to call …" is a missing scope, and treating
 * it as a missing file would make a new Doc on every run.
 */
const MISSING = /file not found|no item with the given id|document is missing/i;
const SCOPE_ERROR = /you do not have permission to call/i;

const FOLDER_MIME = "application/vnd.google-apps.folder";
const DOC_MIME = "application/vnd.google-apps.document";

const docUrl = (id: string) => `https://docs.google.com/document/d/${id}/edit`;

function docsService(): DocsService {
  const docs = (globalThis as unknown as { Docs?: DocsService }).Docs;
  if (!docs?.Documents)
    throw new Error(
      "The Google Docs advanced service is not enabled (appsscript.json: dependencies.enabledAdvancedServices, serviceId «docs», version «v1»)",
    );
  return docs;
}

function missing(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e);
  return MISSING.test(message) && !SCOPE_ERROR.test(message);
}

/** The Drive advanced service (v3), as far as this sink uses it. */
interface DriveFile {
  id?: string;
  name?: string;
  trashed?: boolean;
}
interface DriveService {
  Files: {
    get(fileId: string, optionalArgs?: { fields?: string }): DriveFile;
    create(
      resource: DriveFile & { mimeType?: string; parents?: string[] },
      blob?: unknown,
      args?: object,
    ): DriveFile;
    update(resource: DriveFile, fileId: string): DriveFile;
  };
  Permissions: {
    list(
      fileId: string,
      optionalArgs?: { fields?: string },
    ): {
      permissions?: { id?: string; type?: string; role?: string; emailAddress?: string }[];
    };
    create(resource: { type: string; role: string; emailAddress: string }, fileId: string): unknown;
    remove(fileId: string, permissionId: string): void;
  };
}

/**
 * DriveApp needs the full `drive` scope; the Drive API v3 works under `drive.file` for the
 * files this script created (Google: "Choose Google Drive API scopes").
 */
function driveService(): DriveService {
  const drive = (globalThis as unknown as { Drive?: DriveService }).Drive;
  if (!drive?.Files || !drive.Permissions)
    throw new Error(
      "The Google Drive advanced service is not enabled (appsscript.json: dependencies.enabledAdvancedServices, serviceId «drive», version «v3»)",
    );
  return drive;
}

/** Regular-expression (RE2) form of a literal text, for Body.findText. */
export function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/** The chart as a PNG: Charts service, no sheet needed. */
export function chartImage(b: ChartBlock): GoogleAppsScript.Base.Blob {
  const table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, "");
  for (const s of b.series) table.addColumn(Charts.ColumnType.NUMBER, s.name);
  b.categories.forEach((c, i) => {
    table.addRow([c, ...b.series.map((s) => (Number.isFinite(s.values[i]) ? s.values[i] : null))]);
  });
  const legend = b.series.length > 1 ? Charts.Position.BOTTOM : Charts.Position.NONE;
  const colors = COLORS.slice(0, Math.max(1, b.series.length));
  if (b.chart === "bar") {
    // A bar per category and series, 24 px each: long lists stay readable (capped like the .docx).
    const bars = b.categories.length * b.series.length;
    const height = Math.min(820, Math.max(CHART_HEIGHT, 90 + bars * 24 + (b.series.length > 1 ? 30 : 0)));
    const chart = Charts.newBarChart()
      .setDataTable(table)
      .setTitle(b.title)
      .setDimensions(CHART_WIDTH, height)
      .setLegendPosition(legend)
      .setColors(colors);
    if (b.max !== undefined) chart.setRange(0, b.max);
    return chart.build().getAs("image/png");
  }
  const chart = Charts.newColumnChart()
    .setDataTable(table)
    .setTitle(b.title)
    .setDimensions(CHART_WIDTH, CHART_HEIGHT)
    .setLegendPosition(legend)
    .setColors(colors);
  if (b.max !== undefined) chart.setRange(0, b.max);
  return chart.build().getAs("image/png");
}

export interface AppsScriptDocSinkOptions {
  /** Remembers the report folder's id; without it every new Doc gets a new folder. */
  store?: Store;
}

/** The end index of an empty Doc body (a section break, then one empty paragraph). */
const EMPTY_BODY_END = 2;

export function appsScriptDocSink(opts: AppsScriptDocSinkOptions = {}): DocumentSink {
  const { store } = opts;

  /** The file if it is still there (not deleted, not in the trash); any other failure is thrown. */
  const live = (id: string, fields: string): DriveFile | null => {
    try {
      const file = driveService().Files.get(id, { fields: `${fields},trashed` });
      return file.trashed ? null : file;
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  };

  /** The folder made before under this name (remembered by id: drive.file sees only our own files), or a new one. */
  const reportFolder = (name: string): string => {
    let saved: { name?: string; id?: string } | null = null;
    try {
      saved = JSON.parse(store?.get(FOLDER_KEY) ?? "null");
    } catch {
      saved = null;
    }
    if (saved?.name === name && saved.id && live(saved.id, "id")) return saved.id;
    const folder = driveService().Files.create({ name, mimeType: FOLDER_MIME }, undefined, { fields: "id" });
    store?.set(FOLDER_KEY, JSON.stringify({ name, id: folder.id }));
    return String(folder.id);
  };

  const clearedInThisRun = new Set<string>();
  /** Text of a page header created by clear(), sent with the next append. */
  const headerText = new Map<string, docs_v1.Schema$Request[]>();

  const placeCharts = (id: string, charts: { placeholder: string; block: ChartBlock }[]) => {
    const doc = DocumentApp.openById(id);
    const body = doc.getBody();
    for (const { placeholder, block } of charts) {
      const found = body.findText(literalPattern(placeholder));
      if (!found) throw new Error(`The chart placeholder ${placeholder} is missing from document ${id}`);
      const paragraph = found.getElement().getParent().asParagraph();
      let image: GoogleAppsScript.Base.Blob;
      try {
        image = chartImage(block);
      } catch (e) {
        // A chart the Charts service cannot draw must not cost the whole report: its title
        // stands in its place, its summary follows as always.
        console.warn(`Chart «${block.title}» not drawn: ${e instanceof Error ? e.message : String(e)}`);
        paragraph.setText(block.title);
        continue;
      }
      paragraph.clear();
      paragraph.appendInlineImage(image).setAltTitle(block.title).setAltDescription(block.alt);
    }
    doc.saveAndClose();
  };

  return {
    open(existingId, title, folder) {
      const file = existingId ? live(existingId, "id,name") : null;
      if (existingId && file) {
        if (file.name !== title) driveService().Files.update({ name: title }, existingId);
        return { id: existingId, url: docUrl(existingId) };
      }
      // Made by the Drive API straight in its folder: one call, and drive.file covers it.
      const name = folder.trim();
      const parents = name ? [reportFolder(name)] : undefined;
      const made = driveService().Files.create({ name: title, mimeType: DOC_MIME, parents }, undefined, {
        fields: "id",
      });
      const id = String(made.id);
      return { id, url: docUrl(id) };
    },

    clear(id, pageHeader) {
      const docs = docsService();
      const fields = pageHeader === undefined ? CLEAR_FIELDS : `${CLEAR_FIELDS},${HEADER_FIELDS}`;
      const doc = docs.Documents.get(id, { fields });
      const header = pageHeader === undefined ? null : pageHeaderRequests(doc, pageHeader);
      const requests = [...clearRequests(doc.body), ...(header?.requests ?? [])];
      const reply = docs.Documents.batchUpdate(
        { requests },
        id,
      ) as docs_v1.Schema$BatchUpdateDocumentResponse;
      // A header made just now: its text goes with the next append (no extra round trip).
      const made = reply?.replies?.find((r) => r.createHeader)?.createHeader?.headerId;
      if (header && !header.headerId && made && pageHeader)
        headerText.set(id, headerTextRequests(made, 1, pageHeader));
      // A cleared body is one empty paragraph (1–2): the next append need not read it again.
      clearedInThisRun.add(id);
    },

    append(id, blocks: readonly Block[]) {
      if (blocks.length === 0) return;
      const docs = docsService();
      // Each append goes after what is there: the job appends in chunks, across executions.
      const end = clearedInThisRun.delete(id)
        ? EMPTY_BODY_END
        : bodyEnd(docs.Documents.get(id, { fields: "body.content(endIndex)" }).body);
      const { requests: body, charts } = docsRequests(blocks, end - 1);
      const requests = [...body, ...(headerText.get(id) ?? [])];
      headerText.delete(id);
      if (requests.length) docs.Documents.batchUpdate({ requests }, id);
      if (charts.length) placeCharts(id, charts);
    },

    share(id, readers) {
      const want = new Map<string, string>();
      for (const r of readers) {
        const email = r.trim();
        if (email) want.set(email.toLowerCase(), email);
      }
      const drive = driveService();
      const have = new Set<string>();
      const list = drive.Permissions.list(id, { fields: "permissions(id,type,role,emailAddress)" });
      for (const p of list.permissions ?? []) {
        const email = (p.emailAddress ?? "").toLowerCase();
        if (p.type !== "user" || !email || p.role === "owner") continue;
        have.add(email);
        // Only readers are the program's: an editor someone added by hand stays.
        if (p.role === "reader" && !want.has(email) && p.id) drive.Permissions.remove(id, p.id);
      }
      for (const [key, email] of want)
        if (!have.has(key))
          drive.Permissions.create({ type: "user", role: "reader", emailAddress: email }, id);
    },
  };
}
