/**
 * Fake LockService. One slot per scope (document, script, user). Another execution holding a
 * slot is simulated with _contend(); nothing really waits: a wait shorter than the other
 * holder's remaining time fails with the real timeout message, a longer one succeeds.
 * A second lock object of this execution on a held slot also waits (no re-entrancy).
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export type LockScope = "document" | "script" | "user";

export const LOCK_TIMEOUT_MESSAGE =
  "Exception: Lock timeout: another process was holding the lock for too long.";

interface Slot {
  holder: FakeLock | "other" | null;
  /** How long the other execution keeps the slot (ms); Infinity: until _release(). */
  otherFor: number;
}

export class FakeLock {
  constructor(
    readonly env: FakeEnv,
    private readonly service: FakeLockService,
    readonly scope: LockScope,
  ) {}

  private _acquire(timeoutMs: number): boolean {
    const slot = this.service._slot(this.scope);
    this.service.waits.push({ scope: this.scope, timeoutMs });
    if (slot.holder === this) return true;
    if (slot.holder === "other" && slot.otherFor <= timeoutMs) slot.holder = null;
    if (slot.holder !== null) return false;
    slot.holder = this;
    return true;
  }

  tryLock(timeoutInMillis: number): boolean {
    return this._acquire(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    if (!this._acquire(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    return this.service._slot(this.scope).holder === this;
  }

  releaseLock(): void {
    const slot = this.service._slot(this.scope);
    if (slot.holder === this) slot.holder = null;
  }
}
countCalls(FakeLock, "Lock");

export class FakeLockService {
  private readonly slots = new Map<LockScope, Slot>();
  /** Every waitLock/tryLock: which scope, with what timeout. */
  readonly waits: { scope: LockScope; timeoutMs: number }[] = [];

  constructor(
    readonly env: FakeEnv,
    /** false for a standalone script: getDocumentLock() returns null. */
    private readonly container: () => boolean,
  ) {}

  _slot(scope: LockScope): Slot {
    let s = this.slots.get(scope);
    if (!s) {
      s = { holder: null, otherFor: 0 };
      this.slots.set(scope, s);
    }
    return s;
  }

  /** Test helper: another execution holds this lock (for `forMs`, or until _release). */
  _contend(scope: LockScope = "document", forMs = Number.POSITIVE_INFINITY): void {
    const s = this._slot(scope);
    s.holder = "other";
    s.otherFor = forMs;
  }

  /** Test helper: the other execution lets go. */
  _release(scope: LockScope = "document"): void {
    const s = this._slot(scope);
    if (s.holder === "other") s.holder = null;
  }

  /** Test helper: is anyone (this execution or another) holding the lock? */
  _held(scope: LockScope = "document"): boolean {
    return this._slot(scope).holder !== null;
  }

  getDocumentLock(): FakeLock | null {
    return this.container() ? new FakeLock(this.env, this, "document") : null;
  }

  getScriptLock(): FakeLock {
    return new FakeLock(this.env, this, "script");
  }

  getUserLock(): FakeLock {
    return new FakeLock(this.env, this, "user");
  }
}
countCalls(FakeLockService, "LockService");
