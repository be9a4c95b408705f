import { afterEach, describe, expect, it } from "vitest";
import { xlsxLink } from "../../src/app/check.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import { type JobPorts, runMonthlyJob } from "../../src/app/monthly-job.js";
import { appsScriptDocSink, FOLDER_KEY, literalPattern } from "../../src/apps-script/doc-sink.js";
import { propertiesStore } from "../../src/apps-script/store.js";
import type { Block, ReportDoc } from "../../src/core/report/model.js";
import type { DocumentSink } from "../../src/ports.js";
import type { ChartSpec } from "../fakes/charts.js";
import { createFakes, type Fakes } from "../fakes/index.js";
import { CountingLock, FakeClock, FakeMailer, MemoryStore } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { sampleReportRu } from "../support/sample-report.js";

let fakes: Fakes;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function setup() {
  fakes = createFakes();
  restore = fakes.install();
  const store = propertiesStore();
  return { sink: appsScriptDocSink({ store }), store };
}

/** What the finished Doc reads (as the .docx): a chart is its image (no text) and its summary. */
function expectedLines(blocks: readonly Block[]): string[] {
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === "heading") lines.push(b.text);
    else if (b.kind === "paragraph") lines.push(b.lead ? `${b.lead} ${b.text}` : b.text);
    else if (b.kind === "bullets") lines.push(...b.items);
    else if (b.kind === "table") {
      if (b.caption) lines.push(b.caption);
      lines.push(b.header.join("\t"), ...b.rows.map((r) => r.join("\t")));
    } else {
      if (!b.categories.length || !b.series.length) lines.push(b.title);
      lines.push(b.alt);
    }
  }
  return lines.filter((l) => l !== "");
}

/** The monthly job's way: open, clear, append in chunks of 8, share. */
function render(sink: DocumentSink, doc: ReportDoc, existing: string | null, readers: string[] = []) {
  const { id, url } = sink.open(existing, doc.title, "Отчёты координатора");
  sink.clear(id);
  for (let i = 0; i < doc.blocks.length; i += 8) sink.append(id, doc.blocks.slice(i, i + 8));
  sink.share(id, readers);
  return { id, url };
}

/** A monthly report shaped like the narrative's, with `groups` groups and `atRisk` at-risk rows. */
function reportFor(groups: number, atRisk: number): ReportDoc {
  const g = Array.from({ length: groups }, (_, i) => `Группа ${i + 1} (${5 + (i % 7)}А)`);
  const classes = ["5А", "5Б", "6А", "6Б", "7А", "7Б", "8А", "9А", "10А", "11А"];
  return {
    title: "Сводная ведомость успеваемости: октябрь 2026",
    lang: "ru",
    blocks: [
      { kind: "heading", level: 1, text: "Сводная ведомость успеваемости: октябрь 2026" },
      { kind: "paragraph", style: "note", text: "Период: 01.10.2026–31.10.2026." },
      { kind: "heading", level: 2, text: "Итоги месяца" },
      { kind: "paragraph", lead: "Учащихся:", text: `${groups * 12}.` },
      { kind: "paragraph", lead: "Успеваемость:", text: "95,8 %." },
      { kind: "paragraph", lead: "Посещаемость:", text: "91,1 %." },
      { kind: "heading", level: 2, text: "По классам" },
      {
        kind: "table",
        header: ["Класс", "Учащихся", "Успеваемость, %"],
        rows: classes.map((c, i) => [c, String(20 + i), "90,0"]),
        align: ["left", "right", "right"],
      },
      { kind: "heading", level: 2, text: "По группам" },
      {
        kind: "table",
        header: ["Группа", "Учащихся", "Посещаемость, %", "Журнал, %"],
        rows: g.map((name, i) => [name, String(10 + (i % 5)), String(80 + (i % 20)), "100,0"]),
        align: ["left", "right", "right", "right"],
      },
      {
        kind: "chart",
        chart: "bar",
        title: "Посещаемость по группам, %",
        categories: g,
        series: [{ name: "Посещаемость, %", values: g.map((_, i) => 80 + (i % 20)) }],
        max: 100,
        alt: g.map((name, i) => `${name}: ${80 + (i % 20)} %`).join("; "),
      },
      {
        kind: "chart",
        chart: "column",
        title: "Распределение отметок за месяц",
        categories: ["5", "4", "3", "2", "1", "н/а"],
        series: [{ name: "Отметок", values: [40, 80, 60, 10, 0, 5] }],
        alt: "5: 40; 4: 80; 3: 60; 2: 10; 1: 0; н/а: 5",
      },
      { kind: "heading", level: 2, text: "Группа риска" },
      {
        kind: "table",
        header: ["Класс", "ID", "Учащийся", "Группа", "Пропущено, %", "Отметка", "Причины"],
        rows: Array.from({ length: atRisk }, (_, i) => [
          classes[i % classes.length],
          `S${1000 + i}`,
          `Учащийся ${i + 1}`,
          g[i % g.length],
          "35,0",
          i % 3 ? "2" : "н/а",
          "пропуски",
        ]),
        align: ["left", "left", "left", "left", "right", "center", "left"],
      },
      { kind: "heading", level: 2, text: "Успехи и проблемы" },
      { kind: "bullets", items: ["Журналы заполнены.", "Две группы без связи с тьютором."] },
      { kind: "paragraph", text: "Предложено провести встречи с родителями." },
    ],
  };
}

