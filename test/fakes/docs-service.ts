/**
 * A Google Doc as the Docs API indexes it, and the Docs advanced service over it.
 *
 * The body is a flat array of units, one per index, exactly as the API counts them: the
 * section break (index 0), characters (each paragraph ends with its "\n", which carries the
 * paragraph's style and bullet, as a Word paragraph mark does), inline images (1 unit) and a
 * table's structural marks (table start, row start, cell start, table end). So every request
 * is checked and applied at the index it names, and a wrong index fails like the real API:
 * "Invalid requests[3].insertText: Index 57 must be less than the end index of the referenced
 * segment, 40." DocumentApp (document-app.ts) works on the same units, so both views agree.
 * batchUpdate is atomic: applied to a copy, committed only when every request succeeded.
 */
import type { docs_v1 } from "googleapis/build/src/apis/docs/index.js";
import { countCalls } from "./counter.js";
import type { FakeDriveApp } from "./drive-app.js";
import type { FakeEnv } from "./env.js";

export type TextStyle = Readonly<Record<string, unknown>>;
export interface ParaStyle {
  namedStyleType: string;
  alignment?: string;
  keepWithNext?: boolean;
  [k: string]: unknown;
}
export interface FakeImage {
  contentType: string;
  /** Whatever the blob carried (the chart spec for a Charts image). */
  source: unknown;
  altTitle: string;
  altDescription: string;
}

export type Unit =
  | { t: "sb" }
  | { t: "c"; ch: string; s: TextStyle; p?: ParaStyle; bullet?: { listId: string; nestingLevel: number } }
  | { t: "img"; s: TextStyle; id: string; image: FakeImage }
  | { t: "ts"; rows: number; columns: number; pinned: number }
  | { t: "rs" }
  | { t: "cs"; style: Record<string, unknown> }
  | { t: "te" };

export type CharUnit = Extract<Unit, { t: "c" }>;

/** A request the fake refuses: the message the API would give, without "Invalid requests[i].kind: ". */
export class DocsRequestError extends Error {}

const STRIPPED = /[\u0000-\u0008\u000C-\u001F\uE000-\uF8FF]/g;
const NORMAL: ParaStyle = { namedStyleType: "NORMAL_TEXT" };
const isNewline = (u: Unit | undefined): u is CharUnit => u?.t === "c" && u.ch === "\n";
const inParagraph = (u: Unit | undefined) => u?.t === "c" || u?.t === "img";

export class FakeDocModel {
  units: Unit[];
  documentStyle: Record<string, unknown> = {};
  /**
   * Headers as plain text segments (id -> text ending in "\n"). A header's indexes start at 0,
   * unlike the body's (Docs API, "Work with headers, footers and footnotes").
   */
  headers = new Map<string, string>();
  revision = 1;
  private listSeq = 0;
  private imageSeq = 0;

  constructor(
    readonly id: string,
    public title: string,
    units?: Unit[],
  ) {
    this.units = units ?? [{ t: "sb" }, this.newline(NORMAL)];
  }

  newline(p: ParaStyle, s: TextStyle = {}): CharUnit {
    return { t: "c", ch: "\n", s, p: { ...p } };
  }

  /** A deep copy for an atomic batchUpdate (unit objects are replaced, not shared). */
  clone(): FakeDocModel {
    // Characters that shared a style object still share one in the copy.
    const styles = new Map<TextStyle, TextStyle>();
    const copy = new FakeDocModel(
      this.id,
      this.title,
      this.units.map((u) => {
        const c = structuredClone(u);
        if ((u.t === "c" || u.t === "img") && (c.t === "c" || c.t === "img")) {
          const shared = styles.get(u.s) ?? c.s;
          styles.set(u.s, shared);
          c.s = shared;
        }
        return c;
      }),
    );
    copy.documentStyle = structuredClone(this.documentStyle);
    copy.headers = new Map(this.headers);
    copy.revision = this.revision;
    copy.listSeq = this.listSeq;
    copy.imageSeq = this.imageSeq;
    return copy;
  }

