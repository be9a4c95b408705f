/**
 * The little XML the package layer needs: attribute read/write on one start tag, escaping and
 * entity decoding. The layer never re-serialises a part through a DOM: it splices text, so
 * every byte it does not mean to change stays as the producing program wrote it.
 */

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text or attribute value -> string (the five entities and character references). */
export function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== "#") return NAMED[e];
    return String.fromCodePoint(
      e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10),
    );
  });
}

/** Characters XML 1.0 forbids (C0 controls other than tab, newline, return): dropped on write. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const ATTR = new Map<string, RegExp>();

/** One attribute of a start tag (`<c r="A1" s="3">`), decoded; null when absent. */
export function attr(tag: string, name: string): string | null {
  let re = ATTR.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    ATTR.set(name, re);
  }
  const m = re.exec(tag);
  if (!m) return null;
  return decodeXml(m[2] ?? m[3]);
}

/** The start tag with the attribute set (added before the tag's end) or, with null, removed. */
export function setAttr(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (value === null) return tag.replace(re, "");
  const text = ` ${name}="${escapeXml(value)}"`;
  if (re.test(tag)) return tag.replace(re, text);
  return tag.replace(/\s*(\/?)>$/, `${text}$1>`);
}

/** The first element `<name …>…</name>` or `<name …/>` in xml, with its position. */
export function findElement(
  xml: string,
  name: string,
  from = 0,
): { start: number; end: number; text: string } | null {
  const open = new RegExp(`<${name}(?=[\\s/>])`, "g");
  open.lastIndex = from;
  const m = open.exec(xml);
  if (!m) return null;
  const tagEnd = xml.indexOf(">", m.index);
  if (xml[tagEnd - 1] === "/")
    return { start: m.index, end: tagEnd + 1, text: xml.slice(m.index, tagEnd + 1) };
  const close = `</${name}>`;
  const endAt = xml.indexOf(close, tagEnd);
  if (endAt < 0) throw new Error(`unclosed <${name}>`);
  const end = endAt + close.length;
  return { start: m.index, end, text: xml.slice(m.index, end) };
}

/** Every element of that name (not nested in one another), in order. */
export function findElements(xml: string, name: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let at = 0;
  for (;;) {
    const el = findElement(xml, name, at);
    if (!el) return out;
    out.push(el);
    at = el.end;
  }
}

/** The start tag of an element's text (`<sheet name="x" …/>` -> itself, `<a b="1">…` -> `<a b="1">`). */
export function startTag(element: string): string {
  return element.slice(0, element.indexOf(">") + 1);
}

/**
 * Insert a child element where the schema's sequence puts it: before the first present sibling
 * that the sequence lists after it, else before the root's end tag. Excel refuses a part whose
 * children are out of order.
 */
export function insertInOrder(
  xml: string,
  root: string,
  order: readonly string[],
  element: string,
  text: string,
): string {
  const at = order.indexOf(element);
  let pos = -1;
  for (const later of order.slice(at + 1)) {
    const el = findElement(xml, later);
    if (el && (pos < 0 || el.start < pos)) pos = el.start;
  }
  if (pos < 0) pos = xml.lastIndexOf(`</${root}>`);
  return `${xml.slice(0, pos)}${text}${xml.slice(pos)}`;
}