describe("appsScriptDocSink", () => {
  it("writes the report into a new Doc in the report folder: same text as the .docx, charts as images", () => {
    const { sink, store } = setup();
    const ru = sampleReportRu();
    const { id, url } = render(sink, ru, null);
    const doc = fakes.documents.doc(id);
    expect(url).toBe(`https://docs.google.com/document/d/${id}/edit`);
    expect(doc.title).toBe(ru.title);
    expect(doc._lines()).toEqual(expectedLines(ru.blocks));
    expect(doc._text()).not.toContain("{{chart");
    // Each chart is an image in its own centred paragraph, with the chart's title and summary as alt text.
    const images = doc._paragraphs().filter((p) => p.images.length);
    expect(images.map((p) => [p.text, p.style.alignment])).toEqual([
      ["", "CENTER"],
      ["", "CENTER"],
    ]);
    const charts = ru.blocks.filter((b) => b.kind === "chart");
    images.forEach((p, i) => {
      const c = charts[i];
      if (c.kind !== "chart") throw new Error("not a chart");
      const img = p.images[0];
      expect(img.contentType).toBe("image/png");
      expect([img.altTitle, img.altDescription]).toEqual([c.title, c.alt]);
      const spec = img.source as ChartSpec;
      expect(spec.type).toBe(c.chart === "bar" ? "BAR" : "COLUMN");
      expect(spec.title).toBe(c.title);
      expect(spec.width).toBe(600);
      expect(spec.rows).toEqual(c.categories.map((cat, k) => [cat, ...c.series.map((s) => s.values[k])]));
      expect(spec.columns.slice(1).map((col) => col.label)).toEqual(c.series.map((s) => s.name));
      expect(spec.options.range).toEqual(c.max === undefined ? undefined : [0, c.max]);
    });
    expect(doc.json().inlineObjects).toBeDefined();
    // The Doc sits in the folder the program made, remembered by id.
    const folderId = JSON.parse(store.get(FOLDER_KEY)!).id;
    expect(fakes.documents.drive.items.get(folderId)).toMatchObject({
      name: "Отчёты координатора",
      mimeType: "application/vnd.google-apps.folder",
    });
    expect(fakes.documents.drive.items.get(id)?.parents).toEqual([folderId]);
    expect(fakes.properties.script.getProperty("coordinator.report.folder")).toBe(
      JSON.stringify({ name: "Отчёты координатора", id: folderId }),
    );
  });

  it("appends chunk after chunk: the same Doc as one append", () => {
    const { sink } = setup();
    const ru = sampleReportRu();
    const one = sink.open(null, ru.title, "");
    sink.append(one.id, ru.blocks);
    const two = sink.open(null, ru.title, "");
    sink.append(two.id, ru.blocks.slice(0, 8));
    sink.append(two.id, ru.blocks.slice(8));
    const a = fakes.documents.doc(one.id);
    const b = fakes.documents.doc(two.id);
    expect(b._lines()).toEqual(a._lines());
    expect(b._paragraphs()).toEqual(a._paragraphs());
    // No folder asked for: the Doc stays where DocumentApp made it.
    expect(fakes.documents.drive.items.get(one.id)?.parents).toEqual(["root"]);
  });

  it("reruns in place: the same Doc, its body replaced, not appended twice", () => {
    const { sink } = setup();
    const ru = sampleReportRu();
    const first = render(sink, ru, null);
    // Lists get new ids on every render; number them by first appearance.
    const paragraphs = (id: string) => {
      const ids = new Map<string, number>();
      return fakes.documents
        .doc(id)
        ._paragraphs()
        .map((p) => {
          if (!p.bullet) return p;
          if (!ids.has(p.bullet.listId)) ids.set(p.bullet.listId, ids.size);
          return { ...p, bullet: { ...p.bullet, listId: String(ids.get(p.bullet.listId)) } };
        });
    };
    const once = paragraphs(first.id);
    const files = fakes.documents.drive.items.size;
    const again = render(sink, ru, first.id);
    expect(again).toEqual(first);
    expect(paragraphs(first.id)).toEqual(once);
    expect(fakes.documents.drive.items.size).toBe(files);
    // A new title (another language) renames the same Doc.
    render(sink, { ...ru, title: "Monthly report, October 2026" }, first.id);
    expect(fakes.documents.drive.items.get(first.id)?.name).toBe("Monthly report, October 2026");
  });

  it("makes a new Doc when the remembered one was deleted or trashed, in the same folder", () => {
    const { sink, store } = setup();
    const ru = sampleReportRu();
    const first = render(sink, ru, null);
    const folderId = JSON.parse(store.get(FOLDER_KEY)!).id;
    fakes.documents.drive._delete(first.id);
    const second = render(sink, ru, first.id);
    expect(second.id).not.toBe(first.id);
    expect(fakes.documents.doc(second.id)._lines()).toEqual(expectedLines(ru.blocks));
    expect(fakes.documents.drive.items.get(second.id)?.parents).toEqual([folderId]);
    fakes.documents.drive._trash(second.id);
    const third = render(sink, ru, second.id);
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    // A trashed folder is not reused either.
    fakes.documents.drive._trash(folderId);
    const fourth = render(sink, ru, null);
    const newFolder = JSON.parse(store.get(FOLDER_KEY)!).id;
    expect(newFolder).not.toBe(folderId);
    expect(fakes.documents.drive.items.get(fourth.id)?.parents).toEqual([newFolder]);
  });

  it("works under drive.file alone: no DriveApp call, which would need the full drive scope", () => {
    const { sink } = setup();
    const { id } = render(sink, sampleReportRu(), null, ["director@school.example"]);
    expect(fakes.calls.count(/^(DriveApp|File|Folder)\./)).toBe(0);
    expect(fakes.documents.drive.items.get(id)?.viewers).toEqual(["director@school.example"]);
  });

  it("a missing scope is an error, never a missing Doc (no new Doc on every run)", () => {
    const { sink } = setup();
    const { id } = sink.open(null, "Отчёт", "Отчёты координатора");
    restore?.();
    fakes = createFakes({ scopes: ["https://www.googleapis.com/auth/documents"] });
    restore = fakes.install();
    expect(() => appsScriptDocSink().open(id, "Отчёт", "")).toThrow(
      "You do not have permission to call Drive.Files.get. Required permissions: (https://www.googleapis.com/auth/drive.file || https://www.googleapis.com/auth/drive)",
    );
    expect(fakes.documents.drive.items.size).toBe(0);
  });

  it("shares with exactly the readers: adds the missing at once, removes the others", () => {
    const { sink } = setup();
    const { id } = sink.open(null, "Отчёт", "");
    const viewers = () => fakes.documents.drive.items.get(id)!.viewers;
    sink.share(id, ["director@school.example", " Zavuch@School.example ", ""]);
    expect(viewers()).toEqual(["director@school.example", "Zavuch@School.example"]);
    fakes.reset();
    sink.share(id, ["zavuch@school.example", "methodist@school.example"]);
    expect(viewers()).toEqual(["Zavuch@School.example", "methodist@school.example"]);
    expect(fakes.calls.count("Drive.Permissions.remove")).toBe(1);
    expect(fakes.calls.count("Drive.Permissions.create")).toBe(1);
    fakes.reset();
    sink.share(id, ["zavuch@school.example", "methodist@school.example"]);
    expect(fakes.calls.count(/^Drive\.Permissions\.(create|remove)$/)).toBe(0);
    expect(fakes.calls.count("Drive.Permissions.list")).toBe(1);
    sink.share(id, []);
    expect(viewers()).toEqual([]);
  });

  it("makes a constant number of service calls: 10 groups cost what 150 groups and 2,000 at-risk rows cost", () => {
    const count = (doc: ReportDoc) => {
      const { sink } = setup();
      fakes.reset();
      const { id } = render(sink, doc, null, ["director@school.example"]);
      const byMethod = { ...fakes.calls.byMethod };
      const lines = fakes.documents.doc(id)._lines();
      restore?.();
      restore = undefined;
      return { byMethod, total: fakes.calls.total, lines };
    };
    const small = reportFor(10, 17);
    const big = reportFor(150, 2000);
    const a = count(small);
    const b = count(big);
    expect(a.lines).toEqual(expectedLines(small.blocks));
    expect(b.lines).toEqual(expectedLines(big.blocks));
    // The one call that follows the data: DataTableBuilder.addRow, once per chart category (an
    // in-memory builder with no bulk form); every service call is the same.
    const { "DataTableBuilder.addRow": rowsA, ...restA } = a.byMethod;
    const { "DataTableBuilder.addRow": rowsB, ...restB } = b.byMethod;
    expect(rowsA).toBe(10 + 6);
    expect(rowsB).toBe(150 + 6);
    expect(restB).toEqual(restA);
    const docsCalls = Object.entries(restA).filter(([k]) => k.startsWith("Docs."));
    // clear: get + batchUpdate; each chunk of 8 blocks: get + batchUpdate, but the first chunk
    // after a clear knows the empty body's end and reads nothing.
    const chunks = Math.ceil(small.blocks.length / 8);
    expect(Object.fromEntries(docsCalls)).toEqual({
      "Docs.Documents.get": chunks,
      "Docs.Documents.batchUpdate": 1 + chunks,
    });
    expect(a.total - rowsA).toBe(b.total - rowsB);
    expect(a.total - rowsA).toBeLessThan(70);
  });

  it("says which advanced service to enable when Docs is missing", () => {
    const { sink } = setup();
    const { id } = sink.open(null, "Отчёт", "");
    const docs = globalThis as unknown as { Docs?: unknown };
    const saved = docs.Docs;
    docs.Docs = undefined;
    try {
      expect(() => sink.append(id, [{ kind: "paragraph", text: "x" }])).toThrow(
        /Docs advanced service.*docs.*v1/,
      );
    } finally {
      docs.Docs = saved;
    }
  });

  it("puts the chart's title in its place when the Charts service cannot draw it", () => {
    const { sink } = setup();
    const charts = globalThis as unknown as { Charts: { newColumnChart: () => unknown } };
    const original = charts.Charts.newColumnChart;
    charts.Charts.newColumnChart = () => {
      throw new Error("Exception: Service Charts failed");
    };
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => void warned.push(a);
    try {
      const ru = sampleReportRu();
      const { id } = sink.open(null, ru.title, "");
      sink.append(id, ru.blocks);
      const lines = fakes.documents.doc(id)._lines();
      expect(lines).toContain("Распределение отметок за месяц");
      expect(lines.join("\n")).not.toContain("{{chart");
      expect(
        fakes.documents
          .doc(id)
          ._paragraphs()
          .filter((p) => p.images.length),
      ).toHaveLength(1);
      expect(String(warned[0])).toContain("Service Charts failed");
    } finally {
      charts.Charts.newColumnChart = original;
      console.warn = warn;
    }
  });

  it("escapes placeholders for findText's regular expressions", () => {
    expect(literalPattern("{{chart:3}}")).toBe("\\{\\{chart:3\\}\\}");
    expect(new RegExp(literalPattern("a.b(c)[d]*+?^$|\\"), "u").test("a.b(c)[d]*+?^$|\\")).toBe(true);
  });

  it("runs under the monthly job: the Doc of the demo school reads as the report it was given", () => {
    const { sink } = setup();
    const appended: Block[] = [];
    const recording: DocumentSink = {
      open: (...a) => sink.open(...a),
      clear: (id) => sink.clear(id),
      append: (id, blocks) => {
        appended.push(...blocks);
        sink.append(id, blocks);
      },
      share: (id, r) => sink.share(id, r),
    };
    const wb = new MemoryWorkbook();
    writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-10-31" });
    const store = new MemoryStore();
    const ports: JobPorts = {
      wb,
      store,
      clock: new FakeClock(Date.parse("2026-11-01T03:00:00Z")),
      lock: new CountingLock(),
      docs: recording,
      mailer: new FakeMailer(),
      scheduleContinuation: () => {},
      user: "coordinator@school7.example",
      link: xlsxLink,
    };
    const r = runMonthlyJob(ports, "2026-10");
    expect(r.status).toBe("done");
    const id = store.get("report.doc.2026-10")!;
    expect(r.docUrl).toBe(`https://docs.google.com/document/d/${id}/edit`);
    expect(appended.length).toBeGreaterThan(8);
    expect(fakes.documents.doc(id)._lines()).toEqual(expectedLines(appended));
    expect(fakes.documents.drive.items.get(id)?.viewers).toEqual([
      "director@school7.example",
      "zavuch@school7.example",
    ]);
    // A rerun replaces the body of the same Doc.
    appended.length = 0;
    const again = runMonthlyJob(ports, "2026-10");
    expect(again.docUrl).toBe(r.docUrl);
    expect(fakes.documents.doc(id)._lines()).toEqual(expectedLines(appended));
  });
});

