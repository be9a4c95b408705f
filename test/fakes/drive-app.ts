/**
 * Fake DriveApp: files and folders with parents, trash and viewers. Documents made by
 * DocumentApp.create live here too (one registry), so a Doc deleted in Drive is gone for
 * DocumentApp and the Docs service as well.
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const FOLDER_MIME = "application/vnd.google-apps.folder";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const NOT_FOUND =
  "Exception: No item with the given ID could be found. Or you do not have permission to access it.";

export interface FakeDriveItem {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  owner: string;
  viewers: string[];
  editors: string[];
}

export class FakeDriveUser {
  constructor(
    readonly env: FakeEnv,
    private readonly email: string,
  ) {}
  getEmail(): string {
    return this.email;
  }
  getName(): string {
    return this.email.split("@")[0];
  }
}
countCalls(FakeDriveUser, "User");

abstract class FakeDriveEntry {
  constructor(
    readonly env: FakeEnv,
    protected readonly drive: FakeDriveApp,
    readonly item: FakeDriveItem,
  ) {}

  /** The item, or the exception a script gets once it was deleted for good. */
  protected _live(): FakeDriveItem {
    if (!this.drive.items.has(this.item.id)) throw new Error(NOT_FOUND);
    return this.item;
  }
}

export class FakeFile extends FakeDriveEntry {
  getId(): string {
    return this._live().id;
  }
  getName(): string {
    return this._live().name;
  }
  setName(name: string): this {
    this._live().name = String(name);
    return this;
  }
  getMimeType(): string {
    return this._live().mimeType;
  }
  getUrl(): string {
    const it = this._live();
    return it.mimeType === "application/vnd.google-apps.document"
      ? `https://docs.google.com/document/d/${it.id}/edit?usp=drivesdk`
      : `https://drive.google.com/file/d/${it.id}/view?usp=drivesdk`;
  }
  isTrashed(): boolean {
    return this._live().trashed;
  }
  setTrashed(trashed: boolean): this {
    this._live().trashed = Boolean(trashed);
    return this;
  }
  moveTo(destination: FakeFolder): this {
    const it = this._live();
    if (!(destination instanceof FakeFolder)) throw new Error("Exception: Invalid argument: destination");
    destination._check();
    it.parents = [destination.item.id];
    return this;
  }
  getViewers(): FakeDriveUser[] {
    return this._live().viewers.map((e) => new FakeDriveUser(this.env, e));
  }
  getEditors(): FakeDriveUser[] {
    return this._live().editors.map((e) => new FakeDriveUser(this.env, e));
  }
  addViewer(email: string): this {
    this.drive._share(this._live(), [email]);
    return this;
  }
  addViewers(emails: string[]): this {
    if (!Array.isArray(emails)) throw new Error("Exception: Invalid argument: emailAddresses");
    this.drive._share(this._live(), emails);
    return this;
  }
  removeViewer(user: string | FakeDriveUser): this {
    const it = this._live();
    const email = (typeof user === "string" ? user : user.getEmail()).toLowerCase();
    it.viewers = it.viewers.filter((v) => v.toLowerCase() !== email);
    return this;
  }
}
countCalls(FakeFile, "File");

export class FakeFolder extends FakeDriveEntry {
  _check(): void {
    this._live();
  }
  getId(): string {
    return this._live().id;
  }
  getName(): string {
    return this._live().name;
  }
  setName(name: string): this {
    this._live().name = String(name);
    return this;
  }
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this._live().id}`;
  }
  isTrashed(): boolean {
    return this._live().trashed;
  }
  setTrashed(trashed: boolean): this {
    this._live().trashed = Boolean(trashed);
    return this;
  }
}
countCalls(FakeFolder, "Folder");

export class FakeDriveApp {
  readonly items = new Map<string, FakeDriveItem>();
  /** Ids of what the script itself created: all that the Drive API shows it under drive.file. */
  readonly madeByApp = new Set<string>();

  constructor(readonly env: FakeEnv) {}

  /** Test helper: a new item in My Drive (as DocumentApp.create makes one). */
  _addItem(name: string, mimeType: string, parent = "root"): FakeDriveItem {
    const id = this.env.nextId(mimeType === FOLDER_MIME ? "fake-folder-" : "fake-file-");
    const item: FakeDriveItem = {
      id,
      name,
      mimeType,
      parents: [parent],
      trashed: false,
      owner: this.env.effectiveUser,
      viewers: [],
      editors: [],
    };
    this.items.set(id, item);
    return item;
  }

  /** Test helper: move to the trash, as a person deleting the file in Drive does. */
  _trash(id: string): void {
    const it = this.items.get(id);
    if (!it) throw new Error(`fake: no item ${id}`);
    it.trashed = true;
  }

  /** Test helper: delete for good (emptied trash). */
  _delete(id: string): void {
    if (!this.items.delete(id)) throw new Error(`fake: no item ${id}`);
  }

  _share(item: FakeDriveItem, emails: readonly unknown[]): void {
    for (const e of emails)
      if (typeof e !== "string" || !EMAIL.test(e.trim()))
        throw new Error(`Exception: Invalid email: ${String(e)}`);
    for (const raw of emails as string[]) {
      const e = raw.trim();
      const low = e.toLowerCase();
      // Editors and the owner already see the file: adding them as viewers changes nothing.
      if (low === item.owner.toLowerCase() || item.editors.some((x) => x.toLowerCase() === low)) continue;
      if (!item.viewers.some((x) => x.toLowerCase() === low)) item.viewers.push(e);
    }
  }

  createFolder(name: string): FakeFolder {
    if (typeof name !== "string" || name === "") throw new Error("Exception: Invalid argument: name");
    const item = this._addItem(name, FOLDER_MIME);
    this.madeByApp.add(item.id);
    return new FakeFolder(this.env, this, item);
  }

  getFolderById(id: string): FakeFolder {
    const it = this.items.get(String(id));
    if (!it || it.mimeType !== FOLDER_MIME) throw new Error(NOT_FOUND);
    return new FakeFolder(this.env, this, it);
  }

  getFileById(id: string): FakeFile {
    const it = this.items.get(String(id));
    if (!it || it.mimeType === FOLDER_MIME) throw new Error(NOT_FOUND);
    return new FakeFile(this.env, this, it);
  }
}
countCalls(FakeDriveApp, "DriveApp");
