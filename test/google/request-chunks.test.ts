import { describe, expect, it } from "vitest";
import { chunkRequests, REQUEST_BYTES, utf8Bytes } from "../../src/google/request-chunks.js";
import { planSheetWrites } from "../../src/google/sheets-requests.js";

const bodyBytes = (requests: unknown[]) => utf8Bytes(JSON.stringify({ requests }));

describe("chunkRequests", () => {
  it("counts UTF-8 bytes as the wire does", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("Журнал")).toBe(12);
    expect(utf8Bytes("€😀")).toBe(7);
  });

  it("keeps a small plan in one body", () => {
    const { requests } = planSheetWrites([{ sheet: "S", create: true, append: [["a", "b"]] }], []);
    expect(chunkRequests(requests)).toEqual([requests]);
  });

  it("cuts 150 journals of Cyrillic text into bodies under 2 MB, in order, addSheet first", () => {
    const line = (i: number) => [
      `S${i}`,
      `Иванова Мария Петровна ${i}`,
      ...Array.from({ length: 60 }, () => "н"),
    ];
    const writes = Array.from({ length: 150 }, (_, g) => ({
      sheet: `Журнал G${g}`,
      create: true,
      cells: [{ row: 1, col: 1, values: Array.from({ length: 30 }, (_, i) => line(i)) }],
    }));
    const { requests } = planSheetWrites(writes, []);
    const chunks = chunkRequests(requests);
    expect(bodyBytes(requests)).toBeGreaterThan(REQUEST_BYTES);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(bodyBytes(c)).toBeLessThanOrEqual(REQUEST_BYTES);
    expect(chunks.flat()).toEqual(requests);
    expect(chunks[0].slice(0, 150).every((r) => r.addSheet)).toBe(true);
  });

  it("splits one oversized block by rows, each part starting where the last ended", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [i, "ж".repeat(1000)]);
    const { requests } = planSheetWrites(
      [{ sheet: "S", create: true, cells: [{ row: 3, col: 2, values: rows }] }],
      [],
    );
    const block = requests.find((r) => r.updateCells)!;
    const chunks = chunkRequests([block], 200_000);
    expect(chunks.length).toBeGreaterThan(3);
    let next = 2;
    for (const [r] of chunks) {
      expect(bodyBytes([r])).toBeLessThanOrEqual(200_000);
      expect(r.updateCells?.start).toEqual({ sheetId: 0, rowIndex: next, columnIndex: 1 });
      next += r.updateCells?.rows?.length ?? 0;
    }
    expect(next).toBe(402);
    expect(chunks.flatMap(([r]) => r.updateCells?.rows ?? [])).toEqual(block.updateCells?.rows);
  });
});
