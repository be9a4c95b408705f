/**
 * Fake Protection (Sheet.protect(), Range.protect()) and the User objects it returns.
 * As in Sheets: a new protection starts with the file's editors; the owner and the user the
 * script runs as can never be removed from it (removeEditors silently keeps them).
 */
import type { Rect } from "./cells.js";
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";
import type { FakeRange } from "./range.js";
import type { FakeSheet } from "./sheet.js";

export const ProtectionType = { RANGE: "RANGE", SHEET: "SHEET" } as const;
export type ProtectionTypeValue = (typeof ProtectionType)[keyof typeof ProtectionType];

export class FakeUser {
  constructor(
    readonly env: FakeEnv,
    /** The email, for other fakes (a field, so reading it is not a counted call). */
    readonly _address: string,
  ) {}

  getEmail(): string {
    return this._address;
  }

  getUsername(): string {
    return this._address.replace(/@.*/, "");
  }
}
countCalls(FakeUser, "User");

function emailOf(u: unknown): string {
  if (typeof u === "string") return u;
  if (u instanceof FakeUser) return u._address;
  throw new Error("Exception: Invalid argument: user");
}

export class FakeProtection {
  description = "";
  warningOnly = false;
  domainEdit = true;
  editors: Set<string>;
  unprotected: Rect[] = [];
  removed = false;

  constructor(
    readonly env: FakeEnv,
    readonly sheet: FakeSheet,
    readonly type: ProtectionTypeValue,
    public rect: Rect | null,
    initialEditors: readonly string[],
  ) {
    this.editors = new Set(initialEditors);
  }

  private _live(): void {
    if (this.removed) throw new Error("Exception: This protection has been removed.");
  }

  private _keep(email: string): boolean {
    return email === this.env.owner || email === this.env.effectiveUser;
  }

  getDescription(): string {
    return this.description;
  }

  setDescription(description: string): this {
    this._live();
    this.description = description;
    return this;
  }

  isWarningOnly(): boolean {
    return this.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): this {
    this._live();
    this.warningOnly = warningOnly;
    return this;
  }

  getEditors(): FakeUser[] {
    const all = new Set([this.env.owner, ...this.editors]);
    return [...all].map((e) => new FakeUser(this.env, e));
  }

  addEditor(user: string | FakeUser): this {
    this._live();
    this.editors.add(emailOf(user));
    return this;
  }

  addEditors(emails: string[]): this {
    this._live();
    for (const e of emails) this.editors.add(emailOf(e));
    return this;
  }

  removeEditor(user: string | FakeUser): this {
    return this._remove([user]);
  }

  removeEditors(users: (string | FakeUser)[]): this {
    return this._remove(users);
  }

  private _remove(users: (string | FakeUser)[]): this {
    this._live();
    for (const u of users) {
      const e = emailOf(u);
      if (!this._keep(e)) this.editors.delete(e);
    }
    return this;
  }

  canDomainEdit(): boolean {
    return this.domainEdit;
  }

  setDomainEdit(editable: boolean): this {
    this._live();
    this.domainEdit = editable;
    return this;
  }

  canEdit(): boolean {
    const me = this.env.effectiveUser;
    return this.warningOnly || me === this.env.owner || this.editors.has(me);
  }

  getProtectionType(): ProtectionTypeValue {
    return this.type;
  }

  getRange(): FakeRange {
    return this.sheet._rangeOf(this.rect ?? this.sheet._whole());
  }

  setRange(range: FakeRange): this {
    this._live();
    if (this.type !== "RANGE") throw new Error("Exception: Cannot set the range of a sheet protection.");
    this.rect = range._rect();
    return this;
  }

  getUnprotectedRanges(): FakeRange[] {
    return this.unprotected.map((r) => this.sheet._rangeOf(r));
  }

  setUnprotectedRanges(ranges: FakeRange[]): this {
    this._live();
    if (this.type !== "SHEET")
      throw new Error("Exception: Unprotected ranges can only be set on a sheet protection.");
    this.unprotected = ranges.map((r) => r._rect());
    return this;
  }

  getRangeName(): string | null {
    return null;
  }

  remove(): void {
    this._live();
    this.removed = true;
    this.sheet._dropProtection(this);
  }
}
countCalls(FakeProtection, "Protection");
