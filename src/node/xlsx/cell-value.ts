/**
 * One cell's XML <-> the port's values. Reading follows ECMA-376 Part 1, 18.3.1.4 (c): the type
 * attribute `t` says how to read <v>; a number in a date format is a date. Writing keeps the
 * cell's own style index, so a user's formatting of a cell the program fills survives.
 */
import { type CellValue, isFormula, safeCell, type WriteValue } from "../../core/cells.js";
import { MAX_CELL_TEXT } from "../../core/long-cells.js";
import type { Styles } from "./styles.js";
import { attr, decodeXml, escapeXml } from "./xml.js";

const NEUTRALISED = /^'[=+\-@\t\r]/;
const DAY_MS = 86400000;
/** Serial 0 of the 1900 date system as counted after the fictitious 29 Feb 1900, and of 1904. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export interface ReadContext {
  shared: readonly string[];
  styles: Styles;
  date1904: boolean;
}

/** The text of an <si> or <is>: its <t> runs joined, phonetic runs (<rPh>) left out. */
export function runText(xml: string): string {
  const bare = xml.includes("<rPh") ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let out = "";
  for (const m of bare.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += decodeXml(m[1] ?? "");
  return out;
}

function text(s: string): CellValue {
  if (s === "") return null;
  return NEUTRALISED.test(s) ? s.slice(1) : s;
}

const TAG = { v: /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/, f: /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/ };

function tagValue(inner: string, tag: "v" | "f"): string | null {
  const m = TAG[tag].exec(inner);
  return m ? decodeXml(m[1] ?? "") : null;
}

export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((date1904 ? EPOCH_1904 : EPOCH_1900) + serial * DAY_MS));
}

export function dateToSerial(d: Date, date1904 = false): number {
  return (d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
}

/** A cell's value as the program reads it: formulas give their cached result, else their text. */
export function readCell(attrs: string, inner: string, ctx: ReadContext): CellValue {
  if (inner === "") return null;
  const t = attr(attrs, "t") ?? "n";
  if (t === "inlineStr") return text(runText(inner));
  const v = tagValue(inner, "v");
  if (v === null) {
    const f = tagValue(inner, "f");
    return f ? `=${f}` : null;
  }
  switch (t) {
    case "s":
      return text(ctx.shared[Number(v)] ?? "");
    case "str":
    case "e":
      return text(v);
    case "b":
      return v === "1" || v === "true";
    case "d":
      return Number.isNaN(Date.parse(v)) ? text(v) : new Date(v);
    default: {
      const n = Number(v);
      if (Number.isNaN(n)) return text(v);
      return ctx.styles.isDate(Number(attr(attrs, "s") ?? 0)) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** Text cut to Excel's limit, its end marked; never a lone half of a surrogate pair. */
export function clampText(s: string): string {
  if (s.length <= MAX_CELL_TEXT) return s;
  let cut = MAX_CELL_TEXT - 1;
  if (/[\uD800-\uDBFF]/.test(s[cut - 1])) cut--;
  return `${s.slice(0, cut)}…`;
}

export interface CellXml {
  xml: string;
  /** A formula was written: the workbook must recalculate on opening. */
  formula: boolean;
}

/**
 * The XML of a written cell. `style` is the cell's style index (kept from the cell it replaces,
 * or a date format for a Date). Strings are inline (no shared-string table to rewrite), neutralised.
 */
export function cellXml(
  ref: string,
  style: number,
  value: WriteValue,
  date1904 = false,
  /** The style carries quotePrefix: formula-like text goes in as typed (it is a string cell). */
  quoted = false,
): CellXml {
  const s = style ? ` s="${style}"` : "";
  const v = quoted ? value : safeCell(value);
  if (v === null || (typeof v === "number" && !Number.isFinite(v)))
    return { xml: `<c r="${ref}"${s}/>`, formula: false };
  if (isFormula(v))
    return { xml: `<c r="${ref}"${s}><f>${escapeXml(v.formula.replace(/^=/, ""))}</f></c>`, formula: true };
  if (typeof v === "number") return { xml: `<c r="${ref}"${s}><v>${v}</v></c>`, formula: false };
  if (typeof v === "boolean")
    return { xml: `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`, formula: false };
  if (v instanceof Date)
    return { xml: `<c r="${ref}"${s}><v>${dateToSerial(v, date1904)}</v></c>`, formula: false };
  const body = escapeXml(clampText(v));
  const space = /^\s|\s$|\n/.test(body) ? ' xml:space="preserve"' : "";
  return { xml: `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${body}</t></is></c>`, formula: false };
}
