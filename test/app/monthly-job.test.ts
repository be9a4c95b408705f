import { describe, expect, it } from "vitest";
import { xlsxLink } from "../../src/app/check.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import {
  JOB_KEY,
  type JobPorts,
  mailedKey,
  recordJobFailure,
  runMonthlyJob,
} from "../../src/app/monthly-job.js";
import { plainText } from "../../src/core/report/model.js";
import { CountingLock, FakeClock, FakeMailer, MemoryDocSink, MemoryStore } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const T0 = Date.parse("2026-11-01T03:00:00Z");

function setup(opts: { step?: number; budgetMs?: number } = {}) {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-10-31" });
  const store = new MemoryStore();
  const docs = new MemoryDocSink();
  const mailer = new FakeMailer();
  const lock = new CountingLock();
  let continuations = 0;
  const ports: JobPorts = {
    wb,
    store,
    clock: new FakeClock(T0, opts.step ?? 0),
    lock,
    docs,
    mailer,
    scheduleContinuation: () => {
      continuations++;
    },
    user: "coordinator@school7.example",
    link: xlsxLink,
    budgetMs: opts.budgetMs,
  };
  return { wb, store, docs, mailer, lock, ports, continuations: () => continuations };
}

const sheetValues = (wb: MemoryWorkbook, name: string) => JSON.stringify(wb.sheets.get(name));

describe("the monthly job", () => {
  it("writes the summary sheet, the hidden JSON sheet and the Doc, shares it and mails once", () => {
    const { wb, docs, mailer, store, ports, lock } = setup();
    const r = runMonthlyJob(ports, "2026-10");
    expect(r).toMatchObject({
      status: "done",
      month: "2026-10",
      mailed: true,
      docUrl: "https://docs.example/doc1",
    });
    expect(wb.sheetNames()).toContain("Сводная 2026-10");
    expect(wb.sheetNames()).toContain("_summary_json");
    expect(wb.meta.get("_summary_json")?.hidden).toBe(true);
    const doc = docs.docs.get("doc1")!;
    expect(doc.blocks[0]).toMatchObject({ kind: "paragraph", text: "УТВЕРЖДАЮ", align: "right" });
    expect(doc.blocks.find((b) => b.kind === "heading" && b.level === 1)).toEqual({
      kind: "heading",
      level: 1,
      text: "Отчёт о дистанционном обучении за октябрь 2026 г.",
    });
    expect(doc.readers).toEqual(["director@school7.example", "zavuch@school7.example"]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0].body).toContain("https://docs.example/doc1");
    expect(store.get(mailedKey("2026-10"))).toBe("2026-11-01 06:00");
    expect(store.get(JOB_KEY)).toBeNull();
    expect(lock.acquired).toBe(1);
    const audit = wb.sheets.get("Аудит")!;
    expect(audit.at(-1)?.slice(1, 4)).toEqual([
      "coordinator@school7.example",
      "report+mail",
      "Сводная 2026-10",
    ]);
  });

  it("a rerun replaces in place: the same Doc, no second sheet, no duplicated rows, no second mail", () => {
    const { wb, docs, mailer, ports } = setup();
    runMonthlyJob(ports, "2026-10");
    const first = sheetValues(wb, "Сводная 2026-10");
    const text = plainText({ title: "", lang: "ru", blocks: docs.docs.get("doc1")!.blocks });
    runMonthlyJob(ports, "2026-10");
    expect(docs.docs.size).toBe(1);
    expect(wb.sheetNames().filter((n) => n.startsWith("Сводная"))).toEqual(["Сводная 2026-10"]);
    expect(sheetValues(wb, "Сводная 2026-10")).toBe(first);
    expect(plainText({ title: "", lang: "ru", blocks: docs.docs.get("doc1")!.blocks })).toBe(text);
    expect(mailer.sent).toHaveLength(1);
    const json = wb.sheets.get("_summary_json")!;
    expect(json.filter((r) => r[0] === "2026-10").length).toBeGreaterThan(0);
    expect(new Set(json.map((r) => `${r[0]}#${r[1]}`)).size).toBe(json.length);
  });

  it("interrupted by the time budget, it checkpoints, continues and ends exactly like an uninterrupted run", () => {
    const whole = setup();
    runMonthlyJob(whole.ports, "2026-10");

    // Every clock read costs 20 s of a 30 s budget: the job must stop several times.
    const cut = setup({ step: 20_000, budgetMs: 30_000 });
    let r = runMonthlyJob(cut.ports, "2026-10");
    let rounds = 1;
    while (r.status === "continued") {
      expect(cut.store.get(JOB_KEY)).not.toBeNull();
      r = runMonthlyJob(cut.ports, "2026-10");
      rounds++;
    }
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(cut.continuations()).toBe(rounds - 1);
    expect(sheetValues(cut.wb, "Сводная 2026-10")).toBe(sheetValues(whole.wb, "Сводная 2026-10"));
    expect(JSON.stringify(cut.docs.docs.get("doc1")!.blocks)).toBe(
      JSON.stringify(whole.docs.docs.get("doc1")!.blocks),
    );
    expect(cut.docs.docs.size).toBe(1);
    expect(cut.mailer.sent).toHaveLength(1);
  });

  it("a remembered Doc that was deleted is replaced by a new one", () => {
    const { docs, ports } = setup();
    runMonthlyJob(ports, "2026-10");
    docs.docs.delete("doc1");
    const r = runMonthlyJob(ports, "2026-10");
    expect(r.docUrl).toBe("https://docs.example/doc2");
  });

  it("does not mail past the daily quota, and mails on a later run", () => {
    const { mailer, ports } = setup();
    mailer.quota = 1;
    expect(runMonthlyJob(ports, "2026-10").mailed).toBe(false);
    mailer.quota = 100;
    expect(runMonthlyJob(ports, "2026-10").mailed).toBe(true);
    expect(runMonthlyJob(ports, "2026-10").mailed).toBe(false);
    expect(mailer.sent).toHaveLength(1);
  });

  it("a failure is written to «Проблемы» and «Аудит», never silent", () => {
    const { wb, ports } = setup();
    recordJobFailure(ports, "2026-10", new Error("Exceeded maximum execution time"));
    expect(wb.sheets.get("Проблемы")![1][3]).toBe(
      "Ежемесячный отчёт за 2026-10 не сформирован: Exceeded maximum execution time",
    );
    expect(wb.sheets.get("Аудит")!.at(-1)![2]).toBe("report-failed");
  });
});
