/**
 * A small local Docs + Drive server on 127.0.0.1 built on the same structural Docs model as
 * the Apps Script fakes (fake-google-server.ts keeps a plain-text body and answers tables with
 * 400, so it cannot check the table index arithmetic).
 *
 * Drive as Google documents it for who may own what (drive-rules.ts): a service account acting
 * as itself cannot own a file outside a shared drive (403 storageQuotaExceeded); a shared
 * drive's files exist for a request only with supportsAllDrives=true (and for files.list only
 * with includeItemsFromAllDrives=true too); creating there needs a member role that may add
 * files; appProperties are kept and searchable; sharing without a notification with an
 * address that has no Google account is refused (400 invalidSharingRequest).
 * Who a request acts as comes from `whoIs` (fake-google-server's tokens), else the env's user.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DOC_MIME } from "../../src/node/google/docs-sink.js";
import { applyMask, parseMask } from "../fakes/docs-service.js";
import { createDocumentFakes, type DocumentFakes } from "../fakes/document-app.js";
import { createEnv } from "../fakes/env.js";
import {
  canAddFiles,
  type DriveMember,
  type DriveRules,
  driveRules,
  needsNotification,
  noStorage,
} from "./drive-rules.js";
import { driveQuery } from "./fake-google-server.js";
import type { FakePrincipal } from "./service-account-grant.js";

export interface Server {
  url: string;
  world: DocumentFakes;
  /** Shared drives, item metadata, accounts without Google: see drive-rules.ts. */
  drive: DriveRules;
  /** A shared drive (its root folder's ID is the drive's ID) with these members. */
  addSharedDrive(name: string, members: Record<string, DriveMember>): string;
  /** A folder under `parent` (on a shared drive when the parent is). */
  addFolder(name: string, parent: string): string;
  /** "METHOD /route" of every request, ids replaced by ":id". */
  calls: string[];
  failNext(status: number, count?: number): void;
  /** Apply the next documents batchUpdate and answer 503, as when its reply is lost. */
  loseNextReply(count?: number): void;
  reset(): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason = "x",
  ) {
    super(message);
  }
}

const bool = (q: URLSearchParams, name: string) => q.get(name) === "true";

export interface ServerOptions {
  /** Who a request's Authorization acts as (undefined: the env's active user). */
  whoIs?: (authorization: string | undefined) => FakePrincipal | undefined;
}

