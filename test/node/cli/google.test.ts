/** The CLI on a "real" Google Sheet: googleapis against the local fake server on 127.0.0.1. */

import { writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import type { CellValue } from "../../../src/core/cells.js";
import { cli } from "../../support/cli.js";
import { type Server as DocsServer, startServer as startDocsServer } from "../../support/fake-docs-server.js";
import { type GoogleEnv, startGoogleEnv } from "../../support/google-env.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";
import { testServiceAccount } from "../google/helpers.js";

let google: GoogleEnv["google"];
let docsServer: DocsServer;
let router: Server;

/** One address for googleapis: Sheets and OAuth to the Sheets fake, Docs and Drive to the Docs fake. */
/** "METHOD path" of every request through the router, in order (both fakes together). */
const routed: string[] = [];

async function startRouter(sheetsUrl: string, docsUrl: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    routed.push(`${req.method} ${req.url!.split("?")[0]}`);
    const toSheets = req.url!.startsWith("/v4/") || req.url!.startsWith("/token");
    const target = new URL(toSheets ? sheetsUrl : docsUrl);
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
  docsServer = await startDocsServer({ whoIs: (a) => google.whoIs(a) });
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

/** The demo's support technician reports S084 absent from a lesson the journal shows attended (issue 18). */
const DEMO_CHECK = [
  "Вспомогательный персонал!E5: S084 по сведениям персонала отсутствовал, а в журнале Журнал G01!P6: «пусто»",
  "Найдено: 0 ошибок, 1 предупреждение.",
].join("\n");

describe("coordinator on a Google Sheet (--spreadsheet)", () => {
  it("check reads the spreadsheet in one request and finds in the demo school only its one support-staff discrepancy", async () => {
    const before = google.calls.length;
    const r = await cli(["check", "--spreadsheet", "demo-sheet"], env);
    expect(r.err).toBe("");
    expect(r.out).toBe(DEMO_CHECK);
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
    expect((await cli(["check", "--spreadsheet", "empty-sheet"], env)).out).toBe(DEMO_CHECK);
    const again = await cli(["init", "--spreadsheet", "empty-sheet"], env);
    expect(again.out).toMatch(/все листы на месте; данные не изменены\.$/);
    const refused = await cli(["init", "--demo", "--spreadsheet", "empty-sheet"], env);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("демонстрационная школа пишется только в пустую таблицу");
  });
});

/** The demo school with these settings changed (key -> value; a missing key is appended). */
function demoWith(settings: Record<string, string>): Record<string, CellValue[][]> {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  const rows = wb.sheets.get("Настройки")!;
  for (const [key, value] of Object.entries(settings)) {
    const row = rows.find((r) => r[0] === key);
    if (row) row[1] = value;
    else rows.push([key, value]);
  }
  return Object.fromEntries(wb.sheets);
}

const robot = testServiceAccount("reports@school-project.iam.gserviceaccount.com");
/** The Docs the fake Drive holds for this spreadsheet (found by the CLI's appProperties). */
const docsOf = (spreadsheetId: string) =>
  [...docsServer.world.drive.items.values()].filter(
    (it) => docsServer.drive.meta(it.id).appProperties.coordinatorSpreadsheet === spreadsheetId,
  );
const report = (id: string, extra: string[] = [], e = env) =>
  cli(["report", "--spreadsheet", id, "--month", "2026-10", "--out", dir, ...extra], e);

describe("coordinator report on Google with a service account, lost replies and failures", () => {
  let keyFile: string;
  beforeAll(async () => {
    google.addServiceAccount({ ...robot, delegatesFor: ["coordinator@school7.example"] });
    keyFile = join(dir, "robot.json");
    await writeFile(keyFile, JSON.stringify(robot.key));
  });
  const asRobot = () => ["--credentials", keyFile];

  it("a service account with a shared-drive folder gets its Doc there, shared after the sheet is written", async () => {
    const driveId = docsServer.addSharedDrive("Школа 7", { [robot.email]: "fileOrganizer" });
    const folder = docsServer.addFolder("Отчёты", driveId);
    google.seedSpreadsheet(
      "sa-sheet",
      demoWith({ "Папка отчётов (ID)": `https://drive.google.com/drive/folders/${folder}` }),
    );
    const from = routed.length;
    const r = await report("sa-sheet", asRobot());
    expect(r.err.split("\n")).toEqual([
      "Считаю показатели за 2026-10…",
      "Пишу сводную и документ Google…",
      "Собираю отчёт .docx…",
    ]);
    expect(r.code).toBe(0);
    const [doc] = docsOf("sa-sheet");
    expect(docsOf("sa-sheet")).toHaveLength(1);
    expect(doc.parents).toEqual([folder]);
    expect(doc.owner).toBe(""); // the shared drive owns it
    expect(docsServer.drive.meta(doc.id)).toEqual({
      driveId,
      appProperties: { coordinatorSpreadsheet: "sa-sheet", coordinatorMonth: "2026-10" },
    });
    expect(r.out).toContain(`Документ Google: https://docs.google.com/document/d/${doc.id}/edit`);
    expect(doc.viewers).toEqual(["director@school7.example", "zavuch@school7.example"]);
    // The token came from the JWT grant, and the order is Doc → sheet → sharing.
    expect(routed.slice(from).some((l) => l === "POST /token")).toBe(true);
    const order = routed.slice(from);
    const sheetWrite = order.findIndex((l) => l.endsWith(":batchUpdate") && l.includes("/v4/"));
    const docWrite = order.findIndex((l) => l.endsWith(":batchUpdate") && l.includes("/v1/documents/"));
    const firstShare = order.findIndex((l) => l.startsWith("POST") && l.endsWith("/permissions"));
    expect(docWrite).toBeGreaterThan(-1);
    expect(docWrite).toBeLessThan(sheetWrite);
    expect(sheetWrite).toBeLessThan(firstShare);
  });

  it("a service account without a shared-drive folder is told the fix, and nothing is written", async () => {
    google.seedSpreadsheet("sa-nofolder", demoWith({}));
    const r = await report("sa-nofolder", asRobot());
    expect(r.code).toBe(2);
    const lines = r.err.split("\n");
    expect(lines.at(-1)).toMatch(
      /^Google Диск не даёт сервисному аккаунту reports@school-project\.iam\.gserviceaccount\.com места для файлов \(storageQuotaExceeded\): укажите в листе «Настройки» параметр «Папка отчётов \(ID\)»/,
    );
    expect(lines.at(-1)).toContain("--impersonate EMAIL");
    expect(lines.at(-1)).not.toMatch(/откройте доступ/);
    expect(docsOf("sa-nofolder")).toHaveLength(0);
    expect(google.state.spreadsheets.get("sa-nofolder")!.sheets.map((s) => s.properties.title)).not.toContain(
      "Сводная 2026-10",
    );
  });

  it("--impersonate makes the Doc as the delegated user, in that user's Drive", async () => {
    google.seedSpreadsheet("sa-delegated", demoWith({}));
    const r = await report("sa-delegated", [...asRobot(), "--impersonate", "coordinator@school7.example"]);
    expect(r.err).not.toMatch(/storageQuotaExceeded/);
    expect(r.code).toBe(0);
    const [doc] = docsOf("sa-delegated");
    expect(doc.owner).toBe("coordinator@school7.example");
  });

  it("a lost reply to the sheet write still ends in success with one summary sheet", async () => {
    google.seedSpreadsheet("lost-sheet", demoWith({}));
    google.loseNextReply("503");
    const r = await report("lost-sheet");
    expect(r.err).not.toMatch(/ничего не изменено|already exists/);
    expect(r.code).toBe(0);
    const titles = google.state.spreadsheets.get("lost-sheet")!.sheets.map((s) => s.properties.title);
    expect(titles.filter((t) => t === "Сводная 2026-10")).toHaveLength(1);
    // The Doc's ID was saved by that one write: a rerun finds it through «_coordinator».
    const again = await report("lost-sheet");
    expect(again.code).toBe(0);
    expect(docsOf("lost-sheet")).toHaveLength(1);
    expect(again.out).toContain(docsOf("lost-sheet")[0].id);
  });

  it("a failed sheet write leaves no second Doc on the next run", async () => {
    google.seedSpreadsheet("orphan-sheet", demoWith({}));
    google.failNext(400, 1, undefined, /:batchUpdate$/);
    const failed = await report("orphan-sheet");
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/ничего не изменено/);
    const [doc] = docsOf("orphan-sheet");
    expect(docsOf("orphan-sheet")).toHaveLength(1);
    // Not shared yet: sharing waits for the data.
    expect(doc.viewers).toEqual([]);
    const again = await report("orphan-sheet");
    expect(again.code).toBe(0);
    expect(docsOf("orphan-sheet")).toHaveLength(1);
    expect(again.out).toContain(`https://docs.google.com/document/d/${doc.id}/edit`);
    expect(doc.viewers).toEqual(["director@school7.example", "zavuch@school7.example"]);
  });

  it("shares per address: one without a Google account is invited by Drive, the others shared", async () => {
    docsServer.drive.withoutAccount.add("parent.committee@mail.example");
    google.seedSpreadsheet(
      "share-sheet",
      demoWith({ "Получатели отчёта": "director@school7.example, parent.committee@mail.example" }),
    );
    const r = await report("share-sheet");
    expect(r.code).toBe(0);
    expect(r.err.split("\n")).toContain(
      "parent.committee@mail.example: нет аккаунта Google — Drive отправил приглашение письмом",
    );
    const [doc] = docsOf("share-sheet");
    expect(doc.viewers).toEqual(["director@school7.example", "parent.committee@mail.example"]);
    expect(docsServer.drive.notified).toEqual(["parent.committee@mail.example"]);
  });
});
