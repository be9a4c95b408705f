/**
 * A renderer-neutral document: the one model that the .docx renderer (Node), the DocumentApp
 * renderer (Apps Script) and the Docs API renderer all take, so every output has the same text.
 */

export type Block = Heading | Paragraph | BulletList | TableBlock | ChartBlock;

export interface Heading {
  kind: "heading";
  /** 1 = document title, 2 = section, 3 = subsection. */
  level: 1 | 2 | 3;
  text: string;
}

export interface Paragraph {
  kind: "paragraph";
  text: string;
  /** A short lead shown in bold before the text (e.g. a figure's name). */
  lead?: string;
  style?: "normal" | "note";
  /** Title block and signature lines: «УТВЕРЖДАЮ» sits right, the document's name centred. */
  align?: "left" | "right" | "center";
  /** Bold text (the document's name, «УТВЕРЖДАЮ»). */
  bold?: boolean;
}

export interface BulletList {
  kind: "bullets";
  items: string[];
}

export interface TableBlock {
  kind: "table";
  /** Optional caption shown above the table. */
  caption?: string;
  header: string[];
  rows: string[][];
  /** Column alignment; numbers read best right-aligned. */
  align?: ("left" | "right" | "center")[];
  /** Too wide for a portrait page: renderers that can put it on a landscape page do. */
  wide?: boolean;
}

export interface ChartBlock {
  kind: "chart";
  chart: "bar" | "column";
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Axis maximum, e.g. 100 for percentages. */
  max?: number;
  /** Axis minimum near the data (e.g. 80 when the bars are 88..98 %); 0 when absent. */
  min?: number;
  /** Decimals of the value labels; they follow the document's language (decimal comma in ru). */
  decimals?: number;
  /** Alt text / one-line summary for readers who cannot see the chart. */
  alt: string;
}

export interface ReportDoc {
  /** Document title (also the file/Doc name). */
  title: string;
  /** Language of the text. */
  lang: "ru" | "en";
  /** Running page header (school and period), when the renderer has headers. */
  header?: string;
  blocks: Block[];
}

/** Plain text of a document, block by block (the title is the first heading): what a test compares across renderers. */
export function plainText(doc: ReportDoc): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        out.push(b.text);
        break;
      case "paragraph":
        out.push(b.lead ? `${b.lead} ${b.text}` : b.text);
        break;
      case "bullets":
        out.push(...b.items);
        break;
      case "table":
        if (b.caption) out.push(b.caption);
        out.push(b.header.join("\t"), ...b.rows.map((r) => r.join("\t")));
        break;
      case "chart":
        out.push(b.title);
        break;
    }
  }
  return out.join("\n");
}
