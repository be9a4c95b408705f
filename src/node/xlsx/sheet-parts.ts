/**
 * The parts of a worksheet outside its cells that the program sets: frozen rows, data
 * validations, header protection, the used range. Each edit replaces only the element it owns
 * and inserts new elements in the schema's order (CT_Worksheet, ECMA-376 Part 1, 18.3.1.99).
 */
import { a1Range } from "../../core/cells.js";
import type { Rect, Validation } from "../../ports.js";
import { type Box, boxText, MAX_COL, MAX_ROW, parseBox, refOf, subtract } from "./address.js";
import { attr, escapeXml, findElement, findElements, insertInOrder, setAttr, startTag } from "./xml.js";

export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The head of a worksheet (up to <sheetData>) with its <dimension> set to the used range. */
export function setDimension(head: string, rows: number, cols: number): string {
  const ref = rows && cols ? `A1:${refOf(rows, cols)}` : "A1";
  const el = findElement(head, "dimension");
  const tag = `<dimension ref="${ref}"/>`;
  if (el) return head.replace(el.text, tag);
  return insertHead(head, "dimension", tag);
}

/** insertInOrder on the head, which ends in the <sheetData> start tag. */
function insertHead(head: string, element: string, text: string): string {
  return insertInOrder(`${head}</worksheet>`, "worksheet", WORKSHEET_ORDER, element, text).slice(
    0,
    -"</worksheet>".length,
  );
}

/** Freeze the first n rows (0: unfreeze) in the first sheet view; the rest of the view stays. */
export function setFrozenRows(head: string, n: number): string {
  const pane =
    n > 0 ? `<pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/>` : "";
  const views = findElement(head, "sheetViews");
  if (!views)
    return n > 0
      ? insertHead(
          head,
          "sheetViews",
          `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`,
        )
      : head;
  const view = findElement(views.text, "sheetView");
  if (!view) return head;
  const open = startTag(view.text);
  const inner = view.text.endsWith("/>") ? "" : view.text.slice(open.length, -"</sheetView>".length);
  // A selection that names a pane must name one that exists.
  const rest = inner
    .replace(/<pane\b[^>]*\/>/, "")
    .replace(/<selection\b[^>]*\/>/g, (s) => (attr(s, "pane") ? "" : s));
  const selection = n > 0 ? `<selection pane="bottomLeft" activeCell="A${n + 1}" sqref="A${n + 1}"/>` : "";
  const tag = open.endsWith("/>") ? `${open.slice(0, -2)}>` : open;
  const next = `${tag}${pane}${selection}${rest}</sheetView>`;
  const newViews = views.text.replace(view.text, next);
  return head.replace(views.text, newViews);
}

function ruleXml(v: Validation, sqref: string): string {
  const style = v.strict ? "stop" : v.pattern ? "information" : "warning";
  const prompt = v.help ? ` showInputMessage="1" prompt="${escapeXml(v.help.slice(0, 255))}"` : "";
  const common = `errorStyle="${style}" allowBlank="1" showErrorMessage="1"${prompt} sqref="${sqref}"`;
  // Excel has no regular expressions: a pattern rule uses its list of suggestions, or only the help prompt.
  if (v.list?.length)
    return `<dataValidation type="list" ${common}><formula1>${escapeXml(`"${v.list.join(",")}"`)}</formula1></dataValidation>`;
  return `<dataValidation type="custom" ${common}><formula1>TRUE</formula1></dataValidation>`;
}

function boxOf(r: Rect): Box {
  return parseBox(a1Range(r.row, r.col, r.rows, r.cols))!;
}

/**
 * The tail with these validations set: every earlier validation loses the cells the new ones
 * cover (Excel refuses overlapping rules), so a rerun replaces instead of stacking.
 */
export function setValidations(tail: string, rules: readonly Validation[]): string {
  const boxes = rules.filter((v) => v.list?.length || v.help).map((v) => boxOf(v.range));
  const el = findElement(tail, "dataValidations");
  const kept: string[] = [];
  for (const dv of el ? findElements(el.text, "dataValidation") : []) {
    const open = startTag(dv.text);
    let parts = (attr(open, "sqref") ?? "")
      .split(/\s+/)
      .map(parseBox)
      .filter((b): b is Box => b !== null);
    for (const b of boxes) parts = parts.flatMap((p) => subtract(p, b));
    if (parts.length) kept.push(dv.text.replace(open, setAttr(open, "sqref", parts.map(boxText).join(" "))));
  }
  const added = rules.filter((v) => v.list?.length || v.help).map((v) => ruleXml(v, boxText(boxOf(v.range))));
  const all = [...kept, ...added];
  const xml = all.length ? `<dataValidations count="${all.length}">${all.join("")}</dataValidations>` : "";
  if (el) return tail.replace(el.text, xml);
  return xml ? insertInOrder(tail, "worksheet", WORKSHEET_ORDER, "dataValidations", xml) : tail;
}

/** Drop all validations (a cleared, regenerated sheet). */
export function clearValidations(tail: string): string {
  const el = findElement(tail, "dataValidations");
  return el ? tail.replace(el.text, "") : tail;
}

const OUR_RANGE = "coordinator";

/**
 * Protect the sheet so that only the first `headerRows` rows are locked: the rows below are an
 * "allow edit range" without a password (protectedRange), so no cell's style has to change.
 * A protection already on the sheet (perhaps with the user's password) is kept as it is.
 */
export function setHeaderProtection(tail: string, headerRows: number): string {
  let out = tail;
  if (!findElement(out, "sheetProtection"))
    out = insertInOrder(
      out,
      "worksheet",
      WORKSHEET_ORDER,
      "sheetProtection",
      '<sheetProtection sheet="1" objects="1" scenarios="1" formatCells="0" formatColumns="0" formatRows="0" insertRows="0" sort="0" autoFilter="0"/>',
    );
  const range = `<protectedRange name="${OUR_RANGE}" sqref="${boxText({ r1: headerRows + 1, c1: 1, r2: MAX_ROW, c2: MAX_COL })}"/>`;
  const el = findElement(out, "protectedRanges");
  if (!el)
    return insertInOrder(
      out,
      "worksheet",
      WORKSHEET_ORDER,
      "protectedRanges",
      `<protectedRanges>${range}</protectedRanges>`,
    );
  const others = findElements(el.text, "protectedRange")
    .filter((p) => attr(p.text, "name") !== OUR_RANGE)
    .map((p) => p.text);
  return out.replace(el.text, `<protectedRanges>${others.join("")}${range}</protectedRanges>`);
}
