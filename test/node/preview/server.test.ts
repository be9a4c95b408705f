import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSidebar } from "../../../sidebar/build.mjs";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { type Preview, startPreview } from "../../../src/node/preview/server.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import type { RpcEnvelope } from "../../../src/rpc/contract.js";

let dir: string;
let file: string;
let preview: Preview;
const logged: unknown[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "preview-"));
  file = join(dir, "school.xlsx");
  const wb = XlsxWorkbook.create(file);
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
  await wb.save();
  const { path } = await buildSidebar(dir);
  preview = await startPreview({
    file,
    port: 0,
    html: path,
    user: "k01@school7.example",
    clock: { now: () => new Date("2026-11-23T09:00:00Z") },
    log: (e) => logged.push(e),
  });
}, 60_000);

afterAll(async () => {
  await preview?.close();
  await rm(dir, { recursive: true, force: true });
});

const rpc = async (method: string, payload: unknown): Promise<RpcEnvelope<Record<string, unknown>>> => {
  const r = await fetch(`${preview.url}rpc/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return (await r.json()) as RpcEnvelope<Record<string, unknown>>;
};

const contacts = async () => (await XlsxWorkbook.open(file)).read(["Контакты"]).get("Контакты")!.values;

describe("the preview server", () => {
  it("listens on 127.0.0.1 and serves the built sidebar with the google.script.run shim first", async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(preview.url)).text();
    expect(page.indexOf("window.google")).toBeGreaterThan(0);
    expect(page.indexOf("window.google")).toBeLessThan(page.indexOf('<div id="app">'));
  });

  it("runs the same server functions and saves the .xlsx after a write", async () => {
    const ctx = await rpc("context", {});
    expect(ctx).toMatchObject({ ok: true, value: { staffId: "K01", today: "2026-11-23" } });
    const before = (await contacts()).length;
    const out = await rpc("contactAdd", {
      date: "2026-11-23",
      staffId: "K01",
      groupId: "G03",
      studentId: "",
      channel: "email",
      summary: "=2+2 и привет",
    });
    expect(out).toEqual({ ok: true, value: { row: before + 1 } });
    const rows = await contacts();
    expect(rows.at(-1)).toEqual([
      new Date("2026-11-23T00:00:00Z"),
      "K01",
      "G03",
      null,
      "email",
      "=2+2 и привет",
    ]);
    // Neutralised on disk: a text cell with Excel's hidden text prefix (no visible apostrophe),
    // never a formula.
    const book = await XlsxWorkbook.open(file);
    const raw = book.cellXml("Контакты", rows.length, 6)!;
    expect(raw).toContain('t="inlineStr"');
    expect(raw).toContain(">=2+2 и привет</t>");
    expect(raw).not.toContain("<f>");
    const xf = Number(/ s="(\d+)"/.exec(raw)?.[1]);
    const xfs = book.package
      .text("xl/styles.xml")!
      .split("<cellXfs")[1]
      .match(/<xf\b[^>]*>/g)!;
    expect(xfs[xf]).toContain('quotePrefix="1"');
  });

  it("answers errors as envelopes; a failed save leaves file and memory as they were", async () => {
    expect(await rpc("nope", {})).toMatchObject({ ok: false, error: { code: "bad-args" } });
    const lock = join(dir, ".~lock.school.xlsx#");
    await writeFile(lock, "someone");
    const before = await readFile(file);
    const out = await rpc("contactAdd", {
      date: "2026-11-23",
      staffId: "K01",
      groupId: "G03",
      studentId: "",
      channel: "",
      summary: "не сохранится",
    });
    expect(out).toMatchObject({ ok: false, error: { code: "locked" } });
    await rm(lock);
    expect((await readFile(file)).equals(before)).toBe(true);
    // The next write does not carry the refused one along.
    await rpc("contactAdd", {
      date: "2026-11-23",
      staffId: "K01",
      groupId: "G03",
      studentId: "",
      channel: "",
      summary: "ok",
    });
    expect((await contacts()).map((r) => r[5])).not.toContain("не сохранится");
    expect(logged).toEqual([]);
  });

  it("reads the file again when another program saved it", async () => {
    const wb = await XlsxWorkbook.open(file);
    wb.write([{ sheet: "Учащиеся", cells: [{ row: 2, col: 2, values: [["Переименована Извне"]] }] }]);
    await new Promise((ok) => setTimeout(ok, 20));
    await wb.save();
    const ctx = await rpc("context", {});
    expect(JSON.stringify(ctx)).toContain("Переименована Извне");
  });

  it("refuses anything but a JSON POST to /rpc (no cross-site form posts)", async () => {
    const r = await fetch(`${preview.url}rpc/context`, { method: "POST", body: "{}" });
    expect(r.status).toBe(404);
    expect((await fetch(`${preview.url}secret.xlsx`)).status).toBe(404);
    expect(existsSync(file)).toBe(true);
  });

  /** A raw request (fetch cannot set Host); status, headers and body. */
  const raw = (path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((ok, fail) => {
      const req = request(
        { host: "127.0.0.1", port: preview.port, path, method: body === undefined ? "GET" : "POST", headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on("error", fail);
      req.end(body);
    });
  const json = { "content-type": "application/json" };

  it("refuses a foreign Host (DNS rebinding): no students read, no journal cell written", async () => {
    const host = { host: `evil.example:${preview.port}` };
    const read = await raw("/rpc/context", { ...json, ...host }, "{}");
    expect(read.status).toBe(403);
    expect(read.body).not.toContain("school7");
    expect((await raw("/", host)).status).toBe(403);
    const before = await readFile(file);
    const write = await raw(
      "/rpc/lessonSave",
      { ...json, ...host },
      JSON.stringify({ groupId: "G01", date: "2026-11-23", index: 1, expected: {}, values: { S001: "5" } }),
    );
    expect(write.status).toBe(403);
    expect((await readFile(file)).equals(before)).toBe(true);
    // Loopback names with the port are served.
    for (const h of [`127.0.0.1:${preview.port}`, `localhost:${preview.port}`])
      expect((await raw("/rpc/context", { ...json, host: h }, "{}")).status).toBe(200);
    expect((await raw("/rpc/context", { ...json, host: "localhost:1" }, "{}")).status).toBe(403);
  });

  it("refuses a cross-origin request and serves a same-origin one", async () => {
    const host = `127.0.0.1:${preview.port}`;
    const foreign = await raw("/rpc/context", { ...json, host, origin: "http://evil.example" }, "{}");
    expect(foreign.status).toBe(403);
    const site = await raw("/rpc/context", { ...json, host, "sec-fetch-site": "cross-site" }, "{}");
    expect(site.status).toBe(403);
    const same = await raw("/rpc/context", { ...json, host, origin: `http://${host}` }, "{}");
    expect(same.status).toBe(200);
  });

  it("sends the page with a CSP that names its inline script and style by hash", async () => {
    const r = await raw("/", { host: `127.0.0.1:${preview.port}` });
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp.match(/script-src ([^;]+)/)![1].split(" ")).toHaveLength(2); // the shim and the app
    expect(csp).not.toContain("unsafe-inline");
    expect(r.headers["x-frame-options"]).toBe("DENY");
  });

  it("answers 413 to a body over 1 MB", async () => {
    const big = JSON.stringify({ summary: "x".repeat(1_100_000) });
    const r = await raw("/rpc/contactAdd", { ...json, host: `127.0.0.1:${preview.port}` }, big);
    expect(r.status).toBe(413);
  });

  it("binds beyond loopback only with allowRemote, and then warns", async () => {
    const base = { file, port: 0, html: join(dir, "Sidebar.html"), log: (e: unknown) => logged.push(e) };
    await expect(startPreview({ ...base, host: "0.0.0.0" })).rejects.toMatchObject({ code: "bad-args" });
    const warned: string[] = [];
    const open = await startPreview({
      ...base,
      host: "0.0.0.0",
      allowRemote: true,
      warn: (t) => warned.push(t),
    });
    try {
      expect(warned.join("\n")).toMatch(/^ВНИМАНИЕ: панель доступна по сети \(0\.0\.0\.0:\d+\) без входа/);
      expect(warned.join("\n")).toContain("WARNING: the sidebar is reachable over the network");
    } finally {
      await open.close();
    }
  });
});
