import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chartPlaceholder,
  clearRequests,
  docsRequests,
  docsText,
} from "../../../src/core/report/docs-requests.js";
import { type Block, plainText, type ReportDoc } from "../../../src/core/report/model.js";
import type { FakeDocModel } from "../../fakes/docs-service.js";
import { createDocumentFakes } from "../../fakes/document-app.js";
import { createEnv } from "../../fakes/env.js";
import { sampleReportEn, sampleReportRu } from "../../support/sample-report.js";

function fakes() {
  return createDocumentFakes(createEnv({}));
}

/** Append blocks to the document the way the sinks do: one batchUpdate at its end. */
function append(f: ReturnType<typeof fakes>, doc: FakeDocModel, blocks: readonly Block[]) {
  const r = docsRequests(blocks, doc.end - 1);
  if (r.requests.length) f.docs.Documents.batchUpdate({ requests: r.requests }, doc.id);
  return r;
}

/** What the Doc reads before charts are drawn: as plainText, a chart as its placeholder and summary. */
function expectedLines(blocks: readonly Block[]): string[] {
  const lines: string[] = [];
  const t = (s: string) => docsText(s).replace(/\u000b/g, "\n");
  const push = (s: string) => {
    if (t(s) !== "") lines.push(t(s));
  };
  blocks.forEach((b, i) => {
    switch (b.kind) {
      case "heading":
        push(b.text);
        break;
      case "paragraph": {
        // A lead that is nothing but characters the API strips is no lead.
        const lead = b.lead ? t(b.lead) : "";
        push(lead ? `${lead} ${b.text}` : b.text);
        break;
      }
      case "bullets":
        for (const item of b.items) push(t(item).replace(/^\t+/, ""));
        break;
      case "table": {
        if (b.caption) push(b.caption);
        const n = b.rows.reduce((m, r) => Math.max(m, r.length), b.header.length);
        if (n === 0) break;
        for (const r of [b.header, ...b.rows])
          lines.push(Array.from({ length: n }, (_, c) => t(r[c] ?? "")).join("\t"));
        break;
      }
      case "chart":
        if (b.categories.length && b.series.length) push(chartPlaceholder(i));
        else push(b.title);
        push(b.alt);
        break;
    }
  });
  return lines;
}

