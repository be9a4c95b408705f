/**
 * How a generated sheet reads and prints (the summary sheet): column widths, number formats,
 * and the page setup — A4, landscape, fit to one page wide, header rows repeated on every page.
 * Each edit replaces only the element it owns, in the schema's order (ECMA-376 Part 1, 18.3.1).
 */
import type { SheetWrite } from "../../ports.js";
import type { XlsxPackage } from "./package.js";
import type { SheetData } from "./sheet-data.js";
import { WORKSHEET_ORDER } from "./sheet-parts.js";
import type { Styles } from "./styles.js";
import { WORKBOOK_ORDER } from "./workbook-part.js";
import { attr, escapeXml, findElement, findElements, insertInOrder, setAttr, startTag } from "./xml.js";

/** The head ends in the <sheetData> start tag: <cols> goes just before it, <sheetPr> first. */
const inHead = (head: string, element: "cols" | "sheetPr", text: string) => {
  const el = findElement(head.replace(/<sheetData\b[^>]*>$/, ""), element);
  if (el) return head.replace(el.text, text);
  if (element === "cols") {
    const at = head.search(/<sheetData\b[^>]*>$/);
    return at < 0 ? head : `${head.slice(0, at)}${text}${head.slice(at)}`;
  }
  const root = /<worksheet\b[^>]*>/.exec(head);
  if (!root) return head;
  const at = root.index + root[0].length;
  return `${head.slice(0, at)}${text}${head.slice(at)}`;
};

const inTail = (tail: string, element: string, text: string) => {
  const el = findElement(tail, element);
  return el ? tail.replace(el.text, text) : insertInOrder(tail, "worksheet", WORKSHEET_ORDER, element, text);
};

/** <cols> with one width (in characters) per column from A. */
export function setColumnWidths(head: string, widths: readonly number[]): string {
  if (!widths.length) return head;
  const cols = widths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(1, w)}" customWidth="1"/>`)
    .join("");
  return inHead(head, "cols", `<cols>${cols}</cols>`);
}

/** The cells of each range get the number format, through a format derived from their own. */
export function setNumberFormats(data: SheetData, styles: Styles, w: SheetWrite): void {
  for (const { range, format } of w.numberFormats ?? [])
    for (let r = range.row; r < range.row + range.rows; r++)
      for (let c = range.col; c < range.col + range.cols; c++) {
        const old = data.cell(r, c);
        if (!old) continue;
        const tag = startTag(old);
        const next = styles.derive(Number(attr(tag, "s") ?? 0), { numFmt: format });
        data.setCell(
          r,
          c,
          `${setAttr(tag.replace(/^<c\b/, "<c"), "s", String(next))}${old.slice(tag.length)}`,
        );
      }
}

/** A4, the orientation, and fit to one page wide (any number of pages tall). */
export function setPageSetup(data: SheetData, print: NonNullable<SheetWrite["print"]>): void {
  const fit = print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : "";
  const setup = `<pageSetup paperSize="9" orientation="${print.landscape ? "landscape" : "portrait"}"${fit}/>`;
  if (!findElement(data.tail, "pageMargins"))
    data.tail = inTail(
      data.tail,
      "pageMargins",
      '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>',
    );
  data.tail = inTail(data.tail, "pageSetup", setup);
  if (!print.fitToWidth) return;
  const pr = findElement(data.head.replace(/<sheetData\b[^>]*>$/, ""), "sheetPr");
  if (!pr) {
    data.head = inHead(data.head, "sheetPr", '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    return;
  }
  const inner = pr.text.endsWith("/>") ? "" : pr.text.slice(startTag(pr.text).length, -"</sheetPr>".length);
  const open = startTag(pr.text).replace(/\/>$/, ">");
  const rest = inner.replace(/<pageSetUpPr\b[^>]*\/>/, "");
  // pageSetUpPr comes after tabColor and outlinePr inside sheetPr.
  data.head = data.head.replace(pr.text, `${open}${rest}<pageSetUpPr fitToPage="1"/></sheetPr>`);
}

/** Rows 1..n repeated at the top of every printed page (the defined name _xlnm.Print_Titles). */
export function setPrintTitles(
  pkg: XlsxPackage,
  wbPath: string,
  sheet: string,
  index: number,
  rows: number,
): void {
  let xml = pkg.text(wbPath);
  if (!xml) return;
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  const name = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(`${quoted}!$1:$${rows}`)}</definedName>`;
  const names = findElement(xml, "definedNames");
  if (!names)
    xml = insertInOrder(
      xml,
      "workbook",
      WORKBOOK_ORDER,
      "definedNames",
      `<definedNames>${name}</definedNames>`,
    );
  else {
    const kept = findElements(names.text, "definedName")
      .filter(
        (d) =>
          !(attr(d.text, "name") === "_xlnm.Print_Titles" && attr(d.text, "localSheetId") === String(index)),
      )
      .map((d) => d.text);
    xml = xml.replace(names.text, `<definedNames>${kept.join("")}${name}</definedNames>`);
  }
  pkg.setText(wbPath, xml);
}
