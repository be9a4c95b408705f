/**
 * The report as a Google Doc from Apps Script. Every text, table and style of an append goes in
 * ONE Docs advanced-service batchUpdate (built by core/report/docs-requests), so the calls do
 * not grow with the rows of a table. Charts are drawn by the Charts service and put in with
 * DocumentApp in place of their placeholder paragraphs (the Docs API inserts images only from
 * a public URL). Needs the Docs advanced service (`Docs`, v1) enabled in appsscript.json.
 *
 * Calls (measured on the fakes; none grows with students, groups or table rows): open a
 * remembered Doc 3 (+1 to rename it); a new one 2, + 6 to put it in the report folder (2 of
 * them script properties); clear 2; append 2, + 3 when it has charts and 19–20 per chart —
 * plus one DataTableBuilder.addRow per chart category (the builder has no bulk form; it builds
 * in memory, no round trip); share 2 + one per current viewer + one per removal + 1 to add.
 * A whole monthly report (new Doc, 3 chunks, 2 charts, 1 reader): 61 + the charts' categories.
 */
import type { docs_v1 } from "googleapis/build/src/apis/docs/index.js";
import { bodyEnd, CLEAR_FIELDS, clearRequests, docsRequests } from "../core/report/docs-requests.js";
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

/** "Not found / no access" from DriveApp or DocumentApp, as opposed to an outage. */
const MISSING = /no item with the given id|not found|is missing|permission|access/i;

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
  return MISSING.test(e instanceof Error ? e.message : String(e));
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

export function appsScriptDocSink(opts: AppsScriptDocSinkOptions = {}): DocumentSink {
  const { store } = opts;

  /** The folder made before under this name (remembered by id: drive.file sees only our own files), or a new one. */
  const reportFolder = (name: string): GoogleAppsScript.Drive.Folder => {
    let saved: { name?: string; id?: string } | null = null;
    try {
      saved = JSON.parse(store?.get(FOLDER_KEY) ?? "null");
    } catch {
      saved = null;
    }
    if (saved?.name === name && saved.id) {
      try {
        const folder = DriveApp.getFolderById(saved.id);
        if (!folder.isTrashed()) return folder;
      } catch (e) {
        if (!missing(e)) throw e;
      }
    }
    const folder = DriveApp.createFolder(name);
    store?.set(FOLDER_KEY, JSON.stringify({ name, id: folder.getId() }));
    return folder;
  };

  /** The remembered Doc if it is still there (not deleted, not in the trash). */
  const liveFile = (id: string): GoogleAppsScript.Drive.File | null => {
    try {
      const file = DriveApp.getFileById(id);
      return file.isTrashed() ? null : file;
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  };

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
      if (existingId) {
        const file = liveFile(existingId);
        if (file) {
          if (file.getName() !== title) file.setName(title);
          return { id: existingId, url: docUrl(existingId) };
        }
      }
      const id = DocumentApp.create(title).getId();
      const name = folder.trim();
      if (name) DriveApp.getFileById(id).moveTo(reportFolder(name));
      return { id, url: docUrl(id) };
    },

    clear(id) {
      const docs = docsService();
      const body = docs.Documents.get(id, { fields: CLEAR_FIELDS }).body;
      docs.Documents.batchUpdate({ requests: clearRequests(body) }, id);
    },

    append(id, blocks: readonly Block[]) {
      if (blocks.length === 0) return;
      const docs = docsService();
      // Each append goes after what is there: the job appends in chunks, across executions.
      const end = bodyEnd(docs.Documents.get(id, { fields: "body.content(endIndex)" }).body);
      const { requests, charts } = docsRequests(blocks, end - 1);
      if (requests.length) docs.Documents.batchUpdate({ requests }, id);
      if (charts.length) placeCharts(id, charts);
    },

    share(id, readers) {
      const want = new Map<string, string>();
      for (const r of readers) {
        const email = r.trim();
        if (email) want.set(email.toLowerCase(), email);
      }
      const file = DriveApp.getFileById(id);
      const have = new Set<string>();
      for (const user of file.getViewers()) {
        const email = user.getEmail().toLowerCase();
        if (!email) continue;
        have.add(email);
        if (!want.has(email)) file.removeViewer(email);
      }
      const add = [...want].filter(([key]) => !have.has(key)).map(([, email]) => email);
      if (add.length) file.addViewers(add);
    },
  };
}