  /** Take over the state of a copy that a batchUpdate edited. */
  adopt(work: FakeDocModel): void {
    this.units = work.units;
    this.documentStyle = work.documentStyle;
    this.headers = work.headers;
    this.listSeq = work.listSeq;
    this.imageSeq = work.imageSeq;
  }

  get end(): number {
    return this.units.length;
  }

  // ---------- navigation ----------

  /** Index of the "\n" ending the paragraph that holds index i. */
  paragraphEnd(i: number): number {
    let j = i;
    while (j < this.units.length && !isNewline(this.units[j])) {
      if (!inParagraph(this.units[j])) throw new DocsRequestError(`No paragraph at index ${i}.`);
      j++;
    }
    if (j >= this.units.length) throw new DocsRequestError(`No paragraph at index ${i}.`);
    return j;
  }

  /** First index of the paragraph that holds index i. */
  paragraphStart(i: number): number {
    let j = i;
    while (j > 0 && inParagraph(this.units[j - 1]) && !isNewline(this.units[j - 1])) j--;
    return j;
  }

  /** The matching table end of the table starting at i. */
  tableEnd(i: number): number {
    let depth = 0;
    for (let j = i; j < this.units.length; j++) {
      const t = this.units[j].t;
      if (t === "ts") depth++;
      else if (t === "te" && --depth === 0) return j;
    }
    throw new Error(`fake: unterminated table at ${i}`);
  }

  private checkIndex(i: unknown): number {
    if (typeof i !== "number" || !Number.isInteger(i))
      throw new DocsRequestError("Index must be an integer.");
    if (i < 1) throw new DocsRequestError(`Index ${i} must be greater than or equal to 1.`);
    if (i >= this.end)
      throw new DocsRequestError(
        `Index ${i} must be less than the end index of the referenced segment, ${this.end}.`,
      );
    if (!inParagraph(this.units[i]))
      throw new DocsRequestError(
        "The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.",
      );
    return i;
  }

  private checkRange(r: docs_v1.Schema$Range | undefined): [number, number] {
    const a = r?.startIndex;
    const b = r?.endIndex;
    if (r?.segmentId || r?.tabId)
      throw new DocsRequestError("The fake models the body of the first tab only.");
    if (typeof a !== "number" || typeof b !== "number" || !Number.isInteger(a) || !Number.isInteger(b))
      throw new DocsRequestError("The range must have integer startIndex and endIndex.");
    if (a < 1) throw new DocsRequestError(`The range startIndex ${a} must be greater than or equal to 1.`);
    if (b > this.end)
      throw new DocsRequestError(
        `Index ${b - 1} must be less than the end index of the referenced segment, ${this.end}.`,
      );
    if (a >= b) throw new DocsRequestError("The range must not be empty.");
    return [a, b];
  }

  private location(r: { location?: docs_v1.Schema$Location; endOfSegmentLocation?: object }): number {
    if (r.location && r.endOfSegmentLocation)
      throw new DocsRequestError("Exactly one of location and endOfSegmentLocation must be set.");
    if (r.endOfSegmentLocation) return this.end - 1;
    if (!r.location)
      throw new DocsRequestError("Exactly one of location and endOfSegmentLocation must be set.");
    if (r.location.segmentId || r.location.tabId)
      throw new DocsRequestError("The fake models the body of the first tab only.");
    return this.checkIndex(r.location.index);
  }

  // ---------- edits (shared with DocumentApp) ----------

  /** Insert text at a valid index; "\n" makes paragraphs that keep the split paragraph's style. */
  insertText(i: number, raw: string): void {
    const text = raw.replace(STRIPPED, "");
    if (!text) return;
    const endAt = this.paragraphEnd(i);
    const para = this.units[endAt] as CharUnit;
    const before = this.units[i - 1];
    const s =
      i > this.paragraphStart(i) && before && (before.t === "c" || before.t === "img")
        ? before.s
        : (this.units[i] as CharUnit).s;
    // One unit per UTF-16 code unit, as the API counts.
    const units: Unit[] = [];
    for (let k = 0; k < text.length; k++) {
      const ch = text[k];
      if (ch !== "\n") units.push({ t: "c", ch, s });
      else {
        const nl: CharUnit = { t: "c", ch, s, p: { ...(para.p ?? NORMAL) } };
        if (para.bullet) nl.bullet = { ...para.bullet };
        units.push(nl);
      }
    }
    this.units.splice(i, 0, ...units);
  }

