/**
 * Fake DocumentApp over the same units as the Docs service (docs-service.ts), so text written
 * by a batchUpdate is what Body.getText()/findText() see, and an image put in by DocumentApp is
 * an inline object for documents.get. An element is known by its unit (a paragraph by its
 * "\n", a table by its start mark): a handle taken before a batchUpdate goes stale, as a
 * DocumentApp view does after the Docs API changed the document. createDocumentFakes() makes
 * DocumentApp, Docs, DriveApp and Charts over one Drive.
 */
import { FakeBlob, FakeCharts } from "./charts.js";
import { countCalls } from "./counter.js";
import {
  type CharUnit,
  type FakeDocModel,
  FakeDocStore,
  FakeDocs,
  type FakeImage,
  type ParaStyle,
  type Unit,
} from "./docs-service.js";
import { FakeDriveApp } from "./drive-app.js";
import { FakeDrive } from "./drive-service.js";
import type { FakeEnv } from "./env.js";

export const ParagraphHeading = {
  NORMAL: "NORMAL",
  HEADING1: "HEADING1",
  HEADING2: "HEADING2",
  HEADING3: "HEADING3",
  HEADING4: "HEADING4",
  HEADING5: "HEADING5",
  HEADING6: "HEADING6",
  TITLE: "TITLE",
  SUBTITLE: "SUBTITLE",
} as const;
export const ElementType = {
  BODY_SECTION: "BODY_SECTION",
  PARAGRAPH: "PARAGRAPH",
  LIST_ITEM: "LIST_ITEM",
  TABLE: "TABLE",
  TEXT: "TEXT",
  INLINE_IMAGE: "INLINE_IMAGE",
} as const;
export const HorizontalAlignment = {
  LEFT: "LEFT",
  CENTER: "CENTER",
  RIGHT: "RIGHT",
  JUSTIFY: "JUSTIFY",
} as const;

const NAMED: Record<string, string> = {
  NORMAL: "NORMAL_TEXT",
  HEADING1: "HEADING_1",
  HEADING2: "HEADING_2",
  HEADING3: "HEADING_3",
  HEADING4: "HEADING_4",
  HEADING5: "HEADING_5",
  HEADING6: "HEADING_6",
  TITLE: "TITLE",
  SUBTITLE: "SUBTITLE",
};
const HEADING_OF = Object.fromEntries(Object.entries(NAMED).map(([k, v]) => [v, k]));
const ALIGN_TO_API: Record<string, string> = {
  LEFT: "START",
  CENTER: "CENTER",
  RIGHT: "END",
  JUSTIFY: "JUSTIFIED",
};
const ALIGN_FROM_API = Object.fromEntries(Object.entries(ALIGN_TO_API).map(([k, v]) => [v, k]));
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif"]);
export const DOC_MISSING =
  "Exception: Document is missing (perhaps it was deleted, or you don't have read access?)";
const STALE = "Exception: The element is no longer in the document (it changed since this handle was taken).";

interface Child {
  kind: "p" | "t";
  unit: Unit;
  start: number;
  /** Exclusive. */
  end: number;
}

/** Top-level paragraphs and tables of the body, with their index spans. */
function children(doc: FakeDocModel): Child[] {
  const out: Child[] = [];
  let k = 1;
  while (k < doc.end) {
    const u = doc.units[k];
    if (u.t === "ts") {
      const e = doc.tableEnd(k);
      out.push({ kind: "t", unit: u, start: k, end: e + 1 });
      k = e + 1;
    } else {
      const e = doc.paragraphEnd(k);
      out.push({ kind: "p", unit: doc.units[e], start: k, end: e + 1 });
      k = e + 1;
    }
  }
  return out;
}

function locate(doc: FakeDocModel, unit: Unit): number {
  const i = doc.units.indexOf(unit);
  if (i < 0) throw new Error(STALE);
  return i;
}

/** A paragraph's text as DocumentApp shows it: images left out, a line break as "\r". */
function paragraphText(doc: FakeDocModel, nl: Unit): string {
  const end = locate(doc, nl);
  let s = "";
  for (let k = doc.paragraphStart(end); k < end; k++) {
    const u = doc.units[k];
    if (u.t === "c") s += u.ch === "\u000b" ? "\r" : u.ch;
  }
  return s;
}

function imageOf(blob: unknown): FakeImage {
  const b = blob as FakeBlob;
  if (!(b instanceof FakeBlob) || !IMAGE_TYPES.has(b._contentType))
    throw new Error("Exception: Invalid image data.");
  return { contentType: b._contentType, source: b._spec, altTitle: "", altDescription: "" };
}

