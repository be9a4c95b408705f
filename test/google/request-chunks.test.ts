import { describe, expect, it } from "vitest";
import {
  blockRange,
  chunkRequests,
  chunkValues,
  REQUEST_BYTES,
  utf8Bytes,
} from "../../src/google/request-chunks.js";
import { planSheetWrites } from "../../src/google/sheets-requests.js";
import type { SheetWrite } from "../../src/ports.js";

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
    // As one atomic plan (no values path), to see the cutting itself.
    const { requests } = planSheetWrites(writes, [], Number.POSITIVE_INFINITY);
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

describe("a plan larger than one body", () => {
  const summary = (students: number): SheetWrite => ({
    sheet: "Сводная 2026-10",
    create: true,
    clear: true,
    cells: [
      {
        row: 1,
        col: 1,
        values: Array.from({ length: students }, (_, i) => [
          `9А`,
          `S${i}`,
          `Учащийся ${i}`,
          14,
          0,
          "",
          "н/а",
        ]),
      },
    ],
    frozenRows: 1,
  });

  it("a plan that fits stays one atomic batchUpdate with its values inside", () => {
    const plan = planSheetWrites([summary(100)], []);
    expect(plan.values).toEqual([]);
    expect(plan.requests.some((r) => r.updateCells?.rows?.length === 100)).toBe(true);
  });

  it("sends the bulk values RAW after the structure, about a third of the bytes, same cells", () => {
    const atomic = planSheetWrites([summary(12000)], [], Number.POSITIVE_INFINITY);
    const plan = planSheetWrites([summary(12000)], []);
    expect(plan.requests.some((r) => r.updateCells?.rows)).toBe(false);
    expect(plan.requests[0].addSheet?.properties?.title).toBe("Сводная 2026-10");
    expect(plan.values).toHaveLength(1);
    const rows = plan.values[0].values;
    expect(rows[5]).toEqual(["9А", "S5", "Учащийся 5", 14, 0, "", "н/а"]);
    const cellRows = atomic.requests.find((r) => r.updateCells?.rows)?.updateCells?.rows ?? [];
    expect(cellRows[5].values?.[3]).toEqual({ userEnteredValue: { numberValue: 14 } });
    const chunks = chunkValues(plan.values);
    const valueBytes = chunks.reduce((n, c) => n + utf8Bytes(JSON.stringify({ data: c })), 0);
    expect(valueBytes).toBeLessThan(bodyBytes(atomic.requests) / 2.5);
    for (const c of chunks)
      expect(utf8Bytes(JSON.stringify({ valueInputOption: "RAW", data: c }))).toBeLessThanOrEqual(
        REQUEST_BYTES,
      );
  });

  it("keeps formulas, appends and earlier writes to the same sheet in the batch", () => {
    const big = summary(12000);
    const writes: SheetWrite[] = [
      big,
      { sheet: "Сводная 2026-10", cells: [{ row: 2, col: 9, values: [[{ formula: "=SUM(D2:D9)" }]] }] },
      { sheet: "Аудит", create: true, cells: [{ row: 1, col: 1, values: [["when"]] }], append: [["x"]] },
    ];
    const plan = planSheetWrites(writes, []);
    expect(plan.values).toEqual([]);
    expect(plan.requests.some((r) => r.updateCells?.rows?.length === 12000)).toBe(true);
  });

  it("cuts a large block by rows with exact ranges, quoting the title", () => {
    const values = Array.from({ length: 5000 }, (_, i) => [i, "ж".repeat(100)]);
    const chunks = chunkValues([{ sheet: "It's", row: 3, col: 2, values }], 200_000);
    expect(chunks.length).toBeGreaterThan(3);
    let next = 3;
    for (const [vr] of chunks) {
      const n = vr.values?.length ?? 0;
      expect(vr.range).toBe(`'It''s'!B${next}:C${next + n - 1}`);
      expect(utf8Bytes(JSON.stringify({ data: [vr] }))).toBeLessThanOrEqual(200_000);
      next += n;
    }
    expect(next).toBe(5003);
    expect(blockRange({ sheet: "S", row: 1, col: 1, values: [[1], [1, 2, 3]] })).toBe("'S'!A1:C2");
  });
});