describe("the DocumentApp and Docs fakes agree on one document", () => {
  it("shows DocumentApp edits to the Docs service and Docs edits to DocumentApp", () => {
    setup();
    const app = fakes.documents.documentApp;
    const doc = app.create("Проба");
    const body = doc.getBody();
    body.appendParagraph("Первый");
    const id = doc.getId();
    const content = fakes.documents.docs.Documents.get(id).body!.content!;
    expect(content.map((e) => [e.startIndex, e.endIndex])).toEqual([
      [undefined, 1],
      [1, 2],
      [2, 9],
    ]);
    fakes.documents.docs.Documents.batchUpdate(
      { requests: [{ insertText: { location: { index: 2 }, text: "Ещё " } }] },
      id,
    );
    expect(app.openById(id).getBody().getText()).toBe("\nЕщё Первый");
    // A handle taken before the batchUpdate is stale, as a DocumentApp view is after Docs API edits.
    const p = body.getChild(1);
    fakes.documents.docs.Documents.batchUpdate(
      { requests: [{ insertText: { location: { index: 1 }, text: "x" } }] },
      id,
    );
    expect(() => (p as { getText(): string }).getText()).toThrow(/no longer in the document/);
    // findText takes a regular expression, RE2-strict about braces.
    expect(() => app.openById(id).getBody().findText("{{chart:1}}")).toThrow(/Invalid regular expression/);
    const fresh = app.openById(id).getBody();
    expect(fresh.getNumChildren()).toBe(2);
    expect(() => (fresh.getChild(1) as { removeFromParent(): unknown }).removeFromParent()).toThrow(
      /last paragraph/,
    );
    fakes.documents.drive._delete(id);
    expect(() => app.openById(id)).toThrow(/Document is missing/);
    expect(() => fakes.documents.docs.Documents.get(id)).toThrow(/not found/);
  });
});