describe("docsRequests applied to a faithful model of the Docs index rules", () => {
  it("writes the Russian sample with the same text as plainText (a chart: placeholder, then its summary)", () => {
    const f = fakes();
    const doc = f.store.create("Отчёт");
    const ru = sampleReportRu();
    const { charts, next } = append(f, doc, ru.blocks);
    expect(doc._lines()).toEqual(expectedLines(ru.blocks));
    // Without the charts' lines it is plainText without the charts' titles.
    const noCharts: ReportDoc = { ...ru, blocks: ru.blocks.filter((b) => b.kind !== "chart") };
    const chartLines = new Set(charts.flatMap((c) => [c.placeholder, c.block.alt]));
    expect(
      doc
        ._lines()
        .filter((l) => !chartLines.has(l))
        .join("\n"),
    ).toBe(plainText(noCharts));
    expect(charts.map((c) => c.block.title)).toEqual([
      "Посещаемость по группам, %",
      "Распределение отметок за месяц",
    ]);
    // The body ends with the empty plain paragraph the next append starts at.
    expect(next).toBe(doc.end - 1);
    const last = doc._paragraphs().at(-1)!;
    expect(last).toMatchObject({ text: "", style: { namedStyleType: "NORMAL_TEXT" }, inTable: false });
    expect(last.bullet).toBeUndefined();
  });

  it("lays the table out cell by cell: every value in its row and column, header bold, numbers right-aligned", () => {
    const f = fakes();
    const doc = f.store.create("t");
    const ru = sampleReportRu();
    append(f, doc, ru.blocks);
    const block = ru.blocks.find((b) => b.kind === "table")!;
    if (block.kind !== "table") throw new Error("no table");
    const json = doc.json();
    const tables = json.body!.content!.filter((e) => e.table);
    expect(tables).toHaveLength(1);
    const table = tables[0].table!;
    expect(table.rows).toBe(block.rows.length + 1);
    expect(table.columns).toBe(block.header.length);
    expect(table.tableRows![0].tableRowStyle?.tableHeader).toBe(true);
    const cellText = (r: number, c: number) =>
      table
        .tableRows![r].tableCells![c].content![0].paragraph!.elements!.map((e) => e.textRun?.content)
        .join("");
    [block.header, ...block.rows].forEach((row, r) => {
      row.forEach((v, c) => {
        expect(cellText(r, c)).toBe(`${v}\n`);
      });
    });
    const cells = doc._paragraphs().filter((p) => p.inTable);
    expect(cells).toHaveLength((block.rows.length + 1) * block.header.length);
    cells.forEach((p, k) => {
      const r = Math.floor(k / block.header.length);
      const c = k % block.header.length;
      const bold = p.runs.every((run) => run.style.bold === true);
      expect(bold, `cell ${r},${c}`).toBe(r === 0);
      expect(p.style.alignment).toBe(block.align![c] === "right" ? "END" : undefined);
    });
    // The header cells are shaded.
    const header = table.tableRows![0].tableCells!;
    expect(header.every((c) => c.tableCellStyle?.backgroundColor)).toBe(true);
    expect(table.tableRows![1].tableCells!.some((c) => c.tableCellStyle?.backgroundColor)).toBe(false);
    // The caption is the paragraph right before the table: bold and kept with it.
    const at = json.body!.content!.indexOf(tables[0]);
    const caption = json.body!.content![at - 1].paragraph!;
    expect(caption.elements!.map((e) => e.textRun?.content).join("")).toBe(`${block.caption}\n`);
    expect(caption.paragraphStyle?.keepWithNext).toBe(true);
    expect(caption.elements![0].textRun?.textStyle?.bold).toBe(true);
  });

  it("styles headings, leads, notes, bullets and chart placeholders", () => {
    const f = fakes();
    const doc = f.store.create("s");
    const ru = sampleReportRu();
    append(f, doc, ru.blocks);
    const paras = doc._paragraphs().filter((p) => !p.inTable);
    const byText = (s: string) => paras.find((p) => p.text === s)!;
    for (const b of ru.blocks) {
      if (b.kind === "heading") expect(byText(b.text).style.namedStyleType).toBe(`HEADING_${b.level}`);
      if (b.kind === "paragraph") {
        const p = byText(b.lead ? `${b.lead} ${b.text}` : b.text);
        expect(p.style.namedStyleType).toBe("NORMAL_TEXT");
        const bold = p.runs.filter((r) => r.style.bold).map((r) => r.text);
        expect(bold).toEqual(b.lead ? [b.lead] : []);
        const small = p.runs.every(
          (r) => (r.style.fontSize as { magnitude: number } | undefined)?.magnitude === 9,
        );
        expect(small).toBe(b.style === "note");
        if (b.style === "note") expect(p.runs[0].style.foregroundColor).toBeDefined();
      }
    }
    const lists = ru.blocks.filter((b) => b.kind === "bullets");
    const listIds = lists.map((b) => {
      const items = b.kind === "bullets" ? b.items.map(byText) : [];
      expect(items.every((p) => p.bullet && p.bullet.listId === items[0].bullet!.listId)).toBe(true);
      return items[0].bullet!.listId;
    });
    expect(new Set(listIds).size).toBe(lists.length);
    expect(paras.filter((p) => p.bullet)).toHaveLength(
      lists.flatMap((b) => (b.kind === "bullets" ? b.items : [])).length,
    );
    for (const n of [11, 12]) {
      const p = byText(chartPlaceholder(n));
      expect(p.style).toMatchObject({ alignment: "CENTER", keepWithNext: true });
    }
  });

  it("aligns the title block and bolds «УТВЕРЖДАЮ»", () => {
    const f = fakes();
    const doc = f.store.create("s");
    append(f, doc, [
      { kind: "paragraph", text: "УТВЕРЖДАЮ", align: "right", bold: true },
      { kind: "paragraph", text: "№ ДО-2026-11 от 2 декабря 2026 г.", align: "center" },
      { kind: "paragraph", text: "Обычный текст" },
    ]);
    const [approve, number, plain] = doc._paragraphs();
    expect(approve.style).toMatchObject({ alignment: "END", keepWithNext: true });
    expect(approve.runs.filter((r) => r.style.bold).map((r) => r.text)).toEqual(["УТВЕРЖДАЮ"]);
    expect(number.style.alignment).toBe("CENTER");
    expect(number.runs.some((r) => r.style.bold)).toBe(false);
    expect(plain.style.alignment).toBeUndefined();
  });

  it("appends after what is there: two calls read the same as one", () => {
    const ru = sampleReportRu();
    const f = fakes();
    const once = f.store.create("once");
    append(f, once, ru.blocks);
    for (const cut of [1, 6, 8, 9, 12]) {
      const twice = f.store.create(`cut ${cut}`);
      append(f, twice, ru.blocks.slice(0, cut));
      append(f, twice, ru.blocks.slice(cut));
      // Placeholders are numbered per call; everything else is the same, styles included.
      const norm = (d: FakeDocModel) =>
        d._paragraphs().map((p) => {
          const un = (x: string) => x.replace(/^\{\{chart:\d+\}\}$/, "{{chart}}");
          return { ...p, text: un(p.text), runs: p.runs.map((r) => ({ ...r, text: un(r.text) })) };
        });
      const a = norm(twice).filter((p) => p.text !== "" || p.inTable);
      const b = norm(once).filter((p) => p.text !== "" || p.inTable);
      expect(a.map((p) => p.text)).toEqual(b.map((p) => p.text));
      expect(a.map((p) => [p.style, p.runs.map((r) => [r.text, r.style])])).toEqual(
        b.map((p) => [p.style, p.runs.map((r) => [r.text, r.style])]),
      );
    }
  });

  it("a table without a caption ends the paragraph before it; only at the start of a call an empty one is needed", () => {
    const en = sampleReportEn();
    const f = fakes();
    const doc = f.store.create("en");
    append(f, doc, en.blocks);
    const content = doc.json().body!.content!;
    const t = content.findIndex((e) => e.table);
    const before = content[t - 1].paragraph!;
    expect(before.elements!.map((e) => e.textRun?.content).join("")).toBe(
      "Attendance: 91.1% (September: 88.7%).\n",
    );
    expect(doc._paragraphs().filter((p) => !p.inTable && p.text === "")).toHaveLength(1); // the trailing one
    const split = f.store.create("split");
    append(f, split, en.blocks.slice(0, 2));
    append(f, split, en.blocks.slice(2));
    const renumber = (ls: string[]) => ls.map((l) => l.replace(/^\{\{chart:\d+\}\}$/, "{{chart}}"));
    expect(renumber(split._lines())).toEqual(renumber(doc._lines()));
    expect(split._paragraphs().filter((p) => !p.inTable && p.text === "")).toHaveLength(2);
  });

  it("counts what the API counts: UTF-16 units, line breaks, stripped control characters", () => {
    const blocks: Block[] = [
      { kind: "heading", level: 2, text: "Итоги 👍 месяца" },
      { kind: "paragraph", lead: "Итог\u0007:", text: "строка 1\r\nстрока 2\u0000\uE000" },
      { kind: "bullets", items: ["\t\tс табуляцией", "😀 второй"] },
      {
        kind: "table",
        caption: "Таблица 😀",
        header: ["Класс", "Доля\u0001, %"],
        rows: [
          ["5А 🙂", "50"],
          ["", "\u0002"],
        ],
        align: ["left", "right"],
      },
      { kind: "paragraph", style: "note", text: "после таблицы 🙂" },
    ];
    const f = fakes();
    const doc = f.store.create("u");
    append(f, doc, blocks);
    expect(doc._lines()).toEqual([
      "Итоги 👍 месяца",
      "Итог: строка 1\nстрока 2",
      "с табуляцией",
      "😀 второй",
      "Таблица 😀",
      "Класс\tДоля, %",
      "5А 🙂\t50",
      "\t",
      "после таблицы 🙂",
    ]);
    const lead = doc._paragraphs().find((p) => p.text.startsWith("Итог:"))!;
    expect(lead.runs[0]).toMatchObject({ text: "Итог:", style: { bold: true } });
    expect(doc._paragraphs().find((p) => p.text === "с табуляцией")!.bullet?.nestingLevel).toBe(0);
  });

  it("writes tables back to back, empty cells, a table with no columns, a chart without data", () => {
    const blocks: Block[] = [
      { kind: "table", header: ["A", "B"], rows: [["1"]] },
      { kind: "table", header: [], rows: [["x", "", "z"]], align: ["center"] },
      { kind: "table", caption: "Пустая", header: [], rows: [] },
      { kind: "chart", chart: "bar", title: "Нет данных", categories: [], series: [], alt: "Данных нет." },
      { kind: "bullets", items: [] },
      { kind: "paragraph", text: "" },
      { kind: "heading", level: 3, text: "Конец" },
    ];
    const f = fakes();
    const doc = f.store.create("edge");
    const r = append(f, doc, blocks);
    expect(r.charts).toEqual([]);
    expect(doc._lines()).toEqual([
      "A\tB",
      "1\t",
      "\t\t",
      "x\t\tz",
      "Пустая",
      "Нет данных",
      "Данных нет.",
      "Конец",
    ]);
    const center = doc._paragraphs().filter((p) => p.inTable && p.style.alignment === "CENTER");
    expect(center.map((p) => p.text)).toEqual(["", "x"]); // column 1 of the header row and of row 1
  });

  it("fails the way the API does when an index is wrong", () => {
    const f = fakes();
    const doc = f.store.create("bad");
    append(f, doc, sampleReportEn().blocks);
    const end = doc.end;
    // One past the insertion point: after the body's last "\n".
    const wrong = docsRequests([{ kind: "paragraph", text: "x" }], end);
    expect(() => f.docs.Documents.batchUpdate({ requests: wrong.requests }, doc.id)).toThrow(
      `Invalid requests[0].insertText: Index ${end} must be less than the end index of the referenced segment, ${end}.`,
    );
    // At a table's start: not inside a paragraph.
    const tableStart = doc.json().body!.content!.find((e) => e.table)!.startIndex!;
    expect(() =>
      f.docs.Documents.batchUpdate(
        { requests: docsRequests([{ kind: "heading", level: 2, text: "x" }], tableStart).requests },
        doc.id,
      ),
    ).toThrow(
      /Invalid requests\[0\]\.insertText: The insertion index must be inside the bounds of an existing paragraph/,
    );
    // A failed batch changes nothing.
    expect(doc.end).toBe(end);
  });

  it("clearRequests empties the body, tables included, and leaves one plain paragraph", () => {
    const f = fakes();
    const doc = f.store.create("c");
    append(f, doc, sampleReportRu().blocks);
    // A person made the last paragraph a list item: it is made plain too.
    f.docs.Documents.batchUpdate(
      {
        requests: [
          {
            createParagraphBullets: {
              range: { startIndex: doc.end - 1, endIndex: doc.end },
              bulletPreset: "BULLET_DISC_CIRCLE_SQUARE",
            },
          },
        ],
      },
      doc.id,
    );
    const body = f.docs.Documents.get(doc.id, {
      fields: "body.content(startIndex,endIndex,paragraph.bullet.listId)",
    }).body;
    expect(body!.content!.at(-1)!.paragraph?.bullet?.listId).toBeDefined();
    f.docs.Documents.batchUpdate({ requests: clearRequests(body) }, doc.id);
    expect(doc.end).toBe(2);
    expect(doc._paragraphs()).toEqual([
      { text: "", style: { namedStyleType: "NORMAL_TEXT" }, runs: [], images: [], inTable: false },
    ]);
    expect(doc.documentStyle).toMatchObject({ pageSize: { width: { magnitude: 595.3 } } });
    // An empty Doc needs no deletion.
    expect(
      clearRequests({ content: [{ endIndex: 1 }, { startIndex: 1, endIndex: 2 }] }).some(
        (r) => r.deleteContentRange,
      ),
    ).toBe(false);
  });

  it("keeps every index right for any mix of blocks (property)", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.constantFrom("", "\n", "a\r\nb", "\u0000x\u001f", "\uE123", "\tt", "😀"),
    );
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({
        kind: fc.constant("heading" as const),
        level: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
        text,
      }),
      fc.record(
        {
          kind: fc.constant("paragraph" as const),
          text,
          lead: text,
          style: fc.constantFrom("normal", "note") as fc.Arbitrary<"normal" | "note">,
        },
        { requiredKeys: ["kind", "text"] },
      ),
      fc.record({ kind: fc.constant("bullets" as const), items: fc.array(text, { maxLength: 4 }) }),
      fc.record(
        {
          kind: fc.constant("table" as const),
          caption: text,
          header: fc.array(text, { maxLength: 4 }),
          rows: fc.array(fc.array(text, { maxLength: 4 }), { maxLength: 4 }),
          align: fc.array(
            fc.constantFrom("left", "right", "center") as fc.Arbitrary<"left" | "right" | "center">,
            {
              maxLength: 4,
            },
          ),
        },
        { requiredKeys: ["kind", "header", "rows"] },
      ),
      fc.record({
        kind: fc.constant("chart" as const),
        chart: fc.constantFrom("bar", "column") as fc.Arbitrary<"bar" | "column">,
        title: text,
        categories: fc.array(text, { maxLength: 3 }),
        series: fc.array(
          fc.record({ name: text, values: fc.array(fc.option(fc.integer()), { maxLength: 3 }) }),
          {
            maxLength: 2,
          },
        ),
        alt: text,
      }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), fc.nat({ max: 8 }), (blocks, cut) => {
        const f = fakes();
        const doc = f.store.create("p");
        append(f, doc, blocks.slice(0, cut));
        append(f, doc, blocks.slice(cut));
        const renumber = (ls: string[]) => ls.map((l) => l.replace(/^\{\{chart:\d+\}\}$/, "{{chart}}"));
        expect(renumber(doc._lines())).toEqual(renumber(expectedLines(blocks)));
        const last = doc._paragraphs().at(-1)!;
        expect(last.text).toBe("");
        expect(last.inTable).toBe(false);
        expect(last.style.namedStyleType).toBe("NORMAL_TEXT");
      }),
      { numRuns: 300 },
    );
  });
});
