/**
 * The local preview of the sidebar: the same dist/Sidebar.html, served on 127.0.0.1 with a
 * small shim for google.script.run that POSTs to /rpc/<method>, answered by the same server
 * functions (src/app/sidebar) over an .xlsx through XlsxWorkbook. Requests run one at a time
 * (the in-process lock), and the workbook is saved atomically after every write.
 */

import { access, readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { loadWorkbook } from "../../app/load.js";
import { compileMonth } from "../../app/report.js";
import { preflightReport, withOmissions } from "../../app/report-preflight.js";
import { audit } from "../../app/sidebar/common.js";
import { dispatch, failure } from "../../app/sidebar/dispatch.js";
import { createSidebarServer } from "../../app/sidebar/index.js";
import { UserError } from "../../core/errors.js";
import type { Clock, Lock, SheetWrite, Workbook } from "../../ports.js";
import type { ReportOutcome, RpcEnvelope } from "../../rpc/contract.js";
import { writeFileAtomic } from "../atomic.js";
import { clockFromEnv } from "../clock.js";
import { renderDocx } from "../report/docx.js";
import { XlsxWorkbook } from "../xlsx-workbook.js";
import { allowedHosts, contentSecurityPolicy, isLoopback, MAX_BODY, refusal } from "./guard.js";

export interface PreviewOptions {
  /** The .xlsx workbook. */
  file: string;
  /** 0 picks a free port (tests). Default 8787. */
  port?: number;
  /** The bind address; default 127.0.0.1. Anything beyond loopback needs `allowRemote`. */
  host?: string;
  /**
   * Listen on a non-loopback address (`--allow-remote`): anyone on that network can then read
   * the students and parents' contacts and write the journal — there is no login. Off by default.
   */
  allowRemote?: boolean;
  /** Where the warning about a non-loopback bind goes; default stderr. */
  warn?: (text: string) => void;
  /** The email the sidebar works as («Аудит», own groups first). */
  user?: string;
  clock?: Clock;
  /** The built sidebar; default dist/Sidebar.html. */
  html?: string;
  /** Where unexpected errors are logged (the page only gets a generic message). */
  log?: (e: unknown) => void;
}

export interface Preview {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Stands in for google.script.run: `run.withSuccessHandler(f).withFailureHandler(g).sidebarRpc(m, p)`. */
export const SHIM = `<script>(function(){
function runner(ok, fail) {
  return new Proxy({}, { get: function (_, name) {
    if (name === "withSuccessHandler") return function (f) { return runner(f, fail); };
    if (name === "withFailureHandler") return function (f) { return runner(ok, f); };
    if (name === "withUserObject") return function () { return runner(ok, fail); };
    return function (method, payload) {
      var done = function (v) { if (ok) ok(v); };
      var failed = function (e) { if (fail) fail(e instanceof Error ? e : new Error(String(e))); };
      if (name !== "sidebarRpc") return setTimeout(function () { failed(new Error("Script function not found: " + String(name))); });
      fetch("/rpc/" + encodeURIComponent(method), { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify(payload === undefined ? null : payload) })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(done, failed);
    };
  } });
}
window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();</script>`;

/** The in-process lock: requests are already serialised; this guards against re-entry. */
class ProcessLock implements Lock {
  private held = false;
  withLock<T>(fn: () => T): T {
    if (this.held) throw new Error("lock re-entered");
    this.held = true;
    try {
      return fn();
    } finally {
      this.held = false;
    }
  }
}

/** The .xlsx behind the port, reopened when someone else saved the file meanwhile. */
class LiveWorkbook implements Workbook {
  dirty = false;
  private mtime = 0;

  private constructor(
    readonly file: string,
    private inner: XlsxWorkbook,
  ) {}

  static async open(file: string): Promise<LiveWorkbook> {
    const wb = new LiveWorkbook(file, await XlsxWorkbook.open(file));
    wb.mtime = (await stat(file)).mtimeMs;
    return wb;
  }

  /** Before each request: a file changed by another program is read again. */
  async refresh(): Promise<void> {
    const m = (await stat(this.file)).mtimeMs;
    if (m !== this.mtime) await this.reload();
  }

  async reload(): Promise<void> {
    this.inner = await XlsxWorkbook.open(this.file);
    this.mtime = (await stat(this.file)).mtimeMs;
    this.dirty = false;
  }

  async save(): Promise<void> {
    await this.inner.save();
    this.mtime = (await stat(this.file)).mtimeMs;
    this.dirty = false;
  }

  sheetNames(): string[] {
    return this.inner.sheetNames();
  }
  read(names: readonly string[]) {
    return this.inner.read(names);
  }
  write(batch: readonly SheetWrite[]): void {
    this.dirty = true;
    this.inner.write(batch);
  }
}

/** A body over MAX_BODY: answered 413 (not a 200 with an error envelope). */
class TooLarge extends Error {}

async function body(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new TooLarge();
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new UserError("bad-args", { ru: "Запрос не в формате JSON", en: "The request is not JSON" });
  }
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  data: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...extra,
  });
  res.end(data);
}