export class FakeInlineImage {
  constructor(
    readonly env: FakeEnv,
    readonly doc: FakeDocModel,
    readonly unit: Extract<Unit, { t: "img" }>,
  ) {}
  private _img(): FakeImage {
    locate(this.doc, this.unit);
    return this.unit.image;
  }
  getType(): string {
    return ElementType.INLINE_IMAGE;
  }
  getAltTitle(): string {
    return this._img().altTitle;
  }
  setAltTitle(title: string): this {
    this._img().altTitle = String(title);
    return this;
  }
  getAltDescription(): string {
    return this._img().altDescription;
  }
  setAltDescription(description: string): this {
    this._img().altDescription = String(description);
    return this;
  }
  getParent(): FakeParagraph {
    const i = locate(this.doc, this.unit);
    return new FakeParagraph(this.env, this.doc, this.doc.units[this.doc.paragraphEnd(i)]);
  }
}
countCalls(FakeInlineImage, "InlineImage");

export class FakeText {
  constructor(
    readonly env: FakeEnv,
    readonly doc: FakeDocModel,
    /** The "\n" of the paragraph this text belongs to. */
    readonly nl: Unit,
  ) {}
  getType(): string {
    return ElementType.TEXT;
  }
  getText(): string {
    return paragraphText(this.doc, this.nl);
  }
  getParent(): FakeParagraph {
    locate(this.doc, this.nl);
    return new FakeParagraph(this.env, this.doc, this.nl);
  }
}
countCalls(FakeText, "Text");

export class FakeRangeElement {
  constructor(
    readonly env: FakeEnv,
    readonly _element: FakeText,
    readonly _start: number,
    readonly _endInclusive: number,
  ) {}
  getElement(): FakeText {
    return this._element;
  }
  getStartOffset(): number {
    return this._start;
  }
  getEndOffsetInclusive(): number {
    return this._endInclusive;
  }
  isPartial(): boolean {
    return (
      this._start > 0 || this._endInclusive < paragraphText(this._element.doc, this._element.nl).length - 1
    );
  }
}
countCalls(FakeRangeElement, "RangeElement");

export class FakeParagraph {
  constructor(
    readonly env: FakeEnv,
    readonly doc: FakeDocModel,
    /** Its "\n". */
    readonly nl: Unit,
  ) {}
  private _nl(): CharUnit {
    locate(this.doc, this.nl);
    return this.nl as CharUnit;
  }
  private _inBody(): boolean {
    const i = locate(this.doc, this.nl);
    return children(this.doc).some((c) => c.kind === "p" && c.end === i + 1);
  }
  getType(): string {
    return this._nl().bullet ? ElementType.LIST_ITEM : ElementType.PARAGRAPH;
  }
  asParagraph(): this {
    if (this._nl().bullet)
      throw new Error("Exception: Invalid cast: this element is a ListItem, not a Paragraph.");
    return this;
  }
  getText(): string {
    return paragraphText(this.doc, this.nl);
  }
  setText(text: string): this {
    this._clear();
    const end = locate(this.doc, this.nl);
    this.doc.insertText(end, String(text).replace(/\r\n|\r|\n/g, "\u000b"));
    return this;
  }
  /** Removes the contents (text and images); the paragraph and its style stay. */
  clear(): this {
    return this._clear();
  }
  _clear(): this {
    const end = locate(this.doc, this.nl);
    const start = this.doc.paragraphStart(end);
    this.doc.units.splice(start, end - start);
    return this;
  }
  appendInlineImage(image: unknown): FakeInlineImage {
    const img = imageOf(image);
    const end = locate(this.doc, this.nl);
    const unit = this.doc.insertImage(end, img) as Extract<Unit, { t: "img" }>;
    return new FakeInlineImage(this.env, this.doc, unit);
  }
  getHeading(): string {
    return HEADING_OF[this._nl().p?.namedStyleType ?? "NORMAL_TEXT"] ?? ParagraphHeading.NORMAL;
  }
  setHeading(heading: string): this {
    const named = NAMED[heading];
    if (!named) throw new Error("Exception: Invalid argument: heading");
    const nl = this._nl();
    nl.p = { ...(nl.p as ParaStyle), namedStyleType: named };
    return this;
  }
  getAlignment(): string | null {
    const a = this._nl().p?.alignment;
    return a ? (ALIGN_FROM_API[a] ?? null) : null;
  }
  setAlignment(alignment: string): this {
    const a = ALIGN_TO_API[alignment];
    if (!a) throw new Error("Exception: Invalid argument: alignment");
    const nl = this._nl();
    nl.p = { ...(nl.p as ParaStyle), alignment: a };
    return this;
  }
  getParent(): FakeBody {
    if (!this._inBody()) throw new Error("fake: the parent of a paragraph in a table cell is not modelled");
    return new FakeBody(this.env, this.doc);
  }
  removeFromParent(): this {
    const i = locate(this.doc, this.nl);
    const kids = children(this.doc);
    const at = kids.findIndex((c) => c.kind === "p" && c.end === i + 1);
    if (at < 0) throw new Error("fake: removing a paragraph from a table cell is not modelled");
    if (at === kids.length - 1)
      throw new Error("Exception: Can't remove the last paragraph in a document section.");
    if (kids[at + 1]?.kind === "t" && (at === 0 || kids[at - 1].kind === "t"))
      throw new Error("fake: a table needs a paragraph before it");
    this.doc.units.splice(kids[at].start, kids[at].end - kids[at].start);
    return this;
  }
}
countCalls(FakeParagraph, "Paragraph");

