import { gunzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  decodeSummary,
  ENCODING,
  encodeSummary,
  PART_CHARS,
  savedSummaryJson,
  summaryRows,
} from "../../../src/core/report/saved-summary.js";

/** A summary-like object that does not compress to nothing: pseudo-random marks and names. */
function bigSummary(students: number) {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return {
    schema: "coordinator.summary/v2",
    month: "2026-10",
    students: Array.from({ length: students }, (_, i) => ({
      id: `S${String(i).padStart(5, "0")}`,
      name: `Учащийся ${Math.floor(rnd() * 1e6)}`,
      marks: Array.from({ length: 8 }, () => Math.floor(rnd() * 4) + 2),
      attendance: Math.round(rnd() * 1000) / 10,
    })),
  };
}

describe("the saved summary", () => {
  it("round-trips through gzip + base64 parts no longer than a cell allows", () => {
    const json = bigSummary(20000);
    const parts = encodeSummary(json);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(PART_CHARS);
    expect(decodeSummary(parts)).toEqual(json);
    // It is a real gzip stream (a person can decode it with any tool).
    const bytes = Buffer.from(parts.join(""), "base64");
    expect(JSON.parse(Buffer.from(gunzipSync(bytes)).toString("utf8"))).toEqual(json);
    expect(parts.join("").length).toBeLessThan(JSON.stringify(json).length / 2);
  });

  it("a new sheet gets the header and the month's row", () => {
    const w = summaryRows([], "2026-10", { month: "2026-10" });
    expect(w.rewrite).toBe(true);
    expect(w.blocks).toHaveLength(1);
    expect(w.blocks[0].values[0]).toEqual(["month", "encoding", "data"]);
    expect(w.blocks[0].values[1].slice(0, 2)).toEqual(["2026-10", ENCODING]);
  });

  it("another month is written in its own row only; the month again overwrites it, blanking a longer tail", () => {
    const header = ["month", "encoding", "data"];
    const sept = ["2026-09", ENCODING, ...encodeSummary({ month: "2026-09" }), "stale part"];
    const rows = [header, sept];
    const oct = summaryRows(rows, "2026-10", { month: "2026-10" });
    expect(oct.rewrite).toBe(false);
    expect(oct.blocks).toEqual([
      { row: 3, values: [["2026-10", ENCODING, ...encodeSummary({ month: "2026-10" })]] },
    ]);
    const again = summaryRows(rows, "2026-09", { month: "2026-09", v: 2 });
    expect(again.blocks[0].row).toBe(2);
    const written = again.blocks[0].values[0];
    expect(written).toHaveLength(sept.length);
    expect(written.at(-1)).toBeNull();
    expect(savedSummaryJson([header, written.map((v) => v ?? "") as string[]], "2026-09")).toEqual({
      month: "2026-09",
      v: 2,
    });
  });

  it("reads the earlier layout (a row per part of plain JSON) and repacks every month on the next write", () => {
    const text = JSON.stringify({ month: "2026-09", figures: [1, 2, 3] });
    const old = [
      ["month", "part", "json"],
      ["2026-09", 2, text.slice(10)],
      ["2026-09", 1, text.slice(0, 10)],
    ];
    expect(savedSummaryJson(old, "2026-09")).toEqual({ month: "2026-09", figures: [1, 2, 3] });
    expect(savedSummaryJson(old, "2026-10")).toBeNull();
    const w = summaryRows(old, "2026-10", { month: "2026-10" });
    expect(w.rewrite).toBe(true);
    const [head, sept, oct] = w.blocks[0].values;
    expect(head).toEqual(["month", "encoding", "data"]);
    expect(savedSummaryJson([head, sept, oct] as string[][], "2026-09")).toEqual({
      month: "2026-09",
      figures: [1, 2, 3],
    });
    expect(savedSummaryJson([head, sept, oct] as string[][], "2026-10")).toEqual({ month: "2026-10" });
  });

  it("a damaged old entry is dropped on repacking, not a reason to stop the month's report", () => {
    const old = [
      ["month", "part", "json"],
      ["2026-09", 1, "{not json"],
    ];
    const w = summaryRows(old, "2026-10", { month: "2026-10" });
    expect(w.blocks[0].values.map((r) => r[0])).toEqual(["month", "2026-10"]);
  });
});
