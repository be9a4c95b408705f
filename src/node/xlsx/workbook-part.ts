/**
 * xl/workbook.xml and its relationships: which sheets exist, in which tab order, in which part,
 * hidden or not; adding a worksheet. Other content of workbook.xml (defined names, print titles,
 * workbook protection, calculation settings) is kept as written.
 */
import type { XlsxPackage } from "./package.js";
import {
  attr,
  decodeXml,
  escapeXml,
  findElement,
  findElements,
  insertInOrder,
  setAttr,
  startTag,
} from "./xml.js";

/** CT_Workbook's children in schema order (ECMA-376 Part 1, 18.2.27). */
export const WORKBOOK_ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

export interface SheetEntry {
  name: string;
  /** The part path inside the zip, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  /** The worksheet's start tag in workbook.xml, to find and rewrite it. */
  tag: string;
  kind: "worksheet" | "other";
}

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const SHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** The workbook part's path, from the package relationships (xl/workbook.xml by convention). */
export function workbookPath(pkg: XlsxPackage): string {
  const rels = pkg.text("_rels/.rels");
  const rel =
    rels &&
    findElements(rels, "Relationship").find((r) => /\/officeDocument$/.test(attr(r.text, "Type") ?? ""));
  const target = rel ? (attr(rel.text, "Target") ?? "") : "xl/workbook.xml";
  return target.replace(/^\//, "");
}

export function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target relative to the source part's folder, resolved to a zip path. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = sourcePart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

export function listSheets(pkg: XlsxPackage, wbPath: string): SheetEntry[] {
  const xml = pkg.text(wbPath);
  if (xml === null) throw new Error("no workbook part");
  const rels = new Map<string, { target: string; type: string }>();
  for (const r of findElements(pkg.text(relsPath(wbPath)) ?? "", "Relationship"))
    rels.set(attr(r.text, "Id") ?? "", {
      target: attr(r.text, "Target") ?? "",
      type: attr(r.text, "Type") ?? "",
    });
  const sheets = findElement(xml, "sheets");
  return findElements(sheets?.text ?? "", "sheet").map((s) => {
    const id = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(s.text)?.[1] ?? "";
    const rel = rels.get(decodeXml(id));
    return {
      name: attr(s.text, "name") ?? "",
      part: rel ? resolveTarget(wbPath, rel.target) : "",
      tag: s.text,
      kind: rel?.type === WORKSHEET_TYPE ? "worksheet" : "other",
    };
  });
}

/** Show or hide a sheet: only its `state` attribute changes. */
export function setSheetState(
  pkg: XlsxPackage,
  wbPath: string,
  entry: SheetEntry,
  hidden: boolean,
): SheetEntry {
  const xml = pkg.text(wbPath)!;
  const tag = setAttr(entry.tag, "state", hidden ? "hidden" : null);
  if (tag === entry.tag) return entry;
  pkg.setText(wbPath, xml.replace(entry.tag, tag));
  return { ...entry, tag };
}

function freeName(pkg: XlsxPackage, dir: string): string {
  for (let i = 1; ; i++) if (!pkg.has(`${dir}sheet${i}.xml`)) return `${dir}sheet${i}.xml`;
}

/** Append a new, empty worksheet after the existing tabs: its part, relationship, content type and tab. */
export function addWorksheet(pkg: XlsxPackage, wbPath: string, name: string, sheetXml: string): SheetEntry {
  const dir = `${wbPath.slice(0, wbPath.lastIndexOf("/") + 1)}worksheets/`;
  const part = freeName(pkg, dir);
  pkg.setText(part, sheetXml);
  const relsFile = relsPath(wbPath);
  const rels =
    pkg.text(relsFile) ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const ids = new Set(findElements(rels, "Relationship").map((r) => attr(r.text, "Id")));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const rid = `rId${n}`;
  const target = part.slice(wbPath.lastIndexOf("/") + 1);
  pkg.setText(
    relsFile,
    rels.replace(
      "</Relationships>",
      `<Relationship Id="${rid}" Type="${WORKSHEET_TYPE}" Target="${target}"/></Relationships>`,
    ),
  );
  addContentType(pkg, `/${part}`);
  const xml = pkg.text(wbPath)!;
  const ids2 = findElements(findElement(xml, "sheets")?.text ?? "", "sheet").map(
    (s) => Number(attr(s.text, "sheetId")) || 0,
  );
  // The relationships prefix is declared here: openpyxl declares it on each <sheet>, not the root.
  const tag = `<sheet xmlns:r="${REL_NS}" name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids2) + 1}" r:id="${rid}"/>`;
  const sheets = findElement(xml, "sheets");
  const next =
    sheets && !sheets.text.endsWith("/>")
      ? xml.replace("</sheets>", `${tag}</sheets>`)
      : xml.replace(
          sheets ? sheets.text : "</bookViews>",
          sheets ? `<sheets>${tag}</sheets>` : `</bookViews><sheets>${tag}</sheets>`,
        );
  pkg.setText(wbPath, next);
  return { name, part, tag, kind: "worksheet" };
}

function addContentType(pkg: XlsxPackage, partName: string): void {
  const ct = pkg.text("[Content_Types].xml")!;
  if (ct.includes(`PartName="${partName}"`)) return;
  pkg.setText(
    "[Content_Types].xml",
    ct.replace("</Types>", `<Override PartName="${partName}" ContentType="${SHEET_CONTENT_TYPE}"/></Types>`),
  );
}

/**
 * A formula the program writes has no cached result: ask the spreadsheet program to calculate
 * on opening (`calcPr fullCalcOnLoad`), and drop the calculation chain, a cache Excel rebuilds,
 * which would otherwise name cells whose formula the program replaced.
 */
export function recalculateOnLoad(pkg: XlsxPackage, wbPath: string): void {
  let xml = pkg.text(wbPath)!;
  const calc = findElement(xml, "calcPr");
  if (calc) {
    const tag = startTag(calc.text);
    xml = xml.replace(tag, setAttr(tag, "fullCalcOnLoad", "1"));
  } else {
    xml = insertInOrder(xml, "workbook", WORKBOOK_ORDER, "calcPr", '<calcPr fullCalcOnLoad="1"/>');
  }
  pkg.setText(wbPath, xml);
  dropCalcChain(pkg, wbPath);
}

export function dropCalcChain(pkg: XlsxPackage, wbPath: string): void {
  const relsFile = relsPath(wbPath);
  const rels = pkg.text(relsFile);
  if (!rels) return;
  const rel = findElements(rels, "Relationship").find((r) => /\/calcChain$/.test(attr(r.text, "Type") ?? ""));
  if (!rel) return;
  const part = resolveTarget(wbPath, attr(rel.text, "Target") ?? "");
  pkg.delete(part);
  pkg.setText(relsFile, rels.replace(rel.text, ""));
  const ct = pkg.text("[Content_Types].xml")!;
  const o = findElements(ct, "Override").find((e) => attr(e.text, "PartName") === `/${part}`);
  if (o) pkg.setText("[Content_Types].xml", ct.replace(o.text, ""));
}
