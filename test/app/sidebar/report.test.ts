import { describe, expect, it } from "vitest";
import { createSidebarServer } from "../../../src/app/sidebar/index.js";
import type { ReportOutcome } from "../../../src/rpc/contract.js";
import { CountingLock } from "../../support/fake-ports.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

function server(report?: (month: string) => ReportOutcome | Promise<ReportOutcome>) {
  return createSidebarServer({
    wb: new MemoryWorkbook(),
    lock: new CountingLock(),
    clock: { now: () => new Date("2026-11-23T09:00:00Z") },
    user: "k01@school7.example",
    report,
  });
}

describe("the monthly report from the sidebar", () => {
  it("hands a checked month to the report port and returns its outcome", async () => {
    const months: string[] = [];
    const s = server((m) => {
      months.push(m);
      return { status: "done", url: `https://docs.example/${m}` };
    });
    expect(await s.reportBuild({ month: "2026-10" })).toEqual({
      status: "done",
      url: "https://docs.example/2026-10",
    });
    expect(months).toEqual(["2026-10"]);
  });

  it("refuses a bad month, and says where to go when this host cannot build reports", () => {
    expect(() => server(() => ({ status: "done" })).reportBuild({ month: "2026-13" })).toThrow(/not a month/);
    expect(() => server().reportBuild({ month: "2026-10" })).toThrow(/menu/);
    expect(server().context({}).canReport).toBe(false);
    expect(server(() => ({ status: "done" })).context({}).canReport).toBe(true);
  });
});