  insertTable(i: number, rows: number, columns: number): number {
    if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(columns) || columns < 1)
      throw new DocsRequestError("A table needs at least one row and one column.");
    if (columns > 20) throw new DocsRequestError("A table can have at most 20 columns.");
    this.insertText(i, "\n");
    const units: Unit[] = [{ t: "ts", rows, columns, pinned: 0 }];
    for (let r = 0; r < rows; r++) {
      units.push({ t: "rs" });
      for (let c = 0; c < columns; c++) units.push({ t: "cs", style: {} }, this.newline(NORMAL));
    }
    units.push({ t: "te" });
    this.units.splice(i + 1, 0, ...units);
    return i + 1;
  }

  deleteRange(a: number, b: number): void {
    if (b >= this.end)
      throw new DocsRequestError(
        "The range should not include the newline character at the end of the segment.",
      );
    // Tables go whole or not at all; a cell keeps its last "\n"; a table keeps the paragraph before it.
    for (let j = 0; j < this.end; j++) {
      if (this.units[j].t !== "ts") continue;
      const e = this.tableEnd(j);
      const whole = a <= j && e < b;
      const outside = b <= j || a > e;
      if (!whole && !outside) {
        // Inside one cell's content is fine; crossing a cell, row or table boundary is not.
        for (let k = a; k < b; k++) {
          const u = this.units[k];
          const next = this.units[k + 1];
          if (u.t !== "c" && u.t !== "img")
            throw new DocsRequestError("Invalid deletion range. Cannot delete the requested range.");
          if (isNewline(u) && next && next.t !== "c" && next.t !== "img")
            throw new DocsRequestError(
              "Invalid deletion range. Cannot delete the last newline of a table cell.",
            );
        }
      }
      if (!whole && b === j && isNewline(this.units[j - 1]))
        throw new DocsRequestError(
          "Invalid deletion range. Cannot delete the newline before a table without deleting the table.",
        );
      j = e;
    }
    this.units.splice(a, b - a);
  }

  /** Indices of the "\n" of every paragraph overlapping [a, b). */
  paragraphsIn(a: number, b: number): number[] {
    const out: number[] = [];
    for (let k = a; k < b; k++) if (isNewline(this.units[k])) out.push(k);
    const last = b - 1;
    if (inParagraph(this.units[last]) && !isNewline(this.units[last])) out.push(this.paragraphEnd(last));
    if (out.length === 0) throw new DocsRequestError("The range does not contain any paragraph.");
    return out;
  }

  insertImage(i: number, image: FakeImage): Unit {
    const s = (this.units[i] as CharUnit).s;
    const unit: Unit = { t: "img", s, id: `kix.img${++this.imageSeq}`, image };
    this.units.splice(i, 0, unit);
    return unit;
  }

  // ---------- requests ----------

  private headersJson(): docs_v1.Schema$Document["headers"] {
    if (!this.headers.size) return undefined;
    return Object.fromEntries(
      [...this.headers].map(([headerId, text]) => [
        headerId,
        {
          headerId,
          content: [
            {
              startIndex: 0,
              endIndex: text.length,
              paragraph: { elements: [{ textRun: { content: text } }] },
            },
          ],
        },
      ]),
    );
  }

  /** A request on a header segment: createHeader, or text edits inside one header. */
  private applyToHeader(kind: string, r: Required<docs_v1.Schema$Request>): docs_v1.Schema$Response | null {
    if (kind === "createHeader") {
      if (r.createHeader.type !== "DEFAULT")
        throw new DocsRequestError("The fake makes DEFAULT headers only.");
      if (this.documentStyle.defaultHeaderId) throw new DocsRequestError("A default header already exists.");
      const headerId = `kix.hdr${this.headers.size + 1}`;
      this.headers.set(headerId, "\n");
      this.documentStyle = { ...this.documentStyle, defaultHeaderId: headerId };
      return { createHeader: { headerId } };
    }
    const seg =
      (kind === "insertText" && r.insertText.location?.segmentId) ||
      (kind === "deleteContentRange" && r.deleteContentRange.range?.segmentId) ||
      (kind === "updateTextStyle" && r.updateTextStyle.range?.segmentId) ||
      "";
    if (!seg) return null;
    const text = this.headers.get(seg);
    if (text === undefined) throw new DocsRequestError(`No header with the id ${seg}.`);
    if (kind === "insertText") {
      const i = r.insertText.location?.index ?? -1;
      if (i < 0 || i >= text.length) throw new DocsRequestError(`Index ${i} is outside the header.`);
      this.headers.set(seg, text.slice(0, i) + (r.insertText.text ?? "") + text.slice(i));
      return {};
    }
    const range = kind === "deleteContentRange" ? r.deleteContentRange.range : r.updateTextStyle.range;
    const a = range?.startIndex ?? -1;
    const b = range?.endIndex ?? -1;
    // The header's last newline cannot be deleted, as with the body's.
    if (a < 0 || b <= a || b > text.length - (kind === "deleteContentRange" ? 1 : 0))
      throw new DocsRequestError(`The range ${a}–${b} is outside the header.`);
    if (kind === "deleteContentRange") this.headers.set(seg, text.slice(0, a) + text.slice(b));
    return {};
  }

  apply(req: docs_v1.Schema$Request): docs_v1.Schema$Response {
    const kinds = Object.keys(req).filter((k) => (req as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) throw new DocsRequestError("A request must set exactly one kind.");
    const r = req as Required<docs_v1.Schema$Request>;
    const onHeader = this.applyToHeader(kinds[0], r);
    if (onHeader) return onHeader;
    switch (kinds[0]) {
      case "insertText": {
        const x = r.insertText;
        const i = this.location(x);
        if (typeof x.text !== "string" || x.text === "")
          throw new DocsRequestError("Insert text requests must specify text to insert.");
        this.insertText(i, x.text);
        return {};
      }
      case "insertTable": {
        const x = r.insertTable;
        this.insertTable(this.location(x), x.rows ?? 0, x.columns ?? 0);
        return {};
      }
      case "deleteContentRange": {
        const [a, b] = this.checkRange(r.deleteContentRange.range);
        this.deleteRange(a, b);
        return {};
      }
      case "updateTextStyle": {
        const x = r.updateTextStyle;
        const [a, b] = this.checkRange(x.range);
        const fields = this.fields(x.fields);
        const cache = new Map<TextStyle, TextStyle>();
        for (let k = a; k < b; k++) {
          const u = this.units[k];
          if (u.t !== "c" && u.t !== "img") continue;
          let next = cache.get(u.s);
          if (!next) {
            next = merge(u.s, (x.textStyle ?? {}) as Record<string, unknown>, fields);
            cache.set(u.s, next);
          }
          u.s = next;
        }
        return {};
      }
      case "updateParagraphStyle": {
        const x = r.updateParagraphStyle;
        const [a, b] = this.checkRange(x.range);
        const fields = this.fields(x.fields);
        for (const k of this.paragraphsIn(a, b)) {
          const u = this.units[k] as CharUnit;
          u.p = merge(
            u.p ?? NORMAL,
            (x.paragraphStyle ?? {}) as Record<string, unknown>,
            fields,
          ) as ParaStyle;
          u.p.namedStyleType ??= "NORMAL_TEXT";
        }
        return {};
      }
      case "createParagraphBullets": {
        const x = r.createParagraphBullets;
        const [a, b] = this.checkRange(x.range);
        if (!x.bulletPreset) throw new DocsRequestError("A bullet preset is required.");
        const listId = `kix.list${++this.listSeq}`;
        // Leading tabs become nesting levels and are deleted: last paragraph first.
        for (const k of this.paragraphsIn(a, b).reverse()) {
          const start = this.paragraphStart(k);
          let tabs = 0;
          while (this.units[start + tabs].t === "c" && (this.units[start + tabs] as CharUnit).ch === "\t")
            tabs++;
          const u = this.units[k] as CharUnit;
          u.bullet = { listId, nestingLevel: tabs };
          if (tabs) this.units.splice(start, tabs);
        }
        return {};
      }
      case "deleteParagraphBullets": {
        const [a, b] = this.checkRange(r.deleteParagraphBullets.range);
        for (const k of this.paragraphsIn(a, b)) delete (this.units[k] as CharUnit).bullet;
        return {};
      }
      case "pinTableHeaderRows": {
        const x = r.pinTableHeaderRows;
        const t = this.tableAt(x.tableStartLocation?.index);
        const n = x.pinnedHeaderRowsCount ?? 0;
        if (n < 0 || n > t.rows) throw new DocsRequestError(`Cannot pin ${n} rows of a ${t.rows}-row table.`);
        t.pinned = n;
        return {};
      }
      case "updateTableCellStyle": {
        const x = r.updateTableCellStyle;
        const loc = x.tableRange?.tableCellLocation;
        const start = loc?.tableStartLocation?.index ?? x.tableStartLocation?.index;
        const t = this.tableAt(start);
        const r0 = x.tableRange ? (loc?.rowIndex ?? 0) : 0;
        const c0 = x.tableRange ? (loc?.columnIndex ?? 0) : 0;
        const rows = x.tableRange ? (x.tableRange.rowSpan ?? 0) : t.rows;
        const cols = x.tableRange ? (x.tableRange.columnSpan ?? 0) : t.columns;
        if (r0 < 0 || c0 < 0 || rows < 1 || cols < 1 || r0 + rows > t.rows || c0 + cols > t.columns)
          throw new DocsRequestError("The table range is outside the table.");
        const fields = this.fields(x.fields);
        for (const cell of this.cells(start!))
          if (cell.row >= r0 && cell.row < r0 + rows && cell.col >= c0 && cell.col < c0 + cols)
            cell.unit.style = merge(
              cell.unit.style,
              (x.tableCellStyle ?? {}) as Record<string, unknown>,
              fields,
            );
        return {};
      }
      case "updateDocumentStyle": {
        const x = r.updateDocumentStyle;
        this.documentStyle = merge(
          this.documentStyle,
          (x.documentStyle ?? {}) as Record<string, unknown>,
          this.fields(x.fields),
        );
        return {};
      }
      default:
        throw new DocsRequestError(`The fake does not implement ${kinds[0]}.`);
    }
  }

  private fields(f: string | null | undefined): string[] {
    if (!f) throw new DocsRequestError("fields is required.");
    if (f === "*") throw new DocsRequestError('The fake does not take fields "*"; name the fields.');
    return f.split(",").map((x) => x.trim());
  }

  private tableAt(index: number | null | undefined): Extract<Unit, { t: "ts" }> {
    const u = typeof index === "number" ? this.units[index] : undefined;
    if (u?.t !== "ts") throw new DocsRequestError(`The provided table start location ${index} is invalid.`);
    return u;
  }

  /** Cells of the table starting at i (one level: nested tables' cells are skipped). */
  cells(i: number): { row: number; col: number; unit: Extract<Unit, { t: "cs" }>; index: number }[] {
    const out: { row: number; col: number; unit: Extract<Unit, { t: "cs" }>; index: number }[] = [];
    const e = this.tableEnd(i);
    let row = -1;
    let col = -1;
    for (let k = i + 1; k < e; k++) {
      const u = this.units[k];
      if (u.t === "ts") {
        k = this.tableEnd(k);
        continue;
      }
      if (u.t === "rs") {
        row++;
        col = -1;
      } else if (u.t === "cs") out.push({ row, col: ++col, unit: u, index: k });
    }
    return out;
  }

  // ---------- reading ----------

  /** The document as documents.get returns it (no field mask). */
  json(): docs_v1.Schema$Document {
    const inlineObjects: Record<string, unknown> = {};
    const lists: Record<string, unknown> = {};
    const content = (from: number, to: number): docs_v1.Schema$StructuralElement[] => {
      const out: docs_v1.Schema$StructuralElement[] = [];
      let k = from;
      while (k < to) {
        const u = this.units[k];
        if (u.t === "sb") {
          out.push({ endIndex: k + 1, sectionBreak: { sectionStyle: { sectionType: "CONTINUOUS" } } });
          k++;
        } else if (u.t === "ts") {
          const e = this.tableEnd(k);
          const tableRows: docs_v1.Schema$TableRow[] = [];
          let j = k + 1;
          while (j < e) {
            const rowStart = j;
            const cells: docs_v1.Schema$TableCell[] = [];
            j++;
            while (j < e && this.units[j].t === "cs") {
              const cellStart = j;
              let c = j + 1;
              while (c < e && this.units[c].t !== "cs" && this.units[c].t !== "rs") {
                c = this.units[c].t === "ts" ? this.tableEnd(c) + 1 : c + 1;
              }
              cells.push({
                startIndex: cellStart,
                endIndex: c,
                content: content(cellStart + 1, c),
                tableCellStyle: { ...(this.units[cellStart] as { style: Record<string, unknown> }).style },
              });
              j = c;
            }
            tableRows.push({ startIndex: rowStart, endIndex: j, tableCells: cells });
          }
          const pinned = u.pinned;
          out.push({
            startIndex: k,
            endIndex: e + 1,
            table: {
              rows: u.rows,
              columns: u.columns,
              tableRows: tableRows.map((r, i) =>
                i < pinned ? { ...r, tableRowStyle: { tableHeader: true } } : r,
              ),
            },
          });
          k = e + 1;
        } else if (u.t === "c" || u.t === "img") {
          const end = this.paragraphEnd(k);
          const nl = this.units[end] as CharUnit;
          const elements: docs_v1.Schema$ParagraphElement[] = [];
          let j = k;
          while (j <= end) {
            const v = this.units[j];
            if (v.t === "img") {
              inlineObjects[v.id] = {
                objectId: v.id,
                inlineObjectProperties: {
                  embeddedObject: { title: v.image.altTitle, description: v.image.altDescription },
                },
              };
              elements.push({
                startIndex: j,
                endIndex: j + 1,
                inlineObjectElement: { inlineObjectId: v.id },
              });
              j++;
              continue;
            }
            const style = (v as CharUnit).s;
            let text = "";
            const s0 = j;
            while (j <= end && this.units[j].t === "c" && sameStyle((this.units[j] as CharUnit).s, style)) {
              text += (this.units[j] as CharUnit).ch;
              j++;
            }
            elements.push({
              startIndex: s0,
              endIndex: j,
              textRun: { content: text, textStyle: { ...style } },
            });
          }
          const paragraph: docs_v1.Schema$Paragraph = {
            elements,
            paragraphStyle: { ...(nl.p ?? NORMAL) } as docs_v1.Schema$ParagraphStyle,
          };
          if (nl.bullet) {
            paragraph.bullet = { ...nl.bullet };
            lists[nl.bullet.listId] = { listProperties: { nestingLevels: [{ glyphSymbol: "●" }] } };
          }
          out.push({ startIndex: k, endIndex: end + 1, paragraph });
          k = end + 1;
        } else {
          throw new Error(`fake: unexpected ${u.t} at ${k}`);
        }
      }
      return out;
    };
    const body = { content: content(0, this.end) };
    return {
      documentId: this.id,
      title: this.title,
      revisionId: `rev-${this.revision}`,
      body,
      documentStyle: structuredClone(this.documentStyle),
      headers: this.headersJson(),
      inlineObjects: inlineObjects as docs_v1.Schema$Document["inlineObjects"],
      lists: lists as docs_v1.Schema$Document["lists"],
    };
  }

  /**
   * Test helper: the body as lines, like plainText(): one line per non-empty paragraph
   * (images left out, "\u000b" as "\n"), a table row as its cells joined by tabs.
   */
  _lines(): string[] {
    const lines: string[] = [];
    const doc = this.json();
    const para = (p: docs_v1.Schema$Paragraph) =>
      (p.elements ?? [])
        .map((e) => e.textRun?.content ?? "")
        .join("")
        .replace(/\n$/, "")
        .replace(/\u000b/g, "\n");
    const walk = (els: docs_v1.Schema$StructuralElement[]) => {
      for (const el of els) {
        if (el.paragraph) {
          const t = para(el.paragraph);
          if (t !== "") lines.push(t);
        } else if (el.table) {
          for (const row of el.table.tableRows ?? [])
            lines.push(
              (row.tableCells ?? [])
                .map((c) => (c.content ?? []).map((x) => (x.paragraph ? para(x.paragraph) : "")).join("\n"))
                .join("\t"),
            );
        }
      }
    };
    walk(doc.body?.content ?? []);
    return lines;
  }

  _text(): string {
    return this._lines().join("\n");
  }

  /** Test helper: every paragraph (body and cells) with its text, style, bullet and styled runs. */
  _paragraphs(): {
    text: string;
    style: ParaStyle;
    bullet?: { listId: string; nestingLevel: number };
    runs: { text: string; style: TextStyle }[];
    images: FakeImage[];
    inTable: boolean;
  }[] {
    const out: ReturnType<FakeDocModel["_paragraphs"]> = [];
    let depth = 0;
    let cur: (typeof out)[number] | undefined;
    for (const u of this.units) {
      if (u.t === "ts") depth++;
      else if (u.t === "te") depth--;
      if (u.t !== "c" && u.t !== "img") continue;
      cur ??= { text: "", style: NORMAL, runs: [], images: [], inTable: depth > 0 };
      if (u.t === "img") {
        cur.images.push(u.image);
        continue;
      }
      if (u.ch === "\n") {
        cur.style = { ...(u.p ?? NORMAL) };
        if (u.bullet) cur.bullet = { ...u.bullet };
        out.push(cur);
        cur = undefined;
        continue;
      }
      cur.text += u.ch;
      const last = cur.runs[cur.runs.length - 1];
      if (last && sameStyle(last.style, u.s)) last.text += u.ch;
      else cur.runs.push({ text: u.ch, style: u.s });
    }
    return out;
  }
}