const REMOTE_WARNING = (host: string) =>
  `ВНИМАНИЕ: панель доступна по сети (${host}) без входа — любой в этой сети видит учащихся и контакты родителей и может писать в журнал.\n` +
  `WARNING: the sidebar is reachable over the network (${host}) with no login — anyone on that network sees the students and parents' contacts and can write the journal.`;

export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const file = resolve(opts.file);
  const html = resolve(opts.html ?? join(process.cwd(), "dist", "Sidebar.html"));
  const clock = opts.clock ?? clockFromEnv(process.env);
  const log = opts.log ?? ((e: unknown) => console.error(e));
  try {
    await access(html);
  } catch {
    throw new UserError("no-file", {
      ru: `Нет собранной панели ${html}: выполните npm run build`,
      en: `The built sidebar ${html} is missing: run npm run build`,
    });
  }
  const host = opts.host ?? "127.0.0.1";
  if (!isLoopback(host) && !opts.allowRemote)
    throw new UserError("bad-args", {
      ru: `Адрес ${host} доступен не только с этого компьютера; для такого запуска нужен явный флаг --allow-remote`,
      en: `Address ${host} is reachable from other computers; that needs the explicit flag --allow-remote`,
    });
  const wb = await LiveWorkbook.open(file);
  const lock = new ProcessLock();

  /** Locally the report is the CLI's: summary sheet in the workbook, .docx beside it. */
  const report = async (month: string): Promise<ReportOutcome> => {
    const run = lock.withLock(() => {
      const { model, names } = loadWorkbook(wb);
      // The sidebar's report refuses, like the CLI and the menu, data that would leave students out.
      const r = withOmissions(compileMonth(model, names, month, clock.now()), preflightReport(model, false));
      const path = join(dirname(file), `report-${month}.docx`);
      wb.write([
        r.summaryWrite,
        audit({ clock, user: opts.user ?? "" }, model, "report", [
          { sheet: r.summaryWrite.sheet, cell: "", old: "", new: path },
        ]),
      ]);
      return { r, path };
    });
    await writeFileAtomic(run.path, await renderDocx(run.r.doc));
    return { status: "done", url: run.path };
  };
  const server = createSidebarServer({ wb, lock, clock, user: opts.user ?? "", report });

  // One request at a time: a write and its save finish before the next request reads.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const rpc = (method: string, payload: unknown) =>
    serial(async (): Promise<RpcEnvelope<unknown>> => {
      await wb.refresh();
      const out = await dispatch(server, method, payload, log);
      if (wb.dirty) {
        try {
          await wb.save();
        } catch (e) {
          // Not saved: forget the change in memory too, so the page and the file agree.
          await wb.reload();
          return failure(e, log);
        }
      }
      return out;
    });

  let hosts: ReadonlySet<string> = new Set();
  const http = createServer((req, res) => {
    void (async () => {
      const refused = refusal(req.headers, hosts);
      if (refused) {
        send(res, 403, "text/plain; charset=utf-8", `Forbidden: ${refused}`);
        return;
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html")) {
        const page = (await readFile(html, "utf8")).replace(/<head>/i, (h) => `${h}${SHIM}`);
        send(res, 200, "text/html; charset=utf-8", page, {
          "content-security-policy": contentSecurityPolicy(page),
          "x-frame-options": "DENY",
        });
        return;
      }
      const m = /^\/rpc\/([A-Za-z]+)$/.exec(url.pathname);
      // JSON only: a page of another site cannot send it without a CORS preflight, which is refused.
      if (req.method === "POST" && m && /^application\/json\b/.test(req.headers["content-type"] ?? "")) {
        let out: RpcEnvelope<unknown>;
        try {
          out = await rpc(m[1], await body(req));
        } catch (e) {
          if (e instanceof TooLarge) {
            // Say so and stop reading: the rest of a huge body is not worth receiving.
            res.setHeader("connection", "close");
            send(res, 413, "text/plain; charset=utf-8", `Payload too large (over ${MAX_BODY} bytes)`);
            return;
          }
          out = failure(e, log);
        }
        send(res, 200, "application/json; charset=utf-8", JSON.stringify(out));
        return;
      }
      send(res, 404, "text/plain; charset=utf-8", "Not found");
    })().catch((e) => {
      log(e);
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Internal error");
    });
  });
  await new Promise<void>((ok, fail) => {
    http.once("error", fail);
    http.listen(opts.port ?? 8787, host, () => ok());
  });
  const port = (http.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  if (!isLoopback(host)) (opts.warn ?? ((t: string) => console.error(t)))(REMOTE_WARNING(`${host}:${port}`));
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        http.closeAllConnections();
        http.close(() => ok());
      }),
  };
}