type DocJson = import("googleapis/build/src/apis/docs/index.js").docs_v1.Schema$Document;

describe("the Doc's running page header", () => {
  it("is created on the first clear and filled by the next append with no extra call; a rerun replaces it", () => {
    const { sink } = setup();
    const { id } = sink.open(null, "Отчёт", "");
    const before = fakes.calls.count("Docs.Documents.batchUpdate");
    sink.clear(id, "Школа № 7 · Отчёт за ноябрь 2026 г.");
    sink.append(id, [{ kind: "paragraph", text: "Текст" }]);
    expect(fakes.calls.count("Docs.Documents.batchUpdate") - before).toBe(2);
    const header = () => {
      const api = (globalThis as unknown as { Docs: { Documents: { get(id: string, o: object): DocJson } } })
        .Docs;
      const doc = api.Documents.get(id, { fields: "documentStyle(defaultHeaderId),headers" });
      const hid = doc.documentStyle?.defaultHeaderId ?? "";
      return doc.headers?.[hid]?.content?.[0]?.paragraph?.elements?.[0]?.textRun?.content;
    };
    expect(header()).toBe("Школа № 7 · Отчёт за ноябрь 2026 г.\n");
    sink.clear(id, "Школа № 7 · Отчёт за декабрь 2026 г.");
    sink.append(id, [{ kind: "paragraph", text: "Текст" }]);
    expect(header()).toBe("Школа № 7 · Отчёт за декабрь 2026 г.\n");
  });
});
