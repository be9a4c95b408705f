/** Small in-memory ports for application tests: store, clock, lock, document sink, mailer. */
import type { Block } from "../../src/core/report/model.js";
import type { Clock, DocumentSink, Lock, Mailer, Store } from "../../src/ports.js";

export class MemoryStore implements Store {
  readonly data = new Map<string, string>();
  get(k: string) {
    return this.data.get(k) ?? null;
  }
  set(k: string, v: string) {
    this.data.set(k, v);
  }
  delete(k: string) {
    this.data.delete(k);
  }
}

/** A clock that moves forward by `step` ms every time it is read. */
export class FakeClock implements Clock {
  constructor(
    public t: number,
    public step = 0,
  ) {}
  now() {
    const d = new Date(this.t);
    this.t += this.step;
    return d;
  }
}

export class CountingLock implements Lock {
  held = false;
  acquired = 0;
  withLock<T>(fn: () => T): T {
    if (this.held) throw new Error("lock already held");
    this.held = true;
    this.acquired++;
    try {
      return fn();
    } finally {
      this.held = false;
    }
  }
}

export class MemoryDocSink implements DocumentSink {
  readonly docs = new Map<string, { title: string; folder: string; blocks: Block[]; readers: string[] }>();
  calls = 0;
  private next = 1;
  open(existingId: string | null, title: string, folder: string) {
    this.calls++;
    if (existingId && this.docs.has(existingId))
      return { id: existingId, url: `https://docs.example/${existingId}` };
    const id = `doc${this.next++}`;
    this.docs.set(id, { title, folder, blocks: [], readers: [] });
    return { id, url: `https://docs.example/${id}` };
  }
  clear(id: string) {
    this.calls++;
    this.docs.get(id)!.blocks = [];
  }
  append(id: string, blocks: readonly Block[]) {
    this.calls++;
    this.docs.get(id)!.blocks.push(...blocks);
  }
  share(id: string, readers: readonly string[]) {
    this.calls++;
    this.docs.get(id)!.readers = [...readers];
  }
}

export class FakeMailer implements Mailer {
  readonly sent: { to: string[]; subject: string; body: string }[] = [];
  constructor(public quota = 100) {}
  remainingQuota() {
    return this.quota;
  }
  send(to: readonly string[], subject: string, body: string) {
    if (this.quota < to.length) throw new Error("Service invoked too many times for one day: email.");
    this.quota -= to.length;
    this.sent.push({ to: [...to], subject, body });
  }
}
