/**
 * A small local Docs + Drive server on 127.0.0.1 built on the same structural Docs model as
 * the Apps Script fakes (fake-google-server.ts keeps a plain-text body and answers tables with
 * 400, so it cannot check the table index arithmetic).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DOC_MIME } from "../../src/node/google/docs-sink.js";
import { applyMask, parseMask } from "../fakes/docs-service.js";
import { createDocumentFakes, type DocumentFakes } from "../fakes/document-app.js";
import { createEnv } from "../fakes/env.js";

export interface Server {
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

export async function startServer(): Promise<Server> {
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