export class FakeTable {
  constructor(
    readonly env: FakeEnv,
    readonly doc: FakeDocModel,
    readonly unit: Unit,
  ) {}
  getType(): string {
    return ElementType.TABLE;
  }
  getNumRows(): number {
    locate(this.doc, this.unit);
    return (this.unit as Extract<Unit, { t: "ts" }>).rows;
  }
  /** Rows as lines, cells joined by tabs. */
  getText(): string {
    return tableText(this.doc, this.unit);
  }
}
countCalls(FakeTable, "Table");

function tableText(doc: FakeDocModel, unit: Unit): string {
  const start = locate(doc, unit);
  const rows: string[][] = [];
  for (const cell of doc.cells(start)) {
    rows[cell.row] ??= [];
    const texts: string[] = [];
    let k = cell.index + 1;
    while (doc.units[k].t === "c" || doc.units[k].t === "img") {
      const e = doc.paragraphEnd(k);
      texts.push(paragraphText(doc, doc.units[e]));
      k = e + 1;
    }
    rows[cell.row][cell.col] = texts.join("\r");
  }
  return rows.map((r) => r.join("\t")).join("\n");
}

export class FakeBody {
  constructor(
    readonly env: FakeEnv,
    readonly doc: FakeDocModel,
  ) {}
  private _element(c: Child): FakeParagraph | FakeTable {
    return c.kind === "p"
      ? new FakeParagraph(this.env, this.doc, c.unit)
      : new FakeTable(this.env, this.doc, c.unit);
  }
  getType(): string {
    return ElementType.BODY_SECTION;
  }
  getNumChildren(): number {
    return children(this.doc).length;
  }
  getChild(childIndex: number): FakeParagraph | FakeTable {
    const kids = children(this.doc);
    if (!Number.isInteger(childIndex) || childIndex < 0 || childIndex >= kids.length)
      throw new Error(
        `Exception: Child index (${childIndex}) must be less than the number of child elements (${kids.length}).`,
      );
    return this._element(kids[childIndex]);
  }
  getChildIndex(child: FakeParagraph | FakeTable): number {
    const unit = child instanceof FakeParagraph ? child.nl : child.unit;
    const i = children(this.doc).findIndex((c) => c.unit === unit);
    if (i < 0) throw new Error("Exception: Element does not contain the specified child element.");
    return i;
  }
  /** Paragraph texts joined by "\n"; a table as its rows (cells joined by tabs). */
  getText(): string {
    return children(this.doc)
      .map((c) => (c.kind === "p" ? paragraphText(this.doc, c.unit) : tableText(this.doc, c.unit)))
      .join("\n");
  }
  /** Everything goes; one empty paragraph stays. */
  clear(): this {
    this.doc.units = [{ t: "sb" }, this.doc.newline({ namedStyleType: "NORMAL_TEXT" })];
    return this;
  }
  appendParagraph(text: string): FakeParagraph {
    const nl = this.doc.newline({ namedStyleType: "NORMAL_TEXT" });
    const chars: Unit[] = [...String(text).replace(/\r\n|\r|\n/g, "\u000b")].flatMap((ch) =>
      [...Array(ch.length).keys()].map((k) => ({ t: "c", ch: ch[k], s: {} }) as Unit),
    );
    this.doc.units.push(...chars, nl);
    return new FakeParagraph(this.env, this.doc, nl);
  }
  insertImage(childIndex: number, image: unknown): FakeInlineImage {
    const img = imageOf(image);
    const kids = children(this.doc);
    if (!Number.isInteger(childIndex) || childIndex < 0 || childIndex > kids.length)
      throw new Error(
        `Exception: Child index (${childIndex}) must be less than or equal to the number of child elements (${kids.length}).`,
      );
    const at = childIndex < kids.length ? kids[childIndex].start : this.doc.end;
    const nl = this.doc.newline({ namedStyleType: "NORMAL_TEXT" });
    this.doc.units.splice(at, 0, nl);
    const unit = this.doc.insertImage(at, img) as Extract<Unit, { t: "img" }>;
    return new FakeInlineImage(this.env, this.doc, unit);
  }
  /** `searchPattern` is a regular expression (RE2 in Apps Script: "{" must be escaped). */
  findText(searchPattern: string, from?: FakeRangeElement): FakeRangeElement | null {
    let re: RegExp;
    try {
      re = new RegExp(searchPattern, "gu");
    } catch {
      throw new Error(`Exception: Invalid regular expression pattern ${searchPattern}`);
    }
    const after = from ? locate(this.doc, from._element.nl) : -1;
    const fromOffset = from ? from._endInclusive + 1 : 0;
    for (let k = 1; k < this.doc.end; k++) {
      const u = this.doc.units[k];
      if (u.t !== "c" || u.ch !== "\n" || k < after) continue;
      const text = paragraphText(this.doc, u);
      re.lastIndex = k === after ? fromOffset : 0;
      const m = re.exec(text);
      if (m && m[0] !== "")
        return new FakeRangeElement(
          this.env,
          new FakeText(this.env, this.doc, u),
          m.index,
          m.index + m[0].length - 1,
        );
    }
    return null;
  }
}
countCalls(FakeBody, "Body");

