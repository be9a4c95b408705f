/** Issue 17: the card job checkpoints before the time limit and finishes in its continuation. */
import { describe, expect, it } from "vitest";
import { CARD_JOB_KEY, cardDocKey, runCardJob } from "../../src/app/card-job.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import type { DocumentSink, Store } from "../../src/ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

function setup() {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  const kv = new Map<string, string>();
  const store: Store = {
    get: (k) => kv.get(k) ?? null,
    set: (k, v) => void kv.set(k, v),
    delete: (k) => void kv.delete(k),
  };
  let t = Date.parse("2026-11-24T09:00:00Z");
  const opened: string[] = [];
  let n = 0;
  const docs: DocumentSink = {
    open: (existing, title) => {
      opened.push(title);
      const id = existing ?? `doc-${++n}`;
      return { id, url: `https://docs/${id}` };
    },
    clear: () => {},
    append: () => {
      t += 2 * 60 * 1000; // each card takes two minutes of the budget
    },
    share: () => {},
  };
  let continuations = 0;
  const ports = {
    wb,
    store,
    clock: { now: () => new Date(t) },
    lock: { withLock: <T>(fn: () => T) => fn() },
    docs,
    scheduleContinuation: () => void continuations++,
  };
  return { ports, kv, opened, continuations: () => continuations };
}

describe("runCardJob", () => {
  it("stops after the budget, saves where it was, and the continuation writes the rest", () => {
    const s = setup();
    const first = runCardJob(s.ports, { className: "5А" });
    expect(first.status).toBe("continued");
    expect(first.done).toBe(3); // 0, 2, 4 minutes used; the fourth would pass 5 minutes
    expect(s.continuations()).toBe(1);
    const saved = JSON.parse(s.kv.get(CARD_JOB_KEY) as string);
    expect(saved.next).toBe(3);
    let r = runCardJob(s.ports);
    while (r.status === "continued") r = runCardJob(s.ports);
    expect(r.status).toBe("done");
    expect(r.total).toBe(saved.ids.length);
    expect(s.kv.has(CARD_JOB_KEY)).toBe(false);
    expect(s.opened).toHaveLength(saved.ids.length);
    for (const id of saved.ids) expect(s.kv.get(cardDocKey(id))).toMatch(/^doc-\d+$/);
  });
});
