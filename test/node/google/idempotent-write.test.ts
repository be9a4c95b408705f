/**
 * A batchUpdate whose reply is lost: Google applied it, the client saw a 503 or a reset
 * connection. The retry must not apply it twice, nor report a failure.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells.js";
import { SheetsApiWorkbook } from "../../../src/node/google/sheets-api-workbook.js";
import { WRITE_MARK_KEY } from "../../../src/node/google/write-marker.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { fakeSleep, rejection, testAuth } from "./helpers.js";

const fake = await startFakeGoogle();
afterAll(() => fake.close());
const auth = testAuth();
let n = 0;
let marks = 0;
const open = (id: string) =>
  SheetsApiWorkbook.open(id, {
    auth,
    rootUrl: fake.url,
    retry: fakeSleep().retry,
    writeMark: () => `mark-${++marks}`,
  });
const seed = (sheets: Record<string, CellValue[][]>) => {
  const id = `lost-${n++}`;
  fake.seedSpreadsheet(id, sheets);
  return id;
};
const since = (from: number) => fake.calls.slice(from).map((c) => `${c.method} ${c.status}`);

/** A new sheet, an append and a protection: each would fail or duplicate when applied twice. */
async function writeThree(id: string) {
  const wb = await open(id);
  wb.write([
    { sheet: "Сводная", create: true, cells: [{ row: 1, col: 1, values: [["итог"]] }] },
    { sheet: "A", append: [["x"]], protection: { rows: 1, description: "шапка" } },
  ]);
  return wb;
}

describe("a lost reply to a batchUpdate", () => {
  for (const how of ["503", "reset"] as const) {
    it(`(${how}) ends in success, applied once, after one read-back and no second send`, async () => {
      const id = seed({ A: [["a"]] });
      const wb = await writeThree(id);
      fake.loseNextReply(how);
      const from = fake.calls.length;
      await wb.flush();
      const sent = fake.calls.slice(from);
      expect(sent.filter((c) => c.method === "POST")).toHaveLength(1);
      expect(sent.map((c) => c.method)).toEqual(["POST", "GET"]);
      const book = fake.state.spreadsheets.get(id)!;
      expect(book.sheets.map((s) => s.properties.title)).toEqual(["A", "Сводная"]);
      expect((await open(id)).read(["A"]).get("A")!.values).toEqual([["a"], ["x"]]);
      expect(book.developerMetadata).toEqual([
        expect.objectContaining({ metadataKey: WRITE_MARK_KEY, metadataValue: `mark-${marks}` }),
      ]);
      // The protection's ID, lost with the reply, came from the read-back: a rerun updates it.
      wb.write([{ sheet: "A", protection: { rows: 1, description: "шапка 2" } }]);
      await wb.flush();
      expect(fake.sheet(id, "A").protectedRanges.map((p) => p.description)).toEqual(["шапка 2"]);
    });
  }

  it("keeps one mark: each write drops the previous one by its ID, known from the snapshot or the reply", async () => {
    const id = seed({ A: [["a"]] });
    const wb = await open(id);
    const batches: unknown[] = [];
    for (const v of ["x", "y"]) {
      wb.write([{ sheet: "A", append: [[v]] }]);
      const from = fake.calls.length;
      await wb.flush();
      batches.push(...fake.calls.slice(from).map((c) => c.body));
    }
    const reopened = await open(id);
    reopened.write([{ sheet: "A", append: [["z"]] }]);
    const from = fake.calls.length;
    await reopened.flush();
    batches.push(fake.calls[from].body);
    const deletes = batches.map((b) =>
      (b as { requests: { deleteDeveloperMetadata?: { dataFilter: unknown } }[] }).requests
        .filter((r) => r.deleteDeveloperMetadata)
        .map((r) => r.deleteDeveloperMetadata!.dataFilter),
    );
    // The first write had no mark to drop; the next ones drop exactly the one before.
    expect(deletes[0]).toEqual([]);
    const ids = fake.state.spreadsheets.get(id)!.developerMetadata!.map((m) => m.metadataId);
    expect(ids).toHaveLength(1);
    expect(deletes[1]).toEqual([{ developerMetadataLookup: { metadataId: ids[0]! - 2 } }]);
    expect(deletes[2]).toEqual([{ developerMetadataLookup: { metadataId: ids[0]! - 1 } }]);
    expect((await open(id)).read(["A"]).get("A")!.values).toEqual([["a"], ["x"], ["y"], ["z"]]);
  });

  it("is sent again when the read-back shows it did not apply, and then applies once", async () => {
    const id = seed({ A: [["a"]] });
    const wb = await writeThree(id);
    fake.failNext(503, 1, undefined, /:batchUpdate$/);
    const from = fake.calls.length;
    await wb.flush();
    expect(since(from)).toEqual(["POST 503", "GET 200", "POST 200"]);
    expect((await open(id)).read(["A"]).get("A")!.values).toEqual([["a"], ["x"]]);
  });

  it("a 429 is sent again without a read-back (Google refused it before applying)", async () => {
    const id = seed({ A: [["a"]] });
    const wb = await writeThree(id);
    fake.failNext(429, 1, undefined, /:batchUpdate$/);
    const from = fake.calls.length;
    await wb.flush();
    expect(since(from)).toEqual(["POST 429", "POST 200"]);
  });

  it("a refusal is final and says nothing changed; an unreadable outcome says so and how to go on", async () => {
    const id = seed({ A: [["a"]] });
    const wb = await writeThree(id);
    fake.failNext(400, 1, undefined, /:batchUpdate$/);
    const from = fake.calls.length;
    const refused = await rejection(wb.flush());
    expect(since(from)).toEqual(["POST 400"]);
    expect(refused.code).toBe("write-failed");
    expect(refused.msg.ru).toMatch(/ничего не изменено/);

    fake.loseNextReply("503");
    fake.failNext(503, 5, undefined, /^GET /);
    const unknown = await rejection(wb.flush());
    expect(unknown.code).toBe("network");
    expect(unknown.msg.ru).toMatch(/^Ответ Google на запись в таблицу lost-\d+ потерян, а проверить/);
    expect(unknown.msg.ru).not.toMatch(/ничего не изменено/);
    expect(unknown.msg.en).toMatch(/Run the command again/);
    // Indeed applied: a fresh open sees the data once.
    expect((await open(id)).read(["A"]).get("A")!.values).toEqual([["a"], ["x"]]);
  });
});
