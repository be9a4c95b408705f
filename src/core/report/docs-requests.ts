/**
 * The Google Docs API batchUpdate requests that append report blocks to a Doc's body: one
 * request list for the Docs advanced service (Apps Script) and googleapis docs_v1 (Node) alike,
 * so a whole chunk of the report is one service call however many rows its tables have.
 *
 * The index rules this arithmetic follows (Docs API, body segment; indices in UTF-16 units):
 * - index 0 is the section break; the first paragraph starts at 1;
 * - a paragraph is its text plus a terminating "\n"; the body always ends with a paragraph,
 *   and nothing can be inserted at or after that last "\n" (index < the segment's end);
 * - text is inserted only inside a paragraph (before one of its characters or its "\n");
 *   a "\n" in the text splits the paragraph, and both parts keep its paragraph style;
 *   inserted text takes the text style of its neighbour in that paragraph;
 * - insertTable at i first inserts a "\n" at i (so the paragraph before the table ends there)
 *   and puts the table right after it: the table starts at i + 1;
 * - a table of R rows and C columns occupies 1 (table start) + R × (1 (row start) +
 *   C × (1 (cell start) + its content)) + 1 (table end); a new cell holds one empty
 *   paragraph ("\n", 1 index), so a fresh table is 2 + R × (1 + 2C) long;
 * - the API strips control characters (U+0000–U+0008, U+000C–U+001F) and the private use
 *   area from inserted text: they are removed here first, or every later index would drift;
 *   a line break inside a paragraph is "\u000b".
 *
 * The layout kept by every append: the body ends with an empty, unstyled paragraph T, and all
 * content goes in front of it (`startIndex` is T's start, i.e. the body's end index − 1; a new
 * or cleared Doc has T at 1). So new paragraphs inherit T's plain style and nothing bleeds
 * from what came before. All inserts come first, in document order (each at the running
 * cursor, so indices of earlier content never move), then the style requests, whose indices
 * are therefore final. A table takes the paragraph before it (its caption, or the previous
 * block's last paragraph in the same call) as the one insertTable ends; only a table without
 * a caption at the start of a call (or right after another table) gets an empty paragraph
 * before it.
 */
import type { docs_v1 } from "googleapis/build/src/apis/docs/index.js";
import type { Block, ChartBlock, TableBlock } from "./model.js";

type Request = docs_v1.Schema$Request;

export interface DocsRender {
  requests: Request[];
  /** Charts drawn after the batchUpdate: each placeholder paragraph becomes the chart's image. */
  charts: { placeholder: string; block: ChartBlock }[];
  /** Where the next append starts (the start of the trailing empty paragraph). */
  next: number;
}

export const chartPlaceholder = (n: number) => `{{chart:${n}}}`;

/** Characters the Docs API would strip (and so must not be counted). */
const STRIPPED = /[\u0000-\u0008\u000C-\u001F\uE000-\uF8FF]/g;

/** Text as the API will store it: line breaks as "\u000b", stripped characters gone. */
export function docsText(text: string): string {
  return text.replace(/\r\n|\r|\n/g, "\u000b").replace(STRIPPED, "");
}

const GREY = { color: { rgbColor: { red: 0.349, green: 0.349, blue: 0.349 } } };
const HEADER_FILL = { color: { rgbColor: { red: 0.929, green: 0.929, blue: 0.929 } } };
const NOTE_SIZE = { magnitude: 9, unit: "PT" };
const HEADINGS = { 1: "HEADING_1", 2: "HEADING_2", 3: "HEADING_3" } as const;
const ALIGN = { left: undefined, right: "END", center: "CENTER" } as const;

const range = (startIndex: number, endIndex: number) => ({ startIndex, endIndex });

