/**
 * xl/styles.xml as far as the program needs it: which cell formats show dates, and new formats
 * for a cell that needs a fill, bold or a date format. A new format is always appended (a copy
 * of the cell's own with the one change); an existing one is never changed, since other cells,
 * the user's among them, share it.
 */
import type { XlsxPackage } from "./package.js";
import { attr, findElement, findElements, setAttr, startTag } from "./xml.js";

/** Built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A format code shows a date when, outside quotes, escapes and [colour]/[$-locale] brackets, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const MINIMAL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export const minimalStyles = MINIMAL;

export interface StyleChange {
  /** ARGB of a solid fill, or null for no fill. */
  fill?: string | null;
  bold?: boolean;
  /** A number format code, e.g. dd.mm.yyyy. */
  numFmt?: string;
  /** Excel's hidden text prefix: the cell shows «=1+1» as typed and stays text when edited. */
  quotePrefix?: boolean;
}

export class Styles {
  private xfs: string[];
  private fonts: string[];
  private fills: string[];
  private formats = new Map<number, string>();
  private added = {
    xfs: [] as string[],
    fonts: [] as string[],
    fills: [] as string[],
    numFmts: [] as string[],
  };
  private derived = new Map<string, number>();
  private dateXf: boolean[];

  constructor(private xml: string) {
    this.xfs = findElements(findElement(xml, "cellXfs")?.text ?? "", "xf").map((e) => e.text);
    this.fonts = findElements(findElement(xml, "fonts")?.text ?? "", "font").map((e) => e.text);
    this.fills = findElements(findElement(xml, "fills")?.text ?? "", "fill").map((e) => e.text);
    for (const f of findElements(findElement(xml, "numFmts")?.text ?? "", "numFmt"))
      this.formats.set(Number(attr(f.text, "numFmtId")), attr(f.text, "formatCode") ?? "");
    this.dateXf = this.xfs.map((x) => this.isDateId(Number(attr(x, "numFmtId") ?? 0)));
  }

  static read(pkg: XlsxPackage, path: string | null): Styles {
    return new Styles((path && pkg.text(path)) || MINIMAL);
  }

  private isDateId(id: number): boolean {
    const code = this.formats.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id);
  }

  /** Does the cell format with this index show a date? */
  isDate(xf: number): boolean {
    return this.dateXf[xf] ?? false;
  }

  /** The ARGB of the solid fill of this cell format, or null when it has none. */
  fillColor(xf: number): string | null {
    const fill = this.fills[Number(attr(this.xfs[xf] ?? "", "fillId") ?? 0)] ?? "";
    if (!/patternType="solid"/.test(fill)) return null;
    return /<fgColor\b[^>]*\brgb="([0-9A-Fa-f]{8})"/.exec(fill)?.[1]?.toUpperCase() ?? null;
  }

  isBold(xf: number): boolean {
    const font = this.fonts[Number(attr(this.xfs[xf] ?? "", "fontId") ?? 0)] ?? "";
    return /<b(\s+val="(1|true)")?\s*\/>/.test(font);
  }

  /** The index of a format like `xf` but with the change; the same change twice gives the same index. */
  derive(xf: number, change: StyleChange): number {
    const key = `${xf}|${change.fill}|${change.bold}|${change.numFmt}|${change.quotePrefix}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    let tag = startTag(
      this.xfs[xf] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    );
    const body = (this.xfs[xf] ?? "").slice(tag.length);
    if (change.fill !== undefined)
      tag = setAttr(setAttr(tag, "fillId", String(this.fill(change.fill))), "applyFill", "1");
    if (change.bold)
      tag = setAttr(
        setAttr(tag, "fontId", String(this.boldFont(Number(attr(tag, "fontId") ?? 0)))),
        "applyFont",
        "1",
      );
    if (change.numFmt)
      tag = setAttr(setAttr(tag, "numFmtId", String(this.numFmt(change.numFmt))), "applyNumberFormat", "1");
    if (change.quotePrefix) tag = setAttr(tag, "quotePrefix", "1");
    const text = body
      ? `${tag.replace(/\/>$/, ">")}${body}`
      : tag.endsWith("/>")
        ? tag
        : `${tag.slice(0, -1)}/>`;
    const index = this.xfs.length;
    this.xfs.push(text);
    this.added.xfs.push(text);
    this.dateXf.push(this.isDateId(Number(attr(tag, "numFmtId") ?? 0)));
    this.derived.set(key, index);
    return index;
  }

  private fill(argb: string | null): number {
    if (argb === null) return 0;
    const text = `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
    const i = this.fills.indexOf(text);
    if (i >= 0) return i;
    this.fills.push(text);
    this.added.fills.push(text);
    return this.fills.length - 1;
  }

  private boldFont(fontId: number): number {
    const base = this.fonts[fontId] ?? "<font/>";
    const open = startTag(base);
    const text = open.endsWith("/>")
      ? `${open.slice(0, -2)}><b/></font>`
      : `${open}<b/>${base.slice(open.length)}`;
    const i = this.fonts.indexOf(text);
    if (i >= 0) return i;
    this.fonts.push(text);
    this.added.fonts.push(text);
    return this.fonts.length - 1;
  }

  private numFmt(code: string): number {
    for (const [id, c] of this.formats) if (c === code) return id;
    const id = Math.max(163, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    this.added.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${code}"/>`);
    return id;
  }

  changed(): boolean {
    return this.added.xfs.length > 0;
  }

  /** styles.xml with the new entries appended to their lists and the counts updated. */
  toXml(): string {
    let xml = this.xml;
    xml = appendTo(xml, "numFmts", this.added.numFmts, "styleSheet");
    xml = appendTo(xml, "fonts", this.added.fonts);
    xml = appendTo(xml, "fills", this.added.fills);
    xml = appendTo(xml, "cellXfs", this.added.xfs);
    return xml;
  }
}

function appendTo(xml: string, list: string, items: string[], createIn?: string): string {
  if (!items.length) return xml;
  const el = findElement(xml, list);
  if (!el) {
    if (!createIn) throw new Error(`styles.xml has no <${list}>`);
    // numFmts is the first child of styleSheet.
    const root = findElement(xml, createIn)!;
    const at = xml.indexOf(">", root.start) + 1;
    return `${xml.slice(0, at)}<${list} count="${items.length}">${items.join("")}</${list}>${xml.slice(at)}`;
  }
  const open = startTag(el.text);
  const count = findElements(
    el.text,
    list === "numFmts" ? "numFmt" : list.replace(/s$/, "").replace(/^cellX/, "x"),
  ).length;
  const inner = el.text.endsWith("/>") ? "" : el.text.slice(open.length, -`</${list}>`.length);
  const tag = setAttr(
    open.endsWith("/>") ? `${open.slice(0, -2)}>` : open,
    "count",
    String(count + items.length),
  );
  return `${xml.slice(0, el.start)}${tag}${inner}${items.join("")}</${list}>${xml.slice(el.end)}`;
}
