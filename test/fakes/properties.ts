/**
 * Fake PropertiesService with the real limits: values are strings, 9 KB a value,
 * 500 KB a store (keys and values, UTF-8 bytes).
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const VALUE_LIMIT = 9 * 1024;
export const STORE_LIMIT = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export class FakeProperties {
  readonly data = new Map<string, string>();

  constructor(
    readonly env: FakeEnv,
    readonly scope: "script" | "document" | "user",
  ) {}

  private _check(next: Map<string, string>): void {
    for (const v of next.values())
      if (bytes(v) > VALUE_LIMIT) throw new Error("Exception: Argument too large: value");
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > STORE_LIMIT)
      throw new Error(
        "Exception: You have exceeded the property storage quota. Please remove some properties and try again.",
      );
  }

  private _commit(next: Map<string, string>): this {
    this._check(next);
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
    return this;
  }

  getProperty(key: string): string | null {
    return this.data.get(String(key)) ?? null;
  }

  setProperty(key: string, value: unknown): this {
    if (key === null || key === undefined || String(key) === "")
      throw new Error("Exception: Invalid argument: key");
    const next = new Map(this.data);
    next.set(String(key), String(value));
    return this._commit(next);
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.data);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    return this._commit(next);
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  getKeys(): string[] {
    return [...this.data.keys()];
  }

  deleteProperty(key: string): this {
    this.data.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.data.clear();
    return this;
  }
}
countCalls(FakeProperties, "Properties");

export class FakePropertiesService {
  readonly script: FakeProperties;
  readonly document: FakeProperties;
  readonly user: FakeProperties;

  constructor(
    readonly env: FakeEnv,
    /** false for a standalone script: getDocumentProperties() returns null. */
    private readonly container: () => boolean,
  ) {
    this.script = new FakeProperties(env, "script");
    this.document = new FakeProperties(env, "document");
    this.user = new FakeProperties(env, "user");
  }

  getScriptProperties(): FakeProperties {
    return this.script;
  }

  getDocumentProperties(): FakeProperties | null {
    return this.container() ? this.document : null;
  }

  getUserProperties(): FakeProperties {
    return this.user;
  }
}
countCalls(FakePropertiesService, "PropertiesService");
