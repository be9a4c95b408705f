/**
 * GoogleDocsSink against a small local Docs + Drive server built on the same structural Docs
 * model as the Apps Script fakes (test/support/fake-google-server.ts keeps a plain-text body
 * and answers tables with 400, so it cannot check the table index arithmetic).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Block, ChartBlock, ReportDoc } from "../../../src/core/report/model.js";
import { isUserError } from "../../../src/node/errors.js";
import { chartAsTable, FOLDER_MIME, GoogleDocsSink } from "../../../src/node/google/docs-sink.js";
import { type Server, startServer } from "../../support/fake-docs-server.js";
import { sampleReportRu } from "../../support/sample-report.js";
import { fakeSleep, testAuth } from "./helpers.js";

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const sink = (opts: Partial<ConstructorParameters<typeof GoogleDocsSink>[0]> = {}) =>
  new GoogleDocsSink({ auth: testAuth(), rootUrl: server.url, ...opts });

/** What the Doc reads: as plainText, a chart as the table of its values and its summary. */
function expectedLines(blocks: readonly Block[]): string[] {
  const lines: string[] = [];
  for (const b of blocks.flatMap((x) => (x.kind === "chart" ? chartAsTable(x) : [x]))) {
    if (b.kind === "heading") lines.push(b.text);
    else if (b.kind === "paragraph") lines.push(b.lead ? `${b.lead} ${b.text}` : b.text);
    else if (b.kind === "bullets") lines.push(...b.items);
    else if (b.kind === "table") {
      if (b.caption) lines.push(b.caption);
      lines.push(b.header.join("\t"), ...b.rows.map((r) => r.join("\t")));
    } else lines.push(b.title, b.alt);
  }
  return lines.filter((l) => l !== "");
}

/** The monthly job's way: open, clear, append in chunks of 8, share; then flush. */
async function render(s: GoogleDocsSink, doc: ReportDoc, existing: string | null, readers: string[] = []) {
  await s.prepare(existing, doc.title, "Отчёты координатора");
  const { id, url } = s.open(existing, doc.title, "Отчёты координатора");
  s.clear(id);
  for (let i = 0; i < doc.blocks.length; i += 8) s.append(id, doc.blocks.slice(i, i + 8));
  s.share(id, readers);
  expect(s.open(id, doc.title, "Отчёты координатора")).toEqual({ id, url });
  await s.flush();
  return { id, url };
}

function reportFor(groups: number, atRisk: number): ReportDoc {
  const g = Array.from({ length: groups }, (_, i) => `Группа ${i + 1}`);
  return {
    title: "Сводная ведомость: октябрь 2026",
    lang: "ru",
    blocks: [
      { kind: "heading", level: 1, text: "Сводная ведомость: октябрь 2026" },
      { kind: "paragraph", lead: "Учащихся:", text: String(groups * 12) },
      { kind: "heading", level: 2, text: "По группам" },
      {
        kind: "table",
        header: ["Группа", "Посещаемость, %"],
        rows: g.map((name, i) => [name, String(80 + (i % 20))]),
        align: ["left", "right"],
      },
      {
        kind: "chart",
        chart: "bar",
        title: "Посещаемость по группам, %",
        categories: g,
        series: [{ name: "Посещаемость, %", values: g.map((_, i) => 80 + (i % 20) + 0.5) }],
        max: 100,
        alt: "от 80 до 99,5 %",
      },
      { kind: "heading", level: 2, text: "Группа риска" },
      {
        kind: "table",
        header: ["ID", "Учащийся", "Группа", "Пропущено, %"],
        rows: Array.from({ length: atRisk }, (_, i) => [`S${i}`, `Учащийся ${i}`, g[i % groups], "35,0"]),
        align: ["left", "left", "left", "right"],
      },
      { kind: "bullets", items: ["Журналы заполнены."] },
    ],
  };
}

