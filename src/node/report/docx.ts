/**
 * Renders a ReportDoc (src/core/report/model.ts) to a .docx with the `docx` package: real Word
 * headings, bullet numbering, tables and native charts ("Edit data" works in Word), on A4 with
 * 2 cm margins. The Apps Script renderer takes the same model, so both say the same words.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { ChartRun, type ChartRunOptions } from "docx/charts";
import type {
  Block,
  BulletList,
  ChartBlock,
  Heading,
  Paragraph as ParagraphBlock,
  ReportDoc,
  TableBlock,
} from "../../core/report/model.js";

export interface DocxOptions {
  /**
   * Font of the whole document, charts included. Default "Arial": every Word has it, it has
   * Cyrillic, and LibreOffice draws it with the metric-compatible Liberation Sans, so the
   * layout is the same everywhere. ("DejaVu Sans" is not on Windows: Word would substitute.)
   */
  font?: string;
}

export const DEFAULT_FONT = "Arial";

// Twips (1/20 pt). A4 portrait, 2 cm margins: 17 cm of text width.
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = 1134;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** A landscape page's text width, for the wide tables. */
const WIDE_TEXT_WIDTH = PAGE_HEIGHT - 2 * MARGIN;
/** Text width in CSS pixels (96 dpi), the unit of a chart's size. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

const BULLETS = "report-bullets";
const NOTE_STYLE = "Note";
const CAPTION_STYLE = "TableCaption";
const CELL_STYLE = "TableText";
const GREY = "595959";
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "A6A6A6" };

/** XML 1.0 forbids these; a stray one pasted into a sheet cell would make the file unreadable. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const WORDS = {
  ru: { page: "Страница ", of: " из " },
  en: { page: "Page ", of: " of " },
} as const;

/** Text runs of one string; line breaks in the model become line breaks in Word. */
function runs(text: string, bold = false): TextRun[] {
  return text
    .replace(NOT_XML, "")
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, bold: bold || undefined, break: i > 0 ? 1 : undefined }));
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function heading(b: Heading): Paragraph {
  return new Paragraph({ heading: HEADINGS[b.level], children: runs(b.text) });
}

function bullets(b: BulletList): Paragraph[] {
  return b.items.map(
    (item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: runs(item) }),
  );
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

// Arial at the 9 pt of table text, in twips per character: Cyrillic lower case and digits are
// about 0.55 em (99 twips), bold ones about 0.6 em; plus the cell's side margins and border.
const CHAR = 118;
const BOLD_CHAR = 128;
const CELL_PAD = 260;

/** Words break at ordinary spaces only: a no-break space (U+00A0) keeps «95,0 / 96,5 / +1,5» whole. */
function longestWord(text: string): number {
  let n = 0;
  for (const w of text.split(/[ \t\r\n]+/)) n = Math.max(n, w.length);
  return n;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Column widths in twips, summing to `total`, found the way a browser lays out an auto table,
 * from three wishes per column, each at least the one before: (1) its longest word, header words
 * included, so no word breaks; (2) its longest cell on one line; (3) its header on one line too.
 * The last wish set that fits is met and the room left goes towards the next, shared by how much
 * more each column wants; when all fit, every column grows in proportion. So short figures and
 * headers stay whole and long names wrap. Widths below (1) happen only when even (1) cannot fit.
 */
export function columnWidths(header: string[], rows: string[][], total = TEXT_WIDTH): number[] {
  const n = rows.reduce((m, r) => Math.max(m, r.length), Math.max(header.length, 1));
  const words: number[] = [];
  const cells: number[] = [];
  const heads: number[] = [];
  for (let c = 0; c < n; c++) {
    const head = header[c] ?? "";
    let word = 0;
    let line = 0;
    for (const r of rows) {
      const t = r[c] ?? "";
      line = Math.max(line, t.length);
      word = Math.max(word, longestWord(t));
    }
    const w = Math.min(
      total * 0.4,
      Math.max(longestWord(head) * BOLD_CHAR, word * CHAR, 2 * CHAR) + CELL_PAD,
    );
    const l = Math.min(total, Math.max(w, line * CHAR + CELL_PAD));
    words.push(w);
    cells.push(l);
    heads.push(Math.min(total, Math.max(l, head.length * BOLD_CHAR + CELL_PAD)));
  }
  const levels = [words, cells, heads];
  let widths = words.map((w) => (w * total) / sum(words));
  for (let k = levels.length - 1; k >= 0; k--) {
    const met = levels[k];
    if (sum(met) > total) continue;
    const next = levels[k + 1];
    const more = next ? next.map((x, c) => x - met[c]) : met;
    const room = total - sum(met);
    widths = met.map((m, c) => m + (sum(more) > 0 ? (room * more[c]) / sum(more) : room / n));
    break;
  }
  const out = widths.map(Math.floor);
  out[0] += total - sum(out);
  return out;
}

function cell(text: string, width: number, align: "left" | "right" | "center", header: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: header ? { fill: "EDEDED", type: "clear", color: "auto" } : undefined,
    verticalAlign: header ? "bottom" : "top",
    children: [new Paragraph({ style: CELL_STYLE, alignment: ALIGN[align], children: runs(text, header) })],
  });
}