/** The requests appending `blocks` at `startIndex` (the start of the body's trailing empty paragraph). */
export function docsRequests(blocks: readonly Block[], startIndex: number): DocsRender {
  if (!Number.isInteger(startIndex) || startIndex < 1)
    throw new RangeError(`docsRequests: startIndex must be an integer ≥ 1, got ${startIndex}`);
  const inserts: Request[] = [];
  const styles: Request[] = [];
  const charts: DocsRender["charts"] = [];
  let at = startIndex;
  /** The last insert ended a paragraph right before the cursor (a following table may take it). */
  let paragraphBefore = false;

  const insert = (text: string): number => {
    const start = at;
    if (text) {
      inserts.push({ insertText: { location: { index: at }, text } });
      at += text.length;
    }
    paragraphBefore = text.endsWith("\n");
    return start;
  };
  const paragraphStyle = (start: number, end: number, style: docs_v1.Schema$ParagraphStyle) =>
    styles.push({
      updateParagraphStyle: {
        range: range(start, end),
        paragraphStyle: style,
        fields: Object.keys(style).join(","),
      },
    });
  const textStyle = (start: number, end: number, style: docs_v1.Schema$TextStyle) => {
    if (end > start)
      styles.push({
        updateTextStyle: { range: range(start, end), textStyle: style, fields: Object.keys(style).join(",") },
      });
  };
  /** One paragraph; returns its start and the end of its text (before its "\n"). */
  const paragraph = (
    raw: string,
    style: docs_v1.Schema$ParagraphStyle = { namedStyleType: "NORMAL_TEXT" },
  ) => {
    const text = docsText(raw);
    const start = insert(`${text}\n`);
    paragraphStyle(start, at, style);
    return { start, textEnd: start + text.length };
  };
  const note = (raw: string) => {
    const p = paragraph(raw);
    textStyle(p.start, p.textEnd, { fontSize: NOTE_SIZE, foregroundColor: GREY });
  };
  const caption = (raw: string, keepWithNext: boolean) => {
    const p = paragraph(raw, { namedStyleType: "NORMAL_TEXT", keepWithNext });
    textStyle(p.start, p.textEnd, { bold: true });
  };

  const table = (b: TableBlock) => {
    const n = b.rows.reduce((m, r) => Math.max(m, r.length), b.header.length);
    if (n === 0) {
      if (b.caption) caption(b.caption, false);
      return;
    }
    const rows = [b.header, ...b.rows].map((r) => Array.from({ length: n }, (_, c) => docsText(r[c] ?? "")));
    // The paragraph that insertTable ends: the caption, or the previous paragraph of this call.
    if (b.caption) {
      const text = docsText(b.caption);
      const start = insert(text);
      paragraphStyle(start, at + 1, { namedStyleType: "NORMAL_TEXT", keepWithNext: true });
      textStyle(start, at, { bold: true });
    } else if (paragraphBefore) {
      const last = inserts[inserts.length - 1].insertText!;
      last.text = last.text!.slice(0, -1);
      if (last.text === "") inserts.pop();
      at -= 1;
    }
    inserts.push({ insertTable: { location: { index: at }, rows: rows.length, columns: n } });
    const tableStart = at + 1;
    let p = tableStart + 1;
    rows.forEach((cells, r) => {
      p += 1; // row start
      cells.forEach((text, c) => {
        p += 1; // cell start
        const start = p;
        if (text) inserts.push({ insertText: { location: { index: start }, text } });
        p += text.length + 1;
        if (r === 0) textStyle(start, start + text.length, { bold: true });
        const align = ALIGN[b.align?.[c] ?? "left"];
        if (align) paragraphStyle(start, p, { alignment: align });
      });
    });
    p += 1; // table end
    at = p;
    paragraphBefore = false;
    const tableStartLocation = { index: tableStart };
    styles.push(
      { pinTableHeaderRows: { tableStartLocation, pinnedHeaderRowsCount: 1 } },
      {
        updateTableCellStyle: {
          tableRange: {
            tableCellLocation: { tableStartLocation, rowIndex: 0, columnIndex: 0 },
            rowSpan: 1,
            columnSpan: n,
          },
          tableCellStyle: { backgroundColor: HEADER_FILL },
          fields: "backgroundColor",
        },
      },
    );
  };

  blocks.forEach((b, i) => {
    switch (b.kind) {
      case "heading":
        paragraph(b.text, { namedStyleType: HEADINGS[b.level] });
        break;
      case "paragraph": {
        const lead = b.lead ? docsText(b.lead) : "";
        // Title block and signatures: «УТВЕРЖДАЮ» right-aligned, the number and date centred.
        const alignment = b.align ? ALIGN[b.align] : undefined;
        const p = paragraph(
          lead ? `${lead} ${b.text}` : b.text,
          alignment ? { namedStyleType: "NORMAL_TEXT", alignment, keepWithNext: true } : undefined,
        );
        if (b.style === "note") textStyle(p.start, p.textEnd, { fontSize: NOTE_SIZE, foregroundColor: GREY });
        if (lead) textStyle(p.start, p.start + lead.length, { bold: true });
        if (b.bold && p.textEnd > p.start) textStyle(p.start, p.textEnd, { bold: true });
        break;
      }
      case "bullets": {
        if (b.items.length === 0) break;
        // createParagraphBullets turns leading tabs into nesting levels and deletes them,
        // which would shift every later index: a flat list has none.
        const text = b.items.map((item) => `${docsText(item).replace(/^\t+/, "")}\n`).join("");
        const start = insert(text);
        paragraphStyle(start, at, { namedStyleType: "NORMAL_TEXT" });
        styles.push({
          createParagraphBullets: { range: range(start, at), bulletPreset: "BULLET_DISC_CIRCLE_SQUARE" },
        });
        break;
      }
      case "table":
        table(b);
        break;
      case "chart": {
        if (b.categories.length === 0 || b.series.length === 0) {
          // Nothing to draw: the title and the summary stand alone, as in the .docx.
          caption(b.title, true);
          note(b.alt);
          break;
        }
        const placeholder = chartPlaceholder(i);
        paragraph(placeholder, { namedStyleType: "NORMAL_TEXT", alignment: "CENTER", keepWithNext: true });
        charts.push({ placeholder, block: b });
        note(b.alt);
        break;
      }
    }
  });
  return { requests: [...inserts, ...styles], charts, next: at };
}