export async function startServer(opts: ServerOptions = {}): Promise<Server> {
  let world = createDocumentFakes(createEnv({ activeUser: "robot@project.iam.example" }));
  let rules = driveRules();
  let auth: string | undefined;
  const who = (): FakePrincipal =>
    opts.whoIs?.(auth) ?? { email: world.drive.env.effectiveUser, serviceAccount: false, scopes: [] };
  const calls: string[] = [];
  const failures: number[] = [];
  let lose = 0;
  /** The item, as Drive shows it to this request (a shared drive's only with supportsAllDrives). */
  let query = new URLSearchParams();
  const item = (id: string) => {
    const it = world.drive.items.get(decodeURIComponent(id));
    if (!it || (rules.meta(it.id).driveId && !bool(query, "supportsAllDrives")))
      throw new HttpError(404, `File not found: ${id}.`, "notFound");
    return it;
  };
  const fileJson = (id: string) => {
    const it = item(id);
    const m = rules.meta(it.id);
    return {
      kind: "drive#file",
      id: it.id,
      name: it.name,
      mimeType: it.mimeType,
      trashed: it.trashed,
      parents: it.parents,
      appProperties: { ...m.appProperties },
      ...(m.driveId ? { driveId: m.driveId } : {}),
    };
  };
  const createFile = (body: Record<string, unknown>) => {
    const mime = String(body.mimeType ?? "");
    const name = String(body.name ?? "Untitled");
    const parent = (body.parents as string[] | undefined)?.[0];
    if (parent) item(parent);
    const driveId = parent ? rules.meta(parent).driveId : undefined;
    const me = who();
    if (driveId) {
      if (!canAddFiles(rules.drives.get(driveId)?.members[me.email.toLowerCase()]))
        throw new HttpError(
          403,
          "The user does not have sufficient permissions for this file.",
          "insufficientFilePermissions",
        );
    } else if (me.serviceAccount) throw new HttpError(403, noStorage, "storageQuotaExceeded");
    const id = mime === DOC_MIME ? world.store.create(name).id : world.drive._addItem(name, mime).id;
    const it = world.drive.items.get(id)!;
    if (parent) it.parents = [parent];
    // A shared drive's files belong to the drive; elsewhere to whoever made them.
    it.owner = driveId ? "" : me.email;
    rules.setMeta(id, { driveId, appProperties: { ...(body.appProperties as Record<string, string>) } });
    return mask(fileJson(id));
  };
  const listFiles = () => {
    const q = query.get("q") ?? "";
    let keep: ReturnType<typeof driveQuery>;
    try {
      keep = driveQuery(q);
    } catch (e) {
      throw new HttpError(400, (e as Error).message);
    }
    const allDrives = bool(query, "supportsAllDrives") && bool(query, "includeItemsFromAllDrives");
    const files = [...world.drive.items.values()]
      .filter((it) => allDrives || !rules.meta(it.id).driveId)
      .filter((it) => keep({ ...it, appProperties: rules.meta(it.id).appProperties }))
      .map((it) => fileJson(it.id));
    return mask({ files });
  };
  const permissionList = (it: ReturnType<typeof item>) => {
    const driveId = rules.meta(it.id).driveId;
    const members = driveId ? Object.entries(rules.drives.get(driveId)?.members ?? {}) : [];
    return [
      ...(it.owner ? [{ id: "owner", type: "user", role: "owner", emailAddress: it.owner }] : []),
      ...members.map(([email, role]) => ({ id: `member-${email}`, type: "user", role, emailAddress: email })),
      ...it.viewers.map((v) => ({ id: `perm-${v}`, type: "user", role: "reader", emailAddress: v })),
    ];
  };
  let mask = (v: unknown) => v;
  const handle = (method: string, path: string, q: URLSearchParams, body: Record<string, unknown>) => {
    query = q;
    const fields = query.get("fields");
    mask = (v: unknown) => (fields ? applyMask(v, parseMask(fields)) : v);
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
    if (path === "/drive/v3/files" && method === "POST") return createFile(body);
    if (path === "/drive/v3/files" && method === "GET") return listFiles();
    const file = route(/^\/drive\/v3\/files\/([^/]+)$/);
    if (file) {
      const it = item(file[1]);
      if (method === "GET") return mask(fileJson(it.id));
      if (method === "PATCH") {
        if (body.appProperties)
          Object.assign(rules.meta(it.id).appProperties, body.appProperties as Record<string, string>);
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
      if (method === "GET") return mask({ permissions: permissionList(it) });
      if (method === "POST") {
        if (body.role !== "reader" || body.type !== "user" || typeof body.emailAddress !== "string")
          throw new HttpError(400, "role, type and emailAddress are required");
        if (rules.forbidden.has(body.emailAddress.toLowerCase()))
          throw new HttpError(
            403,
            'Bad Request. User message: "Sharing outside of the domain is not permitted."',
            "shareOutNotPermitted",
          );
        const notify = query.get("sendNotificationEmail") !== "false";
        if (!notify && needsNotification(rules, body.emailAddress))
          throw new HttpError(
            400,
            `Bad Request. User message: "You are trying to invite ${body.emailAddress}. Since there is no Google account associated with this email address, you must check the 'Notify people' box to invite this recipient."`,
            "invalidSharingRequest",
          );
        if (notify) rules.notified.push(body.emailAddress);
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
      const fail = (status: number, message: string, reason = "x") =>
        send(status, {
          error: {
            code: status,
            message,
            status: status === 404 ? "NOT_FOUND" : status === 403 ? "PERMISSION_DENIED" : "INVALID_ARGUMENT",
            errors: [{ message, reason }],
          },
        });
      const failure = failures.shift();
      if (failure) return fail(failure, `Canned failure ${failure}`);
      if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) return fail(401, "no credentials");
      auth = req.headers.authorization;
      try {
        const raw = Buffer.concat(chunks).toString("utf8");
        const answer = handle(method, u.pathname, u.searchParams, raw ? JSON.parse(raw) : {});
        if (lose > 0 && method === "POST" && u.pathname.endsWith(":batchUpdate")) {
          lose--;
          return fail(503, "The service is currently unavailable.");
        }
        send(200, answer);
      } catch (e) {
        if (e instanceof HttpError) fail(e.status, e.message, e.reason);
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
    get drive() {
      return rules;
    },
    addSharedDrive(name, members) {
      const id = world.drive._addItem(name, "application/vnd.google-apps.folder").id;
      const low = Object.fromEntries(Object.entries(members).map(([e, r]) => [e.toLowerCase(), r]));
      rules.drives.set(id, { name, members: low });
      rules.setMeta(id, { driveId: id, appProperties: {} });
      world.drive.items.get(id)!.owner = "";
      return id;
    },
    addFolder(name, parent) {
      const id = world.drive._addItem(name, "application/vnd.google-apps.folder", parent).id;
      const driveId = rules.meta(parent).driveId;
      rules.setMeta(id, { driveId, appProperties: {} });
      if (driveId) world.drive.items.get(id)!.owner = "";
      return id;
    },
    calls,
    failNext: (status, count = 1) => {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    loseNextReply: (count = 1) => {
      lose += count;
    },
    reset() {
      world = createDocumentFakes(createEnv({ activeUser: "robot@project.iam.example" }));
      rules = driveRules();
      calls.length = 0;
      failures.length = 0;
      lose = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