function table(b: TableBlock, total = TEXT_WIDTH): (Paragraph | Table)[] {
  const widths = columnWidths(b.header, b.rows, total);
  const n = widths.length;
  const align = (c: number) => b.align?.[c] ?? "left";
  const pad = (r: string[]) => Array.from({ length: n }, (_, c) => r[c] ?? "");
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: pad(b.header).map((t, c) => cell(t, widths[c], align(c), true)),
    }),
    ...b.rows.map(
      (r) =>
        new TableRow({
          // Rows stay whole across pages, unless one is long enough to need more than a page.
          cantSplit: r.every((t) => t.length < 500),
          children: pad(r).map((t, c) => cell(t, widths[c], align(c), false)),
        }),
    ),
  ];
  const out: (Paragraph | Table)[] = [];
  if (b.caption) out.push(new Paragraph({ style: CAPTION_STYLE, children: runs(b.caption) }));
  out.push(
    new Table({
      rows,
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { top: 30, bottom: 30, left: 70, right: 70 },
      borders: {
        top: BORDER,
        bottom: BORDER,
        left: BORDER,
        right: BORDER,
        insideHorizontal: BORDER,
        insideVertical: BORDER,
      },
    }),
    // Word needs a paragraph between two tables, and a little air before what follows.
    new Paragraph({ spacing: { before: 0, after: 80 }, children: [] }),
  );
  return out;
}

/**
 * Integer data reads best without ".0"; fractional data with one decimal. The format code is
 * locale-neutral ("." is the code's decimal point): Word and LibreOffice show the separator of
 * the document's language, a comma in Russian.
 */
function labelFormat(b: ChartBlock): string {
  if (b.decimals !== undefined) return b.decimals > 0 ? `0.${"0".repeat(b.decimals)}` : "0";
  return b.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v))) ? "0" : "0.0";
}

function chartOptions(b: ChartBlock, font: string): ChartRunOptions {
  const bars = b.categories.length * Math.max(1, b.series.length);
  const legend = b.series.length > 1 ? { position: "bottom" as const } : (false as const);
  const common = {
    title: { text: b.title, font: { size: 12, bold: true } },
    categories: b.categories,
    series: b.series.map((s) => ({ name: s.name, values: s.values })),
    legend,
    font: { name: font },
    gapWidth: 60,
    dataLabels: {
      value: true,
      position: "outsideEnd" as const,
      numberFormat: labelFormat(b),
      font: { size: 9 },
    },
    altText: { name: b.title, description: b.alt },
  };
  const valueAxis = { minimum: b.min ?? 0, maximum: b.max, gridlines: true, font: { size: 9 } };
  if (b.chart === "bar") {
    return {
      ...common,
      type: "bar",
      // Word draws the first category at the bottom; readers expect the list order top-down.
      categoryAxis: { reverseOrder: true, font: { size: 9 } },
      valueAxis: { ...valueAxis, crossesAt: "maximum" },
      transformation: { width: TEXT_WIDTH_PX, height: Math.min(820, 90 + bars * 24 + (legend ? 30 : 0)) },
    };
  }
  return {
    ...common,
    type: "column",
    categoryAxis: { font: { size: 10 } },
    valueAxis,
    transformation: { width: TEXT_WIDTH_PX, height: 300 + (legend ? 30 : 0) },
  };
}

function chart(b: ChartBlock, font: string): Paragraph[] {
  const alt = new Paragraph({ style: NOTE_STYLE, spacing: { after: 200 }, children: runs(b.alt) });
  if (b.categories.length === 0 || b.series.length === 0) {
    // Nothing to draw: Word cannot hold an empty chart, so the title and the summary stand alone.
    return [new Paragraph({ style: CAPTION_STYLE, children: runs(b.title) }), alt];
  }
  const clean = {
    ...b,
    title: b.title.replace(NOT_XML, ""),
    categories: b.categories.map((c) => c.replace(NOT_XML, "")),
    // ChartRun throws on NaN/Infinity or on more values than categories (0/0 from an empty month).
    series: b.series.map((s) => ({
      name: s.name.replace(NOT_XML, ""),
      values: s.values
        .slice(0, b.categories.length)
        .map((v) => (v !== null && Number.isFinite(v) ? v : null)),
    })),
    alt: b.alt.replace(NOT_XML, ""),
  };
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 40 },
      children: [new ChartRun(chartOptions(clean, font))],
    }),
    alt,
  ];
}