/** Style objects equal by value (keys in any order). */
export function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a === b || stable(a) === stable(b);
}

function stable(v: unknown): string {
  if (!v || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
    .join(",")}}`;
}

function merge(
  base: TextStyle,
  patch: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...base };
  for (const f of fields) {
    if (patch[f] === undefined || patch[f] === null) delete next[f];
    else next[f] = structuredClone(patch[f]);
  }
  return next;
}

// ---------- field masks ("body.content(startIndex,endIndex)") ----------

type Mask = Map<string, Mask | true>;

export function parseMask(s: string): Mask {
  let i = 0;
  const parse = (): Mask => {
    const m: Mask = new Map();
    while (i < s.length && s[i] !== ")") {
      let name = "";
      while (i < s.length && !",().".includes(s[i])) name += s[i++];
      name = name.trim();
      let sub: Mask | true = true;
      if (s[i] === ".") {
        i++;
        const inner = parse1();
        sub = inner;
      } else if (s[i] === "(") {
        i++;
        sub = parse();
        i++; // ")"
      }
      const prev = m.get(name);
      m.set(name, prev && prev !== true && sub !== true ? new Map([...prev, ...sub]) : sub);
      if (s[i] === ",") i++;
    }
    return m;
  };
  // a.b.c or a.b(c,d): one path step at a time
  const parse1 = (): Mask => {
    let name = "";
    while (i < s.length && !",().".includes(s[i])) name += s[i++];
    let sub: Mask | true = true;
    if (s[i] === ".") {
      i++;
      sub = parse1();
    } else if (s[i] === "(") {
      i++;
      sub = parse();
      i++;
    }
    return new Map([[name.trim(), sub]]);
  };
  return parse();
}

export function applyMask(v: unknown, m: Mask): unknown {
  if (Array.isArray(v)) return v.map((x) => applyMask(x, m));
  if (!v || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of m) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    out[k] = sub === true ? x : applyMask(x, sub);
  }
  return out;
}

// ---------- the store of documents shared by Docs, DocumentApp and DriveApp ----------

export const DOC_MIME = "application/vnd.google-apps.document";

export class FakeDocStore {
  readonly docs = new Map<string, FakeDocModel>();
  constructor(
    readonly env: FakeEnv,
    readonly drive: FakeDriveApp,
  ) {}

  create(title: string): FakeDocModel {
    const item = this.drive._addItem(String(title), DOC_MIME);
    // DocumentApp.create and Drive.Files.create are the script's own: drive.file covers them.
    this.drive.madeByApp.add(item.id);
    const doc = new FakeDocModel(item.id, String(title));
    this.docs.set(doc.id, doc);
    return doc;
  }

  /** A document that still exists (trashed ones too: they open until deleted for good). */
  find(id: string): FakeDocModel | undefined {
    const item = this.drive.items.get(id);
    if (!item || item.mimeType !== DOC_MIME) return undefined;
    const doc = this.docs.get(id);
    if (doc) doc.title = item.name;
    return doc;
  }

  _doc(id: string): FakeDocModel {
    const d = this.find(id);
    if (!d) throw new Error(`fake: no document ${id}`);
    return d;
  }
}

// ---------- the Docs advanced service ----------

export class FakeDocsDocuments {
  constructor(
    readonly env: FakeEnv,
    private readonly store: FakeDocStore,
  ) {}

  private _find(id: string, method: string): FakeDocModel {
    const d = this.store.find(String(id));
    if (!d)
      throw new Error(
        `GoogleJsonResponseException: API call to docs.documents.${method} failed with error: Requested entity was not found.`,
      );
    return d;
  }

  create(resource: docs_v1.Schema$Document): docs_v1.Schema$Document {
    return this.store.create(resource?.title ?? "Untitled document").json();
  }

  get(documentId: string, optionalArgs?: { fields?: string }): docs_v1.Schema$Document {
    const json = this._find(documentId, "get").json();
    return optionalArgs?.fields
      ? (applyMask(json, parseMask(optionalArgs.fields)) as docs_v1.Schema$Document)
      : json;
  }

  batchUpdate(
    resource: docs_v1.Schema$BatchUpdateDocumentRequest,
    documentId: string,
  ): docs_v1.Schema$BatchUpdateDocumentResponse {
    const doc = this._find(documentId, "batchUpdate");
    const work = doc.clone();
    const requests = resource?.requests ?? [];
    if (!Array.isArray(requests) || requests.length === 0)
      throw new Error(
        "GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Must specify at least one request.",
      );
    const replies = requests.map((req, i) => {
      try {
        return work.apply(req);
      } catch (e) {
        if (!(e instanceof DocsRequestError)) throw e;
        const kind = Object.keys(req)[0];
        throw new Error(
          `GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[${i}].${kind}: ${e.message}`,
        );
      }
    });
    doc.adopt(work);
    doc.revision++;
    return { documentId: doc.id, replies, writeControl: { requiredRevisionId: `rev-${doc.revision}` } };
  }
}
countCalls(FakeDocsDocuments, "Docs.Documents");

/** The `Docs` global: the Docs API v1 advanced service. */
export class FakeDocs {
  readonly Documents: FakeDocsDocuments;
  constructor(env: FakeEnv, store: FakeDocStore) {
    this.Documents = new FakeDocsDocuments(env, store);
  }
}
