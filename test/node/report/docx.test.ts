import { describe, expect, it } from "vitest";
import type { Block, ChartBlock, ReportDoc, TableBlock } from "../../../src/core/report/model.js";
import { columnWidths, renderDocx } from "../../../src/node/report/docx.js";
import { docxText, paragraphText, part, unescapeXml, unzip } from "../../support/docx-text.js";
import { sampleReportEn, sampleReportRu } from "../../support/sample-report.js";

const A4_TEXT_WIDTH = 11906 - 2 * 1134;

/** What the body should read, block by block (a chart's title lives in its own part; its alt is in the body). */
function expectedText(doc: ReportDoc): string {
  const lines: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === "heading") lines.push(b.text);
    else if (b.kind === "paragraph") lines.push(b.lead ? `${b.lead} ${b.text}` : b.text);
    else if (b.kind === "bullets") lines.push(...b.items);
    else if (b.kind === "table") {
      if (b.caption) lines.push(b.caption);
      lines.push(b.header.join("\t"), ...b.rows.map((r) => r.join("\t")));
    } else lines.push(b.alt);
  }
  return lines.join("\n");
}

function tables(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
}

function chartCategories(xml: string): string[] {
  const cat = xml.match(/<c:cat>[\s\S]*?<\/c:cat>/)?.[0] ?? "";
  return [...cat.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => unescapeXml(m[1]));
}

function blocksOf<K extends Block["kind"]>(doc: ReportDoc, kind: K): Extract<Block, { kind: K }>[] {
  return doc.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);
}

