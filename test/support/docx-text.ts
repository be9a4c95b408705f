/** Read a .docx back as text: a line per paragraph, a table row as tab-joined cells. */
import JSZip from "jszip";

export async function unzip(buffer: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(buffer);
}

export async function part(buffer: Buffer, path: string): Promise<string> {
  const file = (await unzip(buffer)).file(path);
  if (!file) throw new Error(`${path} is not in the .docx`);
  return file.async("string");
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Text of one paragraph's XML: its w:t runs, w:br as a newline, w:tab as a tab. */
export function paragraphText(xml: string): string {
  let out = "";
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)) {
    if (m[0] === "<w:br/>") out += "\n";
    else if (m[0] === "<w:tab/>") out += "\t";
    else out += unescapeXml(m[1]);
  }
  return out;
}

/** The body of word/document.xml as lines: a line per non-empty paragraph, a table row as cells joined by tabs. */
export async function docxText(buffer: Buffer): Promise<string> {
  const xml = await part(buffer, "word/document.xml");
  const body = xml.slice(xml.indexOf("<w:body>"), xml.indexOf("</w:body>"));
  const lines: string[] = [];
  for (const m of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    if (m[0].startsWith("<w:tbl>")) {
      for (const row of m[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
        const cells = [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphText(c[0]));
        lines.push(cells.join("\t"));
      }
    } else {
      const text = paragraphText(m[0]);
      if (text !== "") lines.push(text);
    }
  }
  return lines.join("\n");
}
