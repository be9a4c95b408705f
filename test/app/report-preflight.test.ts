/** The Google paths (menu, trigger, sidebar: runMonthlyJob) refuse and force like the CLI. */
import { describe, expect, it } from "vitest";
import { xlsxLink } from "../../src/app/check.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import { type JobPorts, runMonthlyJob } from "../../src/app/monthly-job.js";
import { UserError } from "../../src/core/errors.js";
import { plainText } from "../../src/core/report/model.js";
import { CountingLock, FakeClock, FakeMailer, MemoryDocSink, MemoryStore } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

function setup() {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-10-31" });
  // A second row with the first student's ID: the report would count one of them only.
  wb.write([{ sheet: "Учащиеся", cells: [{ row: 3, col: 1, values: [["S001"]] }] }]);
  const docs = new MemoryDocSink();
  const ports: JobPorts = {
    wb,
    store: new MemoryStore(),
    clock: new FakeClock(Date.parse("2026-11-01T03:00:00Z"), 0),
    lock: new CountingLock(),
    docs,
    mailer: new FakeMailer(),
    scheduleContinuation: () => {},
    user: "coordinator@school7.example",
    link: xlsxLink,
  };
  return { wb, docs, ports };
}

describe("runMonthlyJob's pre-flight", () => {
  it("refuses a duplicated student ID with the cell-addressed problem and writes no sheet and no Doc", () => {
    const { wb, docs, ports } = setup();
    const err = (() => {
      try {
        runMonthlyJob(ports, "2026-10");
      } catch (e) {
        return e;
      }
    })() as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe("incomplete-data");
    expect(err.text("ru")).toContain("Учащиеся!A3: ID «S001» уже есть в строке 2");
    expect(err.text("en")).toContain('Учащиеся!A3: ID "S001" is already used in row 2');
    expect(wb.sheetNames()).not.toContain("Сводная 2026-10");
    expect(docs.docs.size).toBe(0);
  });

  it("forced, the Doc says at its top what was left out", () => {
    const { docs, ports } = setup();
    expect(runMonthlyJob(ports, "2026-10", { force: true }).status).toBe("done");
    const text = plainText({ title: "", lang: "ru", blocks: docs.docs.get("doc1")!.blocks });
    expect(text).toContain("Внимание: отчёт неполный");
    expect(text).toContain("Учащиеся!A3: ID «S001» уже есть в строке 2");
    const blocks = docs.docs.get("doc1")!.blocks;
    const title = blocks.findIndex((b) => b.kind === "heading" && b.level === 1);
    expect(blocks[title]).toMatchObject({ text: expect.stringContaining("Отчёт о дистанционном обучении") });
    expect(blocks[title + 1]).toMatchObject({
      kind: "heading",
      text: "Внимание: отчёт неполный",
    });
  });
});

describe("a refused job recorded for the coordinator", () => {
  it("lists the refusal and each problem at its cell in «Проблемы», in the workbook's language", async () => {
    const { recordJobFailure } = await import("../../src/app/monthly-job.js");
    const { wb, ports } = setup();
    let error: unknown;
    try {
      runMonthlyJob(ports, "2026-10");
    } catch (e) {
      error = e;
    }
    recordJobFailure(ports, "2026-10", error);
    const rows = wb.sheets
      .get("Проблемы")!
      .map((r) => r.map((v) => (typeof v === "object" && v ? JSON.stringify(v) : v)));
    expect(rows[1][3]).toBe(
      "Ежемесячный отчёт за 2026-10 не сформирован: с такими данными в него не попали бы учащиеся или группы (проблем: 3); ничего не записано",
    );
    expect(rows[2][0]).toContain("Учащиеся!A3");
    expect(rows[2][3]).toBe("ID «S001» уже есть в строке 2");
    // The student whose ID was overwritten is gone: their enrollment and journal row are named too.
    expect(rows.slice(3).map((r) => r[2])).toEqual(["unknown-ref", "journal-unknown-student"]);
  });
});