describe("renderDocx", () => {
  const ru = sampleReportRu();
  const rendered = renderDocx(ru);

  it("writes a zip holding word/document.xml, with the title as the document property", async () => {
    const buffer = await rendered;
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    const zip = await unzip(buffer);
    expect(zip.file("word/document.xml")).not.toBeNull();
    const core = await part(buffer, "docProps/core.xml");
    expect(core).toContain(`<dc:title>${ru.title}</dc:title>`);
  });

  it("keeps every heading, paragraph, bullet and table cell, in order, Cyrillic intact", async () => {
    const text = await docxText(await rendered);
    expect(text).toBe(expectedText(ru));
    expect(text).toContain("Отчёт о дистанционном обучении за октябрь 2026 г.");
    expect(text).toContain("по сравнению с сентябрём, больше всего — в 10А и 11А.");
  });

  it("renders the English sample the same way, in en-US", async () => {
    const en = sampleReportEn();
    const buffer = await renderDocx(en);
    expect(await docxText(buffer)).toBe(expectedText(en));
    const styles = await part(buffer, "word/styles.xml");
    expect(styles).toContain('w:lang w:val="en-US"');
    expect(styles).not.toContain("ru-RU");
  });

  it("sets A4 portrait, 2 cm margins, the language, the font and page numbers", async () => {
    const buffer = await rendered;
    const xml = await part(buffer, "word/document.xml");
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    for (const side of ["top", "right", "bottom", "left"])
      expect(xml).toMatch(new RegExp(`w:${side}="1134"`));
    const styles = await part(buffer, "word/styles.xml");
    expect(styles).toContain('w:lang w:val="ru-RU"');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Arial"[\s\S]*<\/w:docDefaults>/);
    const footer = await part(buffer, "word/footer1.xml");
    expect(footer).toContain("PAGE");
    expect(footer).toContain("NUMPAGES");
    expect(paragraphText(footer)).toContain("Страница");
  });

  it("uses the font it is given, in the text and the charts' theme", async () => {
    const buffer = await renderDocx(sampleReportEn(), { font: "DejaVu Sans" });
    expect(await part(buffer, "word/styles.xml")).toMatch(/<w:docDefaults>[\s\S]*w:ascii="DejaVu Sans"/);
    expect(await part(buffer, "word/theme/theme1.xml")).toContain('typeface="DejaVu Sans"');
    expect(await part(buffer, "word/charts/chart1.xml")).toContain('typeface="DejaVu Sans"');
  });

  it("makes bullets real list items, not bullet characters in the text", async () => {
    const buffer = await rendered;
    const numbering = await part(buffer, "word/numbering.xml");
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    const xml = await part(buffer, "word/document.xml");
    const items = blocksOf(ru, "bullets").flatMap((b) => b.items);
    const listed = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].filter((p) => p[0].includes("<w:numPr>"));
    expect(listed.map((p) => paragraphText(p[0]))).toEqual(items);
    expect(await docxText(buffer)).not.toContain("•");
  });

  it("gives notes the small grey style and leads bold", async () => {
    const buffer = await rendered;
    const styles = await part(buffer, "word/styles.xml");
    const note = styles.match(/<w:style [^>]*w:styleId="Note"[\s\S]*?<\/w:style>/)?.[0] ?? "";
    expect(note).toContain('<w:sz w:val="18"/>');
    expect(note).toMatch(/<w:color w:val="595959"\/>/);
    const xml = await part(buffer, "word/document.xml");
    const notes = blocksOf(ru, "paragraph").filter((p) => p.style === "note");
    const noted = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .filter((p) => p[0].includes('<w:pStyle w:val="Note"/>'))
      .map((p) => paragraphText(p[0]));
    // the notes, then each chart's alt text (also a note)
    expect(noted).toEqual([...notes.map((n) => n.text), ...blocksOf(ru, "chart").map((c) => c.alt)]);
    const lead = blocksOf(ru, "paragraph").find((p) => p.lead)!;
    expect(xml).toMatch(new RegExp(`<w:b/>[^]*?<w:t[^>]*>${lead.lead}</w:t>`));
  });

  it("writes tables with a repeated bold header row, every row, borders, widths and column alignment", async () => {
    const buffer = await rendered;
    const xml = await part(buffer, "word/document.xml");
    const [t] = tables(xml);
    const block = blocksOf(ru, "table")[0];
    const rows = [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(block.rows.length + 1);
    expect(rows[0]).toContain("<w:tblHeader/>");
    expect(rows[1]).not.toContain("<w:tblHeader/>");
    expect(rows[0].match(/<w:b\/>/g)).toHaveLength(block.header.length);
    expect(t).toMatch(/<w:insideH w:val="single"/);
    const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(block.header.length);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(A4_TEXT_WIDTH);
    const cells = [...rows[1].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
    const aligned = cells.map((c) => c.match(/<w:jc w:val="(\w+)"\/>/)?.[1]);
    expect(aligned).toEqual(block.align);
  });

  it("writes each chart as a native Word chart with its categories, title, kind and axis", async () => {
    const buffer = await rendered;
    const zip = await unzip(buffer);
    const parts = Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    expect(parts.sort()).toEqual(["word/charts/chart1.xml", "word/charts/chart2.xml"]);
    const [bar, column] = blocksOf(ru, "chart");
    const barXml = await part(buffer, "word/charts/chart1.xml");
    expect(chartCategories(barXml)).toEqual(bar.categories);
    expect(barXml).toContain('<c:barDir val="bar"/>');
    expect(barXml).toContain(`<a:t>${bar.title}</a:t>`);
    expect(barXml).toContain('<c:max val="100"/>');
    expect(barXml).toContain('<c:orientation val="maxMin"/>');
    expect(barXml).toContain('<c:crosses val="max"/>');
    expect(barXml).toContain('<c:gapWidth val="60"/>');
    const colXml = await part(buffer, "word/charts/chart2.xml");
    expect(chartCategories(colXml)).toEqual(["5", "4", "3", "2", "н/а"]);
    expect(column.categories).toEqual(["5", "4", "3", "2", "н/а"]);
    expect(colXml).toContain('<c:barDir val="col"/>');
    expect(colXml).toContain("<c:v>88</c:v>");
    expect(colXml).not.toContain("<c:max ");
    const xml = await part(buffer, "word/document.xml");
    expect(xml).toContain(`descr="${bar.alt}"`);
  });

  it("survives what spreadsheet data can hold: control characters, line breaks, NaN, empty charts, ragged rows", async () => {
    const doc: ReportDoc = {
      title: "Bad\u0001 input",
      lang: "en",
      blocks: [
        { kind: "paragraph", text: "a\u0007b\nsecond line" },
        { kind: "table", header: ["A", "B", "C"], rows: [["1"], ["1", "2", "3"]] },
        { kind: "chart", chart: "column", title: "Empty", categories: [], series: [], alt: "No data." },
        {
          kind: "chart",
          chart: "bar",
          title: "Odd",
          categories: ["x", "y"],
          series: [{ name: "s", values: [Number.NaN, 5, 7] }],
          alt: "One value.",
        },
      ],
    };
    const buffer = await renderDocx(doc);
    const xml = await part(buffer, "word/document.xml");
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    expect(await docxText(buffer)).toBe(
      ["ab\nsecond line", "A\tB\tC", "1\t\t", "1\t2\t3", "Empty", "No data.", "One value."].join("\n"),
    );
    const zip = await unzip(buffer);
    expect(Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(1);
    const chart = await part(buffer, "word/charts/chart1.xml");
    expect(chartCategories(chart)).toEqual(["x", "y"]);
    expect(chart).toContain("<c:v>5</c:v>");
    expect(chart).not.toContain("NaN");
    expect(chart).not.toContain("<c:v>7</c:v>");
  });

  it("renders a 300-row, 10-column table with two charts in a few seconds at most", async () => {
    const big: TableBlock = {
      kind: "table",
      header: [
        "Ученик",
        "Класс",
        "Группа",
        "Уроков",
        "Пропусков",
        "Отметок",
        "Средний балл",
        "Отметка",
        "Риск",
        "Тьютор",
      ],
      rows: Array.from({ length: 300 }, (_, i) => [
        `Ученик №${i + 1}`,
        `${5 + (i % 7)}А`,
        `Группа ${i % 34}`,
        String(16 + (i % 5)),
        String(i % 9),
        String(3 + (i % 6)),
        (3 + (i % 20) / 10).toFixed(2),
        String(3 + (i % 3)),
        i % 11 === 0 ? "да" : "",
        `Тьютор ${i % 12}`,
      ]),
      align: ["left", "left", "left", "right", "right", "right", "right", "right", "center", "left"],
    };
    const charts = blocksOf(ru, "chart") as ChartBlock[];
    const doc: ReportDoc = { title: "Большая таблица", lang: "ru", blocks: [big, ...charts] };
    const t0 = performance.now();
    const buffer = await renderDocx(doc);
    const ms = performance.now() - t0;
    console.log(`300×10 table + 2 charts: ${ms.toFixed(0)} ms, ${(buffer.length / 1024).toFixed(0)} KB`);
    expect(ms).toBeLessThan(5000);
    const [t] = tables(await part(buffer, "word/document.xml"));
    expect(t.match(/<w:tr[ >]/g)).toHaveLength(301);
  });
});

describe("columnWidths", () => {
  it("fills the text width, widest where the text is longest", () => {
    const w = columnWidths(["Ученик", "«5»"], [["Иванова Анастасия Сергеевна", "3"]]);
    expect(w.reduce((a, b) => a + b, 0)).toBe(A4_TEXT_WIDTH);
    expect(w[0]).toBeGreaterThan(w[1] * 4);
    expect(w[1]).toBeGreaterThan(3 * 100);
  });

  it("gives a header room to stay on one line when there is room", () => {
    const w = columnWidths(["Успеваемость, %", "Класс"], [["91,7", "5А"]], 6000);
    expect(w[0]).toBeGreaterThan(w[1] * 2);
    expect(w[0] + w[1]).toBe(6000);
  });

  it("when cramped, keeps header words and figures whole and lets long names wrap", () => {
    const header = [
      "Ученик",
      "Класс",
      "Группа",
      "Уроков",
      "Пропусков",
      "Отметок",
      "Средний балл",
      "Отметка",
      "Риск",
    ];
    const rows = [
      ["Константинопольская Анастасия Сергеевна", "10А", "Математика 7", "18", "2", "7", "4,25", "4", "да"],
    ];
    const w = columnWidths(header, rows);
    expect(w.reduce((a, b) => a + b, 0)).toBe(A4_TEXT_WIDTH);
    // about 0.55 em of 9 pt (99 twips) a character at least, for every header word and figure
    header.forEach((h, c) => {
      const longest = Math.max(
        ...h.split(" ").map((x) => x.length),
        ...rows[0][c].split(" ").map((x) => x.length),
      );
      expect(w[c]).toBeGreaterThanOrEqual(longest * 99);
    });
    expect(w[0]).toBeLessThan(rows[0][0].length * 99);
    expect(w[0]).toBe(Math.max(...w));
  });

  it("counts the widest row when rows are wider than the header", () => {
    const w = columnWidths(["A"], [["1", "2", "3"]], 900);
    expect(w).toHaveLength(3);
    expect(w.reduce((a, b) => a + b, 0)).toBe(900);
  });
});