/** What clearRequests needs to know of the body (one documents.get with CLEAR_FIELDS). */
export const CLEAR_FIELDS = "body.content(startIndex,endIndex,paragraph.bullet.listId)";

/** A4 with 2 cm margins, as in the .docx. */
const PAGE = {
  pageSize: { width: { magnitude: 595.3, unit: "PT" }, height: { magnitude: 841.9, unit: "PT" } },
  marginTop: { magnitude: 56.7, unit: "PT" },
  marginBottom: { magnitude: 56.7, unit: "PT" },
  marginLeft: { magnitude: 56.7, unit: "PT" },
  marginRight: { magnitude: 56.7, unit: "PT" },
};

/**
 * Empty the body (everything but its last "\n", tables included) and make the paragraph left
 * over plain, so appends start from the layout docsRequests expects; A4 pages.
 */
export function clearRequests(body: docs_v1.Schema$Body | undefined): Request[] {
  const content = body?.content ?? [];
  const last = content[content.length - 1];
  const end = last?.endIndex ?? 2;
  const out: Request[] = [];
  if (end > 2) out.push({ deleteContentRange: { range: range(1, end - 1) } });
  const t = range(1, 2);
  out.push({
    updateParagraphStyle: {
      range: t,
      paragraphStyle: { namedStyleType: "NORMAL_TEXT" },
      fields: "namedStyleType,alignment,keepWithNext",
    },
  });
  if (last?.paragraph?.bullet) out.push({ deleteParagraphBullets: { range: t } });
  out.push(
    {
      updateTextStyle: { range: t, textStyle: {}, fields: "bold,italic,underline,fontSize,foregroundColor" },
    },
    { updateDocumentStyle: { documentStyle: PAGE, fields: Object.keys(PAGE).join(",") } },
  );
  return out;
}

/** The body's end index from a documents.get answer (fields "body.content(endIndex)" suffice). */
export function bodyEnd(body: docs_v1.Schema$Body | undefined): number {
  const content = body?.content ?? [];
  return content[content.length - 1]?.endIndex ?? 2;
}

/** What pageHeaderRequests needs to know of the document (asked with the clear's read). */
export const HEADER_FIELDS = "documentStyle(defaultHeaderId),headers";

/**
 * The running page header (school and period) of a Google Doc. When the Doc has a default
 * header its text is replaced; otherwise the header is created and `headerId` is null until
 * the reply names it (then headerTextRequests fills it in the next batchUpdate).
 */
export function pageHeaderRequests(
  doc: Pick<docs_v1.Schema$Document, "documentStyle" | "headers">,
  text: string,
): { requests: Request[]; headerId: string | null } {
  const id = doc.documentStyle?.defaultHeaderId ?? null;
  if (!id) return { requests: [{ createHeader: { type: "DEFAULT" } }], headerId: null };
  const content = doc.headers?.[id]?.content ?? [];
  const end = content[content.length - 1]?.endIndex ?? 1;
  return { requests: headerTextRequests(id, end, text), headerId: id };
}

/** The header's text, small and grey, in place of what it held (`end`: its last endIndex). */
export function headerTextRequests(headerId: string, end: number, text: string): Request[] {
  const out: Request[] = [];
  if (end > 1)
    out.push({ deleteContentRange: { range: { segmentId: headerId, startIndex: 0, endIndex: end - 1 } } });
  if (!text) return out;
  out.push(
    { insertText: { location: { segmentId: headerId, index: 0 }, text } },
    {
      updateTextStyle: {
        range: { segmentId: headerId, startIndex: 0, endIndex: text.length },
        textStyle: {
          fontSize: { magnitude: 8, unit: "PT" },
          foregroundColor: { color: { rgbColor: { red: 0.4, green: 0.4, blue: 0.4 } } },
        },
        fields: "fontSize,foregroundColor",
      },
    },
  );
  return out;
}
