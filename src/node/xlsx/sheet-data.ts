/**
 * A worksheet part split at its rows and cells. Everything outside <sheetData> is kept as text;
 * a row the program does not touch keeps its exact XML, and in a row it touches every other
 * cell keeps its exact XML. Rows and cells are kept in ascending order, as the schema requires.
 */
import { parseRef, refOf } from "./address.js";
import { attr, setAttr } from "./xml.js";

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

interface RowSlot {
  num: number;
  /** The row's start tag with its attributes (height, style, hidden…). */
  tag: string;
  /** The untouched row's XML; null once its cells were parsed. */
  raw: string | null;
  cells: Map<number, string> | null;
}

export interface RawCell {
  row: number;
  col: number;
  /** The attributes of <c …>. */
  attrs: string;
  /** What is between <c> and </c> ("" for an empty cell). */
  inner: string;
}

export class SheetData {
  private constructor(
    public head: string,
    private rows: Map<number, RowSlot>,
    public tail: string,
  ) {}

  static parse(xml: string): SheetData {
    const open = xml.search(/<sheetData\b/);
    if (open < 0) throw new Error("no <sheetData>");
    const openEnd = xml.indexOf(">", open) + 1;
    let head = xml.slice(0, openEnd);
    let body = "";
    let tail: string;
    if (xml[openEnd - 2] === "/") {
      head = `${xml.slice(0, openEnd - 2).replace(/\s+$/, "")}>`;
      tail = `</sheetData>${xml.slice(openEnd)}`;
    } else {
      const close = xml.indexOf("</sheetData>", openEnd);
      body = xml.slice(openEnd, close);
      tail = xml.slice(close);
    }
    const rows = new Map<number, RowSlot>();
    let last = 0;
    for (const m of body.matchAll(ROW)) {
      const r = attr(m[1], "r");
      const num = r ? Number(r) : last + 1;
      last = num;
      const text = m[0];
      rows.set(num, { num, tag: `<row${m[1]}>`, raw: text, cells: null });
    }
    return new SheetData(head, rows, tail);
  }

  /** The parsed cells of a row (parsing its raw XML on first use). */
  private cellsOf(slot: RowSlot): Map<number, string> {
    if (slot.cells) return slot.cells;
    const cells = new Map<number, string>();
    let last = 0;
    for (const m of (slot.raw ?? "").matchAll(CELL)) {
      const r = attr(m[1], "r");
      const col = r ? (parseRef(r)?.col ?? last + 1) : last + 1;
      last = col;
      cells.set(col, r ? m[0] : m[0].replace(/^<c\b/, `<c r="${refOf(slot.num, col)}"`));
    }
    slot.cells = cells;
    slot.raw = null;
    // spans is only a loading hint; once cells change it could be wrong, so it goes.
    slot.tag = setAttr(slot.tag, "spans", null);
    return cells;
  }

  /** Every cell in row order, for reading. */
  *cells(): Generator<RawCell> {
    for (const slot of [...this.rows.values()].sort((a, b) => a.num - b.num)) {
      let last = 0;
      const source =
        slot.raw ??
        [...(slot.cells ?? new Map()).entries()]
          .sort((a, b) => a[0] - b[0])
          .map((e) => e[1])
          .join("");
      for (const m of source.matchAll(CELL)) {
        const r = attr(m[1], "r");
        const col = r ? (parseRef(r)?.col ?? last + 1) : last + 1;
        last = col;
        yield { row: slot.num, col, attrs: m[1], inner: m[2] ?? "" };
      }
    }
  }

  /** A cell's XML, or undefined when the sheet has none there. */
  cell(row: number, col: number): string | undefined {
    const slot = this.rows.get(row);
    return slot ? this.cellsOf(slot).get(col) : undefined;
  }

  setCell(row: number, col: number, xml: string): void {
    let slot = this.rows.get(row);
    if (!slot) {
      slot = { num: row, tag: `<row r="${row}">`, raw: null, cells: new Map() };
      this.rows.set(row, slot);
    }
    this.cellsOf(slot).set(col, xml);
  }

  /** The numbers of the rows present (with or without cells), ascending. */
  rowNumbers(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  /** The columns of a row's cells, ascending. */
  columnsOf(row: number): number[] {
    const slot = this.rows.get(row);
    return slot ? [...this.cellsOf(slot).keys()].sort((a, b) => a - b) : [];
  }

  /** Remove every row: an owned sheet is regenerated. */
  clear(): void {
    this.rows.clear();
  }

  /** The used range, for <dimension>. */
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const slot of this.rows.values()) {
      let max = 0;
      if (slot.cells) max = Math.max(0, ...slot.cells.keys());
      else {
        const at = (slot.raw ?? "").lastIndexOf('<c r="');
        if (at >= 0)
          max = parseRef((slot.raw ?? "").slice(at + 6, (slot.raw ?? "").indexOf('"', at + 6)))?.col ?? 0;
      }
      if (max > 0) rows = Math.max(rows, slot.num);
      cols = Math.max(cols, max);
    }
    return { rows, cols };
  }

  toXml(): string {
    const parts: string[] = [this.head];
    for (const slot of [...this.rows.values()].sort((a, b) => a.num - b.num)) {
      if (slot.raw !== null) {
        parts.push(slot.raw);
        continue;
      }
      const cells = [...(slot.cells ?? new Map()).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
      const tag = slot.tag.replace(/\s*\/?>$/, ">");
      parts.push(cells.length ? `${tag}${cells.join("")}</row>` : `${tag.slice(0, -1)}/>`);
    }
    parts.push(this.tail);
    return parts.join("");
  }
}
