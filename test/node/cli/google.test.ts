/** The CLI on a "real" Google Sheet: googleapis against the local fake server on 127.0.0.1. */

import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { cli } from "../../support/cli.js";
import { type Server as DocsServer, startServer as startDocsServer } from "../../support/fake-docs-server.js";
import { type GoogleEnv, startGoogleEnv } from "../../support/google-env.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

let google: GoogleEnv["google"];
let docsServer: DocsServer;
let router: Server;

/** One address for googleapis: the Sheets API to the Sheets fake, Docs and Drive to the Docs fake. */
async function startRouter(sheetsUrl: string, docsUrl: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const target = new URL(req.url!.startsWith("/v4/") ? sheetsUrl : docsUrl);
    const fwd = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 500, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(fwd);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
let g: GoogleEnv;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  g = await startGoogleEnv();
  google = g.google;
  dir = g.dir;
  docsServer = await startDocsServer();
  const routed = await startRouter(google.url, docsServer.url);
  router = routed.server;
  env = g.env(routed.url);
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  google.seedSpreadsheet("demo-sheet", Object.fromEntries(wb.sheets));
});

afterAll(async () => {
  await docsServer.close();
  await new Promise((ok) => router.close(ok));
  await g.close();
});

describe("coordinator on a Google Sheet (--spreadsheet)", () => {
  it("check reads the spreadsheet in one request and finds no problem in the demo school", async () => {
    const before = google.calls.length;
    const r = await cli(["check", "--spreadsheet", "demo-sheet"], env);
    expect(r.err).toBe("");
    expect(r.out).toBe("Проблем не найдено.");
    expect(r.code).toBe(0);
    expect(google.calls.length - before).toBe(1);
  });

  it("report writes the summary sheet in one batchUpdate and the Google Doc, updated in place on rerun", async () => {
    const before = google.calls.length;
    const r = await cli(["report", "--spreadsheet", "demo-sheet", "--month", "2026-10", "--out", dir], env);
    expect(r.err.split("\n")).toEqual([
      "Считаю показатели за 2026-10…",
      "Пишу сводную и документ Google…",
      "Собираю отчёт .docx…",
    ]);
    expect(r.code).toBe(0);
    const requests = google.calls.slice(before);
    expect(requests.filter((c) => c.path.endsWith(":batchUpdate")).map((c) => c.method)).toEqual(["POST"]);
    expect(google.sheet("demo-sheet", "Сводная 2026-10")).toBeDefined();
    const url = /Документ Google: (\S+)/.exec(r.out)?.[1];
    expect(url).toMatch(/^https:\/\/docs\.google\.com\/document\/d\/.+\/edit$/);
    const docId = url!.split("/")[5];
    const text = docsServer.world.store.find(docId)!.json() as { body: { content: unknown[] } };
    expect(JSON.stringify(text)).toContain("Отчёт о дистанционном обучении за октябрь 2026 г.");
    const again = await cli(
      ["report", "--spreadsheet", "demo-sheet", "--month", "2026-10", "--out", dir],
      env,
    );
    expect(/Документ Google: (\S+)/.exec(again.out)?.[1]).toBe(url);
  });

  it("says clearly what to do without credentials, without access, and for an unknown ID", async () => {
    const none = await cli(["check", "--spreadsheet", "demo-sheet"], {
      LANG: "ru_RU.UTF-8",
      COORDINATOR_GOOGLE_ROOT_URL: `${google.url}/`,
    });
    expect(none.code).toBe(2);
    expect(none.err).toContain("COORDINATOR_OAUTH_TOKEN");
    google.failNext(403);
    const denied = await cli(["check", "--spreadsheet", "demo-sheet"], env);
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(/доступ/i);
    const missing = await cli(["check", "--spreadsheet", "no-such-sheet"], env);
    expect(missing.code).toBe(2);
    expect(missing.err.split("\n")).toHaveLength(1);
    for (const r of [none, denied, missing]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("init sets up a Google Sheet: the demo only into an empty one, setup idempotent", async () => {
    google.seedSpreadsheet("empty-sheet", { Лист1: [[null]] });
    const demo = await cli(["init", "--demo", "--spreadsheet", "empty-sheet"], env);
    expect(demo.err).toBe("");
    expect(demo.out).toMatch(/добавлены листы: Настройки, Учащиеся, .*Журнал G01/);
    expect((await cli(["check", "--spreadsheet", "empty-sheet"], env)).out).toBe("Проблем не найдено.");
    const again = await cli(["init", "--spreadsheet", "empty-sheet"], env);
    expect(again.out).toMatch(/все листы на месте; данные не изменены\.$/);
    const refused = await cli(["init", "--demo", "--spreadsheet", "empty-sheet"], env);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("демонстрационная школа пишется только в пустую таблицу");
  });
});
