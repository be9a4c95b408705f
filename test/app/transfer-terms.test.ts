/** Issue 18 + 16: the term mark goes with the extract of the month its period ends in. */
import { describe, expect, it } from "vitest";
import { loadAttestation, periodMarks } from "../../src/app/attestation.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import { runTransfer } from "../../src/app/transfer.js";
import { csvRows } from "../../src/core/transfer/export.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const NOW = new Date("2026-11-24T09:00:00Z");

function demo(): MemoryWorkbook {
  const wb = new MemoryWorkbook({});
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  return wb;
}

describe("term marks in the class-journal extract", () => {
  it("a quarter ending in the month adds its final mark per student and group, as «Итоги» computes it", () => {
    const wb = demo();
    const st = loadAttestation(wb);
    const quarter = st.periods.find((p) => p.name === "1 четверть")!;
    expect(quarter.to?.slice(0, 7)).toBe("2026-10");
    const expected = new Map(
      periodMarks(st, quarter).rows.map((r) => [
        `${r.studentId}|${r.groupId}`,
        r.final === null ? "" : String(r.final),
      ]),
    );
    const res = runTransfer(wb, { month: "2026-10", now: NOW, who: "coordinator" });
    expect(res.blocks.length).toBeGreaterThan(0);
    let compared = 0;
    for (const b of res.blocks) {
      expect(b.terms).toEqual([{ period: "1 четверть", to: quarter.to }]);
      for (const s of b.students) {
        expect(s.termMarks).toEqual([expected.get(`${s.studentId}|${b.groupId}`) ?? ""]);
        if (s.termMarks?.[0]) compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    const rows = csvRows(res.blocks, [], "ru").filter((r) => r[6] === "за период: 1 четверть");
    expect(rows.length).toBe(compared);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([quarter.to!.split("-").reverse().join(".")]));
  });

  it("a month no period ends in carries month marks only", () => {
    const res = runTransfer(demo(), { month: "2026-11", now: NOW, who: "coordinator" });
    expect(res.blocks.every((b) => b.terms === undefined)).toBe(true);
  });
});
