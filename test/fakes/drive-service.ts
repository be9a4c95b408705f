/**
 * Fake Drive advanced service (Drive API v3, `Drive` in appsscript.json's enabledAdvancedServices)
 * over the same registry as DriveApp and DocumentApp. Under `drive.file` the API sees only the
 * files this app created or the user opened with it (Drive API scopes guide): items a person
 * made in Drive answer "File not found", exactly like a deleted one.
 * Apps Script names the REST `delete` method `remove` (a reserved word in its older runtime).
 */
import { countCalls } from "./counter.js";
import { DOC_MIME, type FakeDocStore } from "./docs-service.js";
import { type FakeDriveApp, type FakeDriveItem, FOLDER_MIME } from "./drive-app.js";
import type { FakeEnv } from "./env.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface DriveFileResource {
  id?: string;
  name?: string;
  mimeType?: string;
  parents?: string[];
  trashed?: boolean;
}

export interface DrivePermission {
  id?: string;
  type?: string;
  role?: string;
  emailAddress?: string;
}

function apiError(call: string, message: string): Error {
  return new Error(`GoogleJsonResponseException: API call to ${call} failed with error: ${message}`);
}

function view(it: FakeDriveItem): DriveFileResource {
  return { id: it.id, name: it.name, mimeType: it.mimeType, parents: [...it.parents], trashed: it.trashed };
}

abstract class DriveResource {
  constructor(
    readonly env: FakeEnv,
    protected readonly drive: FakeDriveApp,
  ) {}

  /** The item if this app may see it (drive.file: only what it made). */
  protected _item(call: string, id: string): FakeDriveItem {
    const it = this.drive.items.get(String(id));
    if (!it || !this.drive.madeByApp.has(it.id)) throw apiError(call, `File not found: ${id}.`);
    return it;
  }
}

export class FakeDriveFiles extends DriveResource {
  constructor(
    env: FakeEnv,
    drive: FakeDriveApp,
    private readonly store: FakeDocStore,
  ) {
    super(env, drive);
  }

  get(fileId: string, _optionalArgs?: { fields?: string }): DriveFileResource {
    return view(this._item("drive.files.get", fileId));
  }

  /** A folder or an empty Google Doc (the Doc exists for DocumentApp and Docs at once). */
  create(resource: DriveFileResource, _blob?: unknown, _optionalArgs?: object): DriveFileResource {
    if (!resource?.name) throw apiError("drive.files.create", "Invalid value: name");
    const mime = resource.mimeType ?? "application/octet-stream";
    for (const p of resource.parents ?? []) {
      const parent = this._item("drive.files.create", p);
      if (parent.mimeType !== FOLDER_MIME) throw apiError("drive.files.create", `Not a folder: ${p}.`);
    }
    const item =
      mime === DOC_MIME
        ? this.drive.items.get(this.store.create(resource.name).id)!
        : this.drive._addItem(resource.name, mime);
    if (resource.parents?.length) item.parents = [...resource.parents];
    this.drive.madeByApp.add(item.id);
    return view(item);
  }

  update(
    resource: DriveFileResource,
    fileId: string,
    _blob?: unknown,
    optionalArgs: { addParents?: string; removeParents?: string } = {},
  ): DriveFileResource {
    const it = this._item("drive.files.update", fileId);
    if (resource?.name !== undefined) it.name = String(resource.name);
    if (resource?.trashed !== undefined) it.trashed = Boolean(resource.trashed);
    const remove = new Set((optionalArgs.removeParents ?? "").split(",").filter(Boolean));
    const add = (optionalArgs.addParents ?? "").split(",").filter(Boolean);
    for (const p of add) this._item("drive.files.update", p);
    it.parents = [...it.parents.filter((p) => !remove.has(p)), ...add.filter((p) => !it.parents.includes(p))];
    return view(it);
  }
}
countCalls(FakeDriveFiles, "Drive.Files");

export class FakeDrivePermissions extends DriveResource {
  list(fileId: string, _optionalArgs?: { fields?: string }): { permissions: DrivePermission[] } {
    const it = this._item("drive.permissions.list", fileId);
    const perm = (email: string, role: string) => ({
      id: `perm-${email.toLowerCase()}`,
      type: "user",
      role,
      emailAddress: email,
    });
    return {
      permissions: [
        perm(it.owner, "owner"),
        ...it.editors.map((e) => perm(e, "writer")),
        ...it.viewers.map((e) => perm(e, "reader")),
      ],
    };
  }

  create(resource: DrivePermission, fileId: string, _optionalArgs?: object): DrivePermission {
    const it = this._item("drive.permissions.create", fileId);
    const email = String(resource?.emailAddress ?? "").trim();
    if (resource?.type !== "user" || !EMAIL.test(email))
      throw apiError("drive.permissions.create", `Invalid value: emailAddress ${email}`);
    if (resource.role !== "reader" && resource.role !== "writer")
      throw apiError("drive.permissions.create", "fake: only readers and writers are modelled");
    if (resource.role === "writer") {
      const low = email.toLowerCase();
      it.viewers = it.viewers.filter((v) => v.toLowerCase() !== low);
      if (!it.editors.some((x) => x.toLowerCase() === low)) it.editors.push(email);
    } else this.drive._share(it, [email]);
    return { id: `perm-${email.toLowerCase()}`, type: "user", role: resource.role, emailAddress: email };
  }

  remove(fileId: string, permissionId: string, _optionalArgs?: object): void {
    const it = this._item("drive.permissions.delete", fileId);
    const before = it.viewers.length + it.editors.length;
    it.viewers = it.viewers.filter((v) => `perm-${v.toLowerCase()}` !== permissionId);
    it.editors = it.editors.filter((v) => `perm-${v.toLowerCase()}` !== permissionId);
    if (it.viewers.length + it.editors.length === before)
      throw apiError("drive.permissions.delete", `Permission not found: ${permissionId}.`);
  }
}
countCalls(FakeDrivePermissions, "Drive.Permissions");

export class FakeDrive {
  readonly Files: FakeDriveFiles;
  readonly Permissions: FakeDrivePermissions;
  constructor(env: FakeEnv, drive: FakeDriveApp, store: FakeDocStore) {
    this.Files = new FakeDriveFiles(env, drive, store);
    this.Permissions = new FakeDrivePermissions(env, drive);
  }
}
