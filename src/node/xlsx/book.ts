/**
 * The opened package as the adapter sees it: the workbook part, its sheets, shared strings and
 * styles, and each worksheet's cells parsed only when a sheet is read or written.
 */

import type { CellValue } from "../../core/cells.js";
import { type ReadContext, runText } from "./cell-value.js";
import type { XlsxPackage } from "./package.js";
import { readSheetBytes } from "./read-sheet.js";
import { SheetData } from "./sheet-data.js";
import { Styles } from "./styles.js";
import { listSheets, relsPath, resolveTarget, type SheetEntry, workbookPath } from "./workbook-part.js";
import { readValues } from "./write-sheet.js";
import { attr, findElement, findElements } from "./xml.js";

export class PrefixedXml extends Error {
  constructor(readonly prefix: string) {
    super(`the workbook's XML uses the namespace prefix "${prefix}:"`);
  }
}

export class Book {
  readonly wbPath: string;
  entries: SheetEntry[];
  private sheets = new Map<string, SheetData>();
  private sharedCache: string[] | null = null;
  private stylesCache: Styles | null = null;
  readonly date1904: boolean;
  /** Parts whose sheet data was changed, to serialise on save. */
  readonly edited = new Set<string>();

  constructor(readonly pkg: XlsxPackage) {
    this.wbPath = workbookPath(pkg);
    const root = /<([\w.-]+:)?workbook[\s>]/.exec(pkg.text(this.wbPath) ?? "");
    if (!root) throw new Error("no workbook part");
    // Some generators (the OpenXML SDK) prefix every element (`<x:row>`); the scanners here read
    // the default namespace that Excel, LibreOffice, Google and openpyxl write. Refuse, never misread.
    if (root[1]) throw new PrefixedXml(root[1].slice(0, -1));
    this.entries = listSheets(pkg, this.wbPath);
    const pr = findElement(pkg.text(this.wbPath) ?? "", "workbookPr");
    this.date1904 = pr ? /^(1|true)$/.test(attr(pr.text, "date1904") ?? "") : false;
  }

  /** The part a workbook relationship of this type points to (styles, sharedStrings). */
  relatedPart(type: string): string | null {
    const rels = this.pkg.text(relsPath(this.wbPath)) ?? "";
    const rel = findElements(rels, "Relationship").find((r) =>
      (attr(r.text, "Type") ?? "").endsWith(`/${type}`),
    );
    return rel ? resolveTarget(this.wbPath, attr(rel.text, "Target") ?? "") : null;
  }

  shared(): string[] {
    if (this.sharedCache) return this.sharedCache;
    const part = this.relatedPart("sharedStrings");
    const xml = (part && this.pkg.text(part)) || "";
    const out: string[] = [];
    for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] ? runText(m[1]) : "");
    this.sharedCache = out;
    return out;
  }

  styles(): Styles {
    this.stylesCache ??= Styles.read(this.pkg, this.relatedPart("styles"));
    return this.stylesCache;
  }

  stylesChanged(): boolean {
    return this.stylesCache?.changed() ?? false;
  }

  entry(name: string): SheetEntry | undefined {
    return this.entries.find((e) => e.name === name && e.kind === "worksheet");
  }

  /** The sheet's values: from the edited copy if there is one, else read fast and nothing kept. */
  values(entry: SheetEntry, ctx: ReadContext): CellValue[][] {
    const edited = this.sheets.get(entry.part);
    if (edited) return readValues(edited, ctx);
    const bytes = this.pkg.bytes(entry.part);
    return bytes ? readSheetBytes(bytes, ctx) : [];
  }

  /** The sheet's data to edit, kept until saved. */
  sheet(entry: SheetEntry): SheetData {
    let s = this.sheets.get(entry.part);
    if (!s) {
      s = SheetData.parse(this.pkg.text(entry.part) ?? "");
      this.sheets.set(entry.part, s);
    }
    return s;
  }

  editedSheets(): [string, SheetData][] {
    return [...this.edited].map((p) => [p, this.sheets.get(p)!]);
  }
}