function header(text: string | undefined): Header | undefined {
  if (!text) return undefined;
  return new Header({
    children: [new Paragraph({ style: NOTE_STYLE, alignment: AlignmentType.RIGHT, children: runs(text) })],
  });
}

function paragraph(b: ParagraphBlock): Paragraph {
  const kids: ParagraphChild[] = [];
  if (b.lead) kids.push(...runs(b.lead, true), new TextRun(" "));
  kids.push(...runs(b.text, b.bold));
  return new Paragraph({
    style: b.style === "note" ? NOTE_STYLE : undefined,
    alignment: b.align ? ALIGN[b.align] : undefined,
    // The title block and signature lines stay with what follows them.
    keepNext: b.align === "right" || undefined,
    children: kids,
  });
}

function render(b: Block, font: string, wide: boolean): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading":
      return [heading(b)];
    case "paragraph":
      return [paragraph(b)];
    case "bullets":
      return bullets(b);
    case "table":
      return table(b, wide ? WIDE_TEXT_WIDTH : TEXT_WIDTH);
    case "chart":
      return chart(b, font);
  }
}

/**
 * Runs of blocks by page orientation: each wide table (with the heading right before it) on
 * landscape pages, the rest portrait. Section breaks start a new page, as Word does.
 */
export function orientationRuns(blocks: readonly Block[]): { wide: boolean; blocks: Block[] }[] {
  const out: { wide: boolean; blocks: Block[] }[] = [];
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    const wide =
      (b.kind === "table" && b.wide === true) ||
      (b.kind === "heading" && next?.kind === "table" && next.wide === true);
    const last = out[out.length - 1];
    if (last && last.wide === wide) last.blocks.push(b);
    else out.push({ wide, blocks: [b] });
  });
  return out;
}

function footer(lang: ReportDoc["lang"]): Footer {
  const w = WORDS[lang];
  return new Footer({
    children: [
      new Paragraph({
        style: NOTE_STYLE,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [w.page, PageNumber.CURRENT, w.of, PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

/** The .docx bytes of a report. */
export async function renderDocx(doc: ReportDoc, opts: DocxOptions = {}): Promise<Buffer> {
  const font = opts.font ?? DEFAULT_FONT;
  const language = { value: doc.lang === "ru" ? "ru-RU" : "en-US" };
  const sections = orientationRuns(doc.blocks).map((run) => ({
    properties: {
      page: {
        // docx swaps width and height itself for a landscape page.
        size: {
          width: PAGE_WIDTH,
          height: PAGE_HEIGHT,
          orientation: run.wide ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
      },
    },
    headers: doc.header ? { default: header(doc.header)! } : undefined,
    footers: { default: footer(doc.lang) },
    children: run.blocks.flatMap((b) => render(b, font, run.wide)),
  }));
  const headingStyle = (size: number, before: number, after: number) => ({
    run: { font, size, bold: true, color: "1F3864", language },
    paragraph: { keepNext: true, keepLines: true, spacing: { before, after } },
  });
  const document = new Document({
    title: doc.title.replace(NOT_XML, ""),
    creator: "coordinator",
    lastModifiedBy: "coordinator",
    // Charts take the theme's body font; make it the document's so they match the text.
    theme: { fonts: { body: font, headings: font } },
    styles: {
      default: {
        document: {
          run: { font, size: 22, language },
          paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
        },
        heading1: headingStyle(32, 0, 200),
        heading2: headingStyle(26, 280, 100),
        heading3: headingStyle(23, 200, 80),
      },
      paragraphStyles: [
        {
          id: NOTE_STYLE,
          name: "Note",
          basedOn: "Normal",
          quickFormat: true,
          run: { size: 18, color: GREY },
          paragraph: { spacing: { after: 100 } },
        },
        {
          id: CAPTION_STYLE,
          name: "Table Caption",
          basedOn: "Normal",
          quickFormat: true,
          run: { size: 20, bold: true },
          paragraph: { keepNext: true, spacing: { before: 160, after: 80 } },
        },
        {
          id: CELL_STYLE,
          name: "Table Text",
          basedOn: "Normal",
          run: { size: 18 },
          paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "\u2022",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 400, hanging: 260 }, spacing: { after: 60 } } },
            },
          ],
        },
      ],
    },
    sections,
  });
  return Packer.toBuffer(document);
}