describe("GoogleDocsSink (googleapis docs_v1 + drive_v3)", () => {
  it("writes the report into a new Doc in the report folder, charts as tables of their values", async () => {
    const ru = sampleReportRu();
    const { id, url } = await render(sink(), ru, null, ["director@school.example"]);
    expect(url).toBe(`https://docs.google.com/document/d/${id}/edit`);
    const doc = server.world.doc(id);
    expect(doc.title).toBe(ru.title);
    expect(doc._lines()).toEqual(expectedLines(ru.blocks));
    expect(doc._lines()).toContain("Математика 5А/5Б (Иванова Е. П.)\t93,4");
    const folder = [...server.world.drive.items.values()].find((it) => it.mimeType === FOLDER_MIME)!;
    expect(folder.name).toBe("Отчёты координатора");
    expect(server.world.drive.items.get(id)?.parents).toEqual([folder.id]);
    expect(server.world.drive.items.get(id)?.viewers).toEqual(["director@school.example"]);
    expect(server.calls).toEqual([
      "GET /drive/v3/files", // the folder, by name
      "POST /drive/v3/files", // the folder
      "POST /drive/v3/files", // the Doc, in it
      "GET /v1/documents/:id",
      "POST /v1/documents/:id:batchUpdate",
      "GET /drive/v3/files/:id/permissions",
      "POST /drive/v3/files/:id/permissions",
    ]);
  });

  it("makes as many calls for 150 groups and 2,000 at-risk rows as for 10 groups", async () => {
    const small = reportFor(10, 17);
    const big = reportFor(150, 2000);
    const a = await render(sink(), small, null, ["a@school.example"]);
    expect(server.world.doc(a.id)._lines()).toEqual(expectedLines(small.blocks));
    const callsSmall = [...server.calls];
    server.reset();
    const b = await render(sink(), big, null, ["a@school.example"]);
    expect(server.world.doc(b.id)._lines()).toEqual(expectedLines(big.blocks));
    expect(server.calls).toEqual(callsSmall);
    expect(callsSmall.filter((c) => c.includes("documents"))).toHaveLength(2);
  });

  it("reruns in place: the same Doc (renamed if the title changed), the body replaced, the folder found again", async () => {
    const ru = sampleReportRu();
    const first = await render(sink(), ru, null);
    const once = server.world.doc(first.id)._lines();
    const items = server.world.drive.items.size;
    server.calls.length = 0;
    const again = await render(sink(), ru, first.id);
    expect(again).toEqual(first);
    expect(server.world.doc(first.id)._lines()).toEqual(once);
    expect(server.world.drive.items.size).toBe(items);
    expect(server.calls).toEqual([
      "GET /drive/v3/files/:id",
      "GET /v1/documents/:id",
      "POST /v1/documents/:id:batchUpdate",
      "GET /drive/v3/files/:id/permissions",
    ]);
    await render(sink(), { ...ru, title: "Monthly report" }, first.id);
    expect(server.world.drive.items.get(first.id)?.name).toBe("Monthly report");
    // A second Doc goes into the folder made the first time.
    const other = await render(sink(), ru, null);
    expect(server.world.drive.items.get(other.id)?.parents).toEqual(
      server.world.drive.items.get(first.id)?.parents,
    );
  });

  it("makes a new Doc when the remembered one was deleted or trashed", async () => {
    const ru = sampleReportRu();
    const first = await render(sink(), ru, null);
    server.world.drive._delete(first.id);
    const second = await render(sink(), ru, first.id);
    expect(second.id).not.toBe(first.id);
    expect(server.world.doc(second.id)._lines()).toEqual(expectedLines(ru.blocks));
    server.world.drive._trash(second.id);
    const third = await render(sink(), ru, second.id);
    expect(third.id).not.toBe(second.id);
  });

  it("a lost reply to the content write still ends with the report exactly once in the Doc", async () => {
    const ru = sampleReportRu();
    const first = await render(sink({ retry: fakeSleep().retry }), ru, null);
    server.calls.length = 0;
    server.loseNextReply();
    await render(sink({ retry: fakeSleep().retry }), ru, first.id);
    expect(server.world.doc(first.id)._lines()).toEqual(expectedLines(ru.blocks));
    // Read again and rewritten from what the Doc held after the lost (applied) write.
    expect(server.calls.filter((c) => c.startsWith("POST /v1/") || c.startsWith("GET /v1/"))).toEqual([
      "GET /v1/documents/:id",
      "POST /v1/documents/:id:batchUpdate",
      "GET /v1/documents/:id",
      "POST /v1/documents/:id:batchUpdate",
    ]);
  });

  it("finds the Doc made for the same spreadsheet and month when its ID was never saved", async () => {
    const ru = sampleReportRu();
    const place = { folder: "Отчёты", spreadsheetId: "book-1", month: "2026-10" };
    const first = await sink().prepare(null, ru.title, place);
    const again = await sink().prepare(null, "Новое название", place);
    expect(again.id).toBe(first.id);
    expect(server.world.drive.items.get(first.id)?.name).toBe("Новое название");
    const otherMonth = await sink().prepare(null, ru.title, { ...place, month: "2026-11" });
    expect(otherMonth.id).not.toBe(first.id);
    expect(server.drive.meta(first.id).appProperties).toEqual({
      coordinatorSpreadsheet: "book-1",
      coordinatorMonth: "2026-10",
    });
  });

  it("appends queued chunks after what the Doc holds when there was no clear", async () => {
    const ru = sampleReportRu();
    const s = sink();
    const { id } = await s.prepare(null, ru.title, "");
    s.append(id, ru.blocks.slice(0, 5));
    await s.flush();
    s.append(id, ru.blocks.slice(5));
    await s.flush();
    expect(server.world.doc(id)._lines()).toEqual(expectedLines(ru.blocks));
    expect(server.world.drive.items.get(id)?.parents).toEqual(["root"]);
  });

  it("shares with exactly the readers", async () => {
    const s = sink();
    const { id } = await s.prepare(null, "Отчёт", "");
    s.share(id, ["director@school.example", " Zavuch@School.example "]);
    await s.flush();
    expect(server.world.drive.items.get(id)?.viewers).toEqual([
      "director@school.example",
      "Zavuch@School.example",
    ]);
    server.calls.length = 0;
    s.share(id, ["zavuch@school.example", "methodist@school.example"]);
    await s.flush();
    expect(server.world.drive.items.get(id)?.viewers).toEqual([
      "Zavuch@School.example",
      "methodist@school.example",
    ]);
    expect(server.calls).toEqual([
      "GET /drive/v3/files/:id/permissions",
      "DELETE /drive/v3/files/:id/permissions/:id",
      "POST /drive/v3/files/:id/permissions",
    ]);
  });

  it("shares per address: a refused one is reported, one without a Google account invited, the rest shared", async () => {
    server.drive.forbidden.add("outside@other.example");
    server.drive.withoutAccount.add("committee@mail.example");
    const s = sink();
    const { id } = await s.prepare(null, "Отчёт", "");
    s.share(id, ["outside@other.example", "committee@mail.example", "director@school.example"]);
    const outcomes = await s.flush();
    expect(outcomes.map((o) => [o.email, o.status])).toEqual([
      ["outside@other.example", "failed"],
      ["committee@mail.example", "invited"],
      ["director@school.example", "shared"],
    ]);
    expect(outcomes[0].reason?.ru).toMatch(
      /^доступ для outside@other\.example не открыт: Правила домена Google Workspace не позволяют/,
    );
    expect(outcomes[0].reason?.en).toMatch(
      /^outside@other\.example was not given access: The Google Workspace/,
    );
    expect(server.world.drive.items.get(id)?.viewers).toEqual([
      "committee@mail.example",
      "director@school.example",
    ]);
    expect(server.drive.notified).toEqual(["committee@mail.example"]);
  });

  it("retries a passing outage and reports a refusal as one clear line", async () => {
    const { waits, retry } = fakeSleep();
    const s = sink({ retry });
    const { id } = await s.prepare(null, "Отчёт", "");
    s.append(id, [{ kind: "paragraph", text: "x" }]);
    server.failNext(503, 2);
    await s.flush();
    expect(waits).toHaveLength(2);
    expect(server.world.doc(id)._lines()).toEqual(["x"]);
    s.append(id, [{ kind: "paragraph", text: "y" }]);
    server.failNext(400);
    const err = await s.flush().catch((e: unknown) => e);
    expect(isUserError(err) && err.code).toBe("network");
  });

  it("asks for prepare() before open()", () => {
    expect(() => sink().open(null, "x", "")).toThrow(/prepare\(null/);
  });

  it("formats chart values in the report's language", () => {
    const c: ChartBlock = {
      kind: "chart",
      chart: "column",
      title: "T",
      categories: ["a", "b"],
      series: [{ name: "S", values: [93.45, null] }],
      alt: "A",
    };
    expect(chartAsTable(c, "ru")[0]).toMatchObject({
      rows: [
        ["a", "93,45"],
        ["b", ""],
      ],
    });
    expect(chartAsTable(c, "en")[0]).toMatchObject({
      rows: [
        ["a", "93.45"],
        ["b", ""],
      ],
    });
  });
});

describe("the running page header", () => {
  it("is created with the first rewrite and replaced by the next, through the Docs API", async () => {
    const s = sink();
    const doc = sampleReportRu();
    await s.prepare(null, doc.title, "");
    const { id } = s.open(null, doc.title, "");
    s.clear(id, "Школа № 7 · ноябрь 2026 г.");
    s.append(id, doc.blocks.slice(0, 3));
    await s.flush();
    expect([...server.world.doc(id).headers.values()]).toEqual(["Школа № 7 · ноябрь 2026 г.\n"]);
    s.clear(id, "Школа № 7 · декабрь 2026 г.");
    s.append(id, doc.blocks.slice(0, 3));
    await s.flush();
    expect([...server.world.doc(id).headers.values()]).toEqual(["Школа № 7 · декабрь 2026 г.\n"]);
  });
});