export class FakeDocument {
  constructor(
    readonly env: FakeEnv,
    readonly doc: FakeDocModel,
    private readonly store: FakeDocStore,
  ) {}
  private _live(): FakeDocModel {
    if (!this.store.find(this.doc.id)) throw new Error(DOC_MISSING);
    return this.doc;
  }
  getId(): string {
    return this._live().id;
  }
  getName(): string {
    return this._live().title;
  }
  setName(name: string): this {
    const d = this._live();
    d.title = String(name);
    const item = this.store.drive.items.get(d.id);
    if (item) item.name = d.title;
    return this;
  }
  getUrl(): string {
    return `https://docs.google.com/open?id=${this._live().id}`;
  }
  getBody(): FakeBody {
    return new FakeBody(this.env, this._live());
  }
  saveAndClose(): void {
    this._live();
  }
}
countCalls(FakeDocument, "Document");

export class FakeDocumentApp {
  readonly ParagraphHeading = ParagraphHeading;
  readonly ElementType = ElementType;
  readonly HorizontalAlignment = HorizontalAlignment;
  constructor(
    readonly env: FakeEnv,
    readonly store: FakeDocStore,
  ) {}
  create(name: string): FakeDocument {
    if (typeof name !== "string" || name === "") throw new Error("Exception: Invalid argument: name");
    return new FakeDocument(this.env, this.store.create(name), this.store);
  }
  openById(id: string): FakeDocument {
    const d = this.store.find(String(id));
    if (!d) throw new Error(DOC_MISSING);
    return new FakeDocument(this.env, d, this.store);
  }
}
countCalls(FakeDocumentApp, "DocumentApp");

export interface DocumentFakes {
  /** DocumentApp, Docs (advanced service), DriveApp, Charts. */
  globals: Record<string, unknown>;
  documentApp: FakeDocumentApp;
  docs: FakeDocs;
  drive: FakeDriveApp;
  /** The Drive advanced service (v3) over the same files. */
  driveApi: FakeDrive;
  charts: FakeCharts;
  store: FakeDocStore;
  /** Test helper: a document's model by id. */
  doc(id: string): FakeDocModel;
}

export function createDocumentFakes(env: FakeEnv): DocumentFakes {
  const drive = new FakeDriveApp(env);
  const store = new FakeDocStore(env, drive);
  const documentApp = new FakeDocumentApp(env, store);
  const docs = new FakeDocs(env, store);
  const charts = new FakeCharts(env);
  const driveApi = new FakeDrive(env, drive, store);
  return {
    globals: { DocumentApp: documentApp, Docs: docs, DriveApp: drive, Drive: driveApi, Charts: charts },
    driveApi,
    documentApp,
    docs,
    drive,
    charts,
    store,
    doc: (id) => store._doc(id),
  };
}
