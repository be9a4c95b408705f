/**
 * GoogleDocsSink against a small local Docs + Drive server built on the same structural Docs
 * model as the Apps Script fakes (test/support/fake-google-server.ts keeps a plain-text body
 * and answers tables with 400, so it cannot check the table index arithmetic).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Block, ChartBlock, ReportDoc } from "../../../src/core/report/model.js";
import { isUserError } from "../../../src/node/errors.js";
import { chartAsTable, DOC_MIME, FOLDER_MIME, GoogleDocsSink } from "../../../src/node/google/docs-sink.js";
import { applyMask, parseMask } from "../../fakes/docs-service.js";
import { createDocumentFakes, type DocumentFakes } from "../../fakes/document-app.js";
import { createEnv } from "../../fakes/env.js";
import { sampleReportRu } from "../../support/sample-report.js";
import { fakeSleep, testAuth } from "./helpers.js";

interface Server {
  url: string;
  world: DocumentFakes;
  /** "METHOD /route" of every request, ids replaced by ":id". */
  calls: string[];
  failNext(status: number, count?: number): void;
  reset(): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function startServer(): Promise<Server> {
  let world = createDocumentFakes(createEnv({ activeUser: "robot@project.iam.example" }));
  const calls: string[] = [];
  const failures: number[] = [];
  const item = (id: string) => {
    const it = world.drive.items.get(decodeURIComponent(id));
    if (!it) throw new HttpError(404, `File not found: ${id}.`);
    return it;
  };
  const fileJson = (id: string) => {
    const it = item(id);
    return {
      kind: "drive#file",
      id: it.id,
      name: it.name,
      mimeType: it.mimeType,
      trashed: it.trashed,
      parents: it.parents,
    };
  };
  const handle = (method: string, path: string, query: URLSearchParams, body: Record<string, unknown>) => {
    const fields = query.get("fields");
    const mask = (v: unknown) => (fields ? applyMask(v, parseMask(fields)) : v);
    const route = (re: RegExp, verb?: string) => (verb && method !== verb ? null : re.exec(path));
    const getDoc = route(/^\/v1\/documents\/([^/:]+)$/, "GET");
    if (getDoc) {
      const d = world.store.find(decodeURIComponent(getDoc[1]));
      if (!d) throw new HttpError(404, "Requested entity was not found.");
      return mask(d.json());
    }
    const update = route(/^\/v1\/documents\/([^/:]+):batchUpdate$/, "POST");
    if (update) {
      try {
        return world.docs.Documents.batchUpdate(body as never, decodeURIComponent(update[1]));
      } catch (e) {
        const text = String((e as Error).message);
        if (/not found/.test(text)) throw new HttpError(404, "Requested entity was not found.");
        throw new HttpError(400, text.replace(/^.*failed with error: /, ""));
      }
    }
    if (path === "/drive/v3/files" && method === "POST") {
      const mime = String(body.mimeType ?? "");
      const name = String(body.name ?? "Untitled");
      const parent = (body.parents as string[] | undefined)?.[0];
      if (parent) item(parent);
      const id = mime === DOC_MIME ? world.store.create(name).id : world.drive._addItem(name, mime).id;
      if (parent) item(id).parents = [parent];
      return mask(fileJson(id));
    }
    if (path === "/drive/v3/files" && method === "GET") {
      // The one query the sink makes: name = '…' and mimeType = '…' and trashed = false
      const q = query.get("q") ?? "";
      const name = /name = '((?:[^'\\]|\\.)*)'/.exec(q)?.[1]?.replace(/\\(.)/g, "$1");
      const mime = /mimeType = '([^']*)'/.exec(q)?.[1];
      if (!name || !mime || !/trashed = false/.test(q)) throw new HttpError(400, `Unsupported q: ${q}`);
      const files = [...world.drive.items.values()]
        .filter((it) => it.name === name && it.mimeType === mime && !it.trashed)
        .map((it) => fileJson(it.id));
      return mask({ files });
    }
    const file = route(/^\/drive\/v3\/files\/([^/]+)$/);
    if (file) {
      const it = item(file[1]);
      if (method === "GET") return mask(fileJson(it.id));
      if (method === "PATCH") {
        if (typeof body.name === "string") {
          it.name = body.name;
          const d = world.store.docs.get(it.id);
          if (d) d.title = body.name;
        }
        return mask(fileJson(it.id));
      }
    }
    const perms = route(/^\/drive\/v3\/files\/([^/]+)\/permissions$/);
    if (perms) {
      const it = item(perms[1]);
      if (method === "GET")
        return mask({
          permissions: [
            { id: "owner", type: "user", role: "owner", emailAddress: it.owner },
            ...it.viewers.map((v) => ({ id: `perm-${v}`, type: "user", role: "reader", emailAddress: v })),
          ],
        });
      if (method === "POST") {
        if (body.role !== "reader" || body.type !== "user" || typeof body.emailAddress !== "string")
          throw new HttpError(400, "role, type and emailAddress are required");
        if (query.get("sendNotificationEmail") !== "false")
          throw new HttpError(400, "expected no notification");
        world.drive._share(it, [body.emailAddress]);
        return mask({ id: `perm-${body.emailAddress}` });
      }
    }
    const perm = route(/^\/drive\/v3\/files\/([^/]+)\/permissions\/([^/]+)$/, "DELETE");
    if (perm) {
      const it = item(perm[1]);
      const pid = decodeURIComponent(perm[2]);
      const before = it.viewers.length;
      it.viewers = it.viewers.filter((v) => `perm-${v}` !== pid);
      if (it.viewers.length === before) throw new HttpError(404, `Permission not found: ${pid}.`);
      return undefined;
    }
    throw new HttpError(404, `No route for ${method} ${path}`);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      calls.push(`${method} ${u.pathname.replace(/\/(fake-[a-z]+-\d+|perm-[^/]+)/g, "/:id")}`);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
        res.end(payload === undefined ? "" : JSON.stringify(payload));
      };
      const fail = (status: number, message: string) =>
        send(status, {
          error: {
            code: status,
            message,
            status: status === 404 ? "NOT_FOUND" : "INVALID_ARGUMENT",
            errors: [{ message, reason: "x" }],
          },
        });
      const failure = failures.shift();
      if (failure) return fail(failure, `Canned failure ${failure}`);
      if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) return fail(401, "no credentials");
      try {
        const raw = Buffer.concat(chunks).toString("utf8");
        send(200, handle(method, u.pathname, u.searchParams, raw ? JSON.parse(raw) : {}));
      } catch (e) {
        if (e instanceof HttpError) fail(e.status, e.message);
        else send(500, { error: { code: 500, message: String(e), status: "INTERNAL" } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get world() {
      return world;
    },
    calls,
    failNext: (status, count = 1) => {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    reset() {
      world = createDocumentFakes(createEnv({ activeUser: "robot@project.iam.example" }));
      calls.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

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
