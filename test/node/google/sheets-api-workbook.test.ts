import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells.js";
import { UserError } from "../../../src/node/errors.js";
import { SheetsApiWorkbook, SNAPSHOT_FIELDS } from "../../../src/node/google/sheets-api-workbook.js";
import type { Workbook } from "../../../src/ports.js";
import { runWorkbookContract } from "../../contract/workbook.contract.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { fakeSleep, isCleanMessage, rejection, testAuth } from "./helpers.js";

const fake = await startFakeGoogle();
afterAll(() => fake.close());
const auth = testAuth();
let n = 0;
const open = (id: string, extra: Partial<Parameters<typeof SheetsApiWorkbook.open>[1]> = {}) =>
  SheetsApiWorkbook.open(id, { auth, rootUrl: fake.url, retry: fakeSleep().retry, ...extra });
const seed = (sheets: Record<string, CellValue[][]>) => {
  const id = `book-${n++}`;
  fake.seedSpreadsheet(id, sheets);
  return id;
};
const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

runWorkbookContract("Sheets API (googleapis, local server)", {
  async create(sheets) {
    return open(seed(sheets));
  },
  async reopen(wb: Workbook) {
    const s = wb as SheetsApiWorkbook;
    await s.flush();
    return open(s.spreadsheetId);
  },
  calls: () => fake.calls.length,
});

describe("SheetsApiWorkbook: calls", () => {
  it("opens with exactly one spreadsheets.get carrying the snapshot field mask; reads cost nothing", async () => {
    const id = seed({ A: [["x"]], B: [["y"]], C: [["z"]] });
    const before = fake.calls.length;
    const wb = await open(id);
    wb.read(["A", "B", "C"]);
    wb.read(["A"]);
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v4/spreadsheets/${id}`]);
    expect(calls[0].query.get("fields")).toBe(SNAPSHOT_FIELDS);
    expect(wb.title).toBe(id);
  });

  it("sends every buffered write of many sheets in exactly one batchUpdate, and nothing when there is nothing", async () => {
    const id = seed({ A: [["ID"]], B: [["ID"]], C: [["ID"]] });
    const wb = await open(id);
    const before = fake.calls.length;
    wb.write([
      { sheet: "A", append: [["S1"], ["S2"]], frozenRows: 1, boldRows: 1 },
      { sheet: "New1", create: true, cells: [{ row: 1, col: 1, values: [["h1", "h2"]] }] },
    ]);
    wb.write([
      { sheet: "B", clear: true, cells: [{ row: 1, col: 1, values: [["fresh"]] }] },
      { sheet: "New1", append: [["v1", "v2"]] },
      { sheet: "New2", create: true, append: [[1, 2, 3]], hidden: true },
      { sheet: "C", backgrounds: [{ range: { row: 1, col: 1, rows: 1, cols: 1 }, color: "#d9d9d9" }] },
    ]);
    expect(wb.unsaved).toBe(6);
    expect(fake.calls.length).toBe(before);
    await wb.flush();
    const sent = fake.calls.slice(before);
    expect(sent.map((c) => `${c.method} ${c.path}`)).toEqual([`POST /v4/spreadsheets/${id}:batchUpdate`]);
    await wb.flush();
    expect(fake.calls.length).toBe(before + 1);
    expect(wb.unsaved).toBe(0);

    const again = await open(id);
    expect(again.sheetNames()).toEqual(["A", "B", "C", "New1", "New2"]);
    const t = again.read(["A", "B", "New1", "New2"]);
    expect(t.get("A")!.values).toEqual([["ID"], ["S1"], ["S2"]]);
    expect(t.get("B")!.values).toEqual([["fresh"]]);
    expect(t.get("New1")!.values).toEqual([
      ["h1", "h2"],
      ["v1", "v2"],
    ]);
    expect(t.get("New2")!.values).toEqual([[1, 2, 3]]);
    expect(fake.sheet(id, "New2").properties.hidden).toBe(true);
  });

  it("serves reads from the snapshot with the pending writes applied, before any flush", async () => {
    const wb = await open(seed({ S: [["a"], ["b"]] }));
    wb.write([
      { sheet: "S", append: [["c"]], cells: [{ row: 1, col: 2, values: [["x"]] }] },
      { sheet: "T", create: true, append: [["only"]] },
    ]);
    expect(wb.sheetNames()).toEqual(["S", "T"]);
    expect(wb.read(["S", "T"]).get("S")!.values).toEqual([
      ["a", "x"],
      ["b", null],
      ["c", null],
    ]);
    expect(wb.read(["T"]).get("T")!.values).toEqual([["only"]]);
  });

  it("rejects a write to a missing sheet without create and buffers nothing of that batch", async () => {
    const wb = await open(seed({ S: [["a"]] }));
    expect(() =>
      wb.write([
        { sheet: "S", append: [["b"]] },
        { sheet: "Nope", append: [["x"]] },
      ]),
    ).toThrow(/Nope/);
    expect(wb.unsaved).toBe(0);
    expect(wb.read(["S"]).get("S")!.values).toEqual([["a"]]);
  });
});

describe("SheetsApiWorkbook: values", () => {
  it("reads typed dates, date-times and times as Dates whose UTC fields are what the user sees; numbers stay numbers", async () => {
    const id = seed({
      D: [
        ["С", "n"],
        [d(2026, 9, 1), 45292],
      ],
    });
    // A date-time and a time as Sheets stores them: serials with their format type.
    const row = fake.sheet(id, "D").rows[1];
    row[2] = {
      effectiveValue: { numberValue: 46266.375 },
      effectiveFormat: { numberFormat: { type: "DATE_TIME" } },
    };
    row[3] = { effectiveValue: { numberValue: 0.5 }, effectiveFormat: { numberFormat: { type: "TIME" } } };
    const values = (await open(id)).read(["D"]).get("D")!.values[1];
    expect((values[0] as Date).toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(values[1]).toBe(45292);
    expect((values[2] as Date).toISOString()).toBe("2026-09-01T09:00:00.000Z");
    expect((values[3] as Date).toISOString()).toBe("1899-12-30T12:00:00.000Z");
  });

  it("writes dates as serial numbers with a date format, and they read back as the same calendar dates", async () => {
    const id = seed({ S: [["Дата"]] });
    const wb = await open(id);
    wb.write([
      {
        sheet: "S",
        cells: [{ row: 1, col: 2, values: [[d(2024, 1, 1), d(2024, 1, 2)]] }],
        append: [[d(2026, 11, 24)], [new Date(Date.UTC(2026, 10, 24, 14, 30))]],
      },
    ]);
    await wb.flush();
    const rows = fake.sheet(id, "S").rows;
    expect(rows[0][1].userEnteredValue).toEqual({ numberValue: 45292 });
    expect(rows[0][2].userEnteredValue).toEqual({ numberValue: 45293 });
    expect(rows[0][1].userEnteredFormat?.numberFormat).toEqual({ type: "DATE", pattern: "dd.mm.yyyy" });
    expect(rows[0][2].userEnteredFormat?.numberFormat?.type).toBe("DATE");
    expect(rows[0][0].userEnteredFormat).toBeUndefined();
    expect(rows[2][0].userEnteredFormat?.numberFormat?.type).toBe("DATE_TIME");
    const t = (await open(id)).read(["S"]).get("S")!.values;
    expect(t.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)))).toEqual([
      ["Дата", "2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z"],
      ["2026-11-24T00:00:00.000Z", null, null],
      ["2026-11-24T14:30:00.000Z", null, null],
    ]);
  });

  it("sends user text as stringValue (never a formula) and a program-made formula as formulaValue", async () => {
    const id = seed({ S: [["x"]] });
    const wb = await open(id);
    wb.write([{ sheet: "S", append: [["=IMPORTXML(1)", "+7", "'quoted'", { formula: "=SUM(1,2)" }]] }]);
    await wb.flush();
    const row = fake.sheet(id, "S").rows[1];
    expect(row.map((c) => c.userEnteredValue)).toEqual([
      { stringValue: "=IMPORTXML(1)" },
      { stringValue: "+7" },
      { stringValue: "'quoted'" },
      { formulaValue: "=SUM(1,2)" },
    ]);
    expect((await open(id)).read(["S"]).get("S")!.values[1].slice(0, 3)).toEqual([
      "=IMPORTXML(1)",
      "+7",
      "'quoted'",
    ]);
  });

  it("reads text another tool stored with its apostrophe like the other adapters, and error cells as their code", async () => {
    const id = seed({ S: [["'=1+1", "ok"]] });
    fake.sheet(id, "S").rows[0][1] = { effectiveValue: { errorValue: { type: "DIVIDE_BY_ZERO" } } };
    expect((await open(id)).read(["S"]).get("S")!.values).toEqual([["=1+1", "#DIV/0!"]]);
  });

  it("grows the grid for writes beyond it (rows and columns) in the same batchUpdate", async () => {
    const id = seed({ S: [["a"]] });
    const wb = await open(id);
    const before = fake.calls.length;
    wb.write([
      { sheet: "S", cells: [{ row: 1200, col: 30, values: [["far"]] }] },
      { sheet: "Wide", create: true, append: [Array.from({ length: 40 }, (_, i) => i)] },
    ]);
    await wb.flush();
    expect(fake.calls.length).toBe(before + 1);
    expect(fake.sheet(id, "S").properties.gridProperties).toMatchObject({ rowCount: 1200, columnCount: 30 });
    const t = (await open(id)).read(["S", "Wide"]);
    expect(t.get("S")!.values.length).toBe(1200);
    expect(t.get("S")!.values[1199][29]).toBe("far");
    expect(t.get("Wide")!.values[0][39]).toBe(39);
  });
});

describe("SheetsApiWorkbook: formatting, validation, protection", () => {
  it("writes frozen rows, bold header, validations, backgrounds, protection and hidden state", async () => {
    const id = seed({ S: [["ID", "Статус", "Код"]] });
    const wb = await open(id);
    wb.write([
      {
        sheet: "S",
        frozenRows: 1,
        boldRows: 1,
        validations: [
          { range: { row: 2, col: 2, rows: 10, cols: 1 }, list: ["заявка", "обучается"], strict: true },
          { range: { row: 2, col: 3, rows: 10, cols: 1 }, pattern: '^S\\d+"$', strict: false, help: "S001" },
        ],
        backgrounds: [
          { range: { row: 2, col: 1, rows: 2, cols: 1 }, color: "#d9d9d9" },
          { range: { row: 3, col: 1, rows: 1, cols: 1 }, color: null },
        ],
        protection: { rows: 1, description: "header" },
      },
    ]);
    await wb.flush();
    const s = fake.sheet(id, "S");
    expect(s.properties.gridProperties.frozenRowCount).toBe(1);
    expect(s.rows[0].every((c) => c.userEnteredFormat?.textFormat?.bold === true)).toBe(true);
    expect(s.rows[0].length).toBe(26);
    const list = s.rows[1][1].dataValidation!;
    expect(list.strict).toBe(true);
    expect(list.condition).toEqual({
      type: "ONE_OF_LIST",
      values: [{ userEnteredValue: "заявка" }, { userEnteredValue: "обучается" }],
    });
    expect(s.rows[10][1].dataValidation).toEqual(list);
    expect(s.rows[11]?.[1]?.dataValidation).toBeUndefined();
    const pattern = s.rows[4][2].dataValidation!;
    expect(pattern).toMatchObject({ strict: false, inputMessage: "S001" });
    expect(pattern.condition).toEqual({
      type: "CUSTOM_FORMULA",
      values: [{ userEnteredValue: '=REGEXMATCH(TO_TEXT(C2),"^S\\d+""$")' }],
    });
    const grey = 0xd9 / 255;
    expect(s.rows[1][0].userEnteredFormat?.backgroundColor).toEqual({ red: grey, green: grey, blue: grey });
    expect(s.rows[2][0].userEnteredFormat?.backgroundColor).toBeUndefined();
    expect(s.protectedRanges).toMatchObject([
      { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, warningOnly: false, description: "header" },
    ]);

    // A rerun updates the same protection instead of adding another.
    wb.write([{ sheet: "S", protection: { rows: 1, description: "header v2" } }]);
    await wb.flush();
    const again = await open(id);
    again.write([{ sheet: "S", protection: { rows: 1, description: "header v3" } }]);
    await again.flush();
    expect(fake.sheet(id, "S").protectedRanges.map((p) => p.description)).toEqual(["header v3"]);
  });

  it("protects a whole sheet for named editors and clears values, fills and rules on clear", async () => {
    const id = seed({ S: [["old", "old"]] });
    const wb = await open(id);
    wb.write([
      {
        sheet: "S",
        validations: [{ range: { row: 1, col: 1, rows: 1, cols: 1 }, list: ["a"], strict: false }],
        backgrounds: [{ range: { row: 1, col: 2, rows: 1, cols: 1 }, color: "#ff0000" }],
        protection: { editors: ["tutor@example.org"] },
      },
    ]);
    await wb.flush();
    wb.write([{ sheet: "S", clear: true, cells: [{ row: 1, col: 1, values: [["new"]] }] }]);
    await wb.flush();
    const s = fake.sheet(id, "S");
    expect(s.rows[0][0]).toMatchObject({ userEnteredValue: { stringValue: "new" } });
    expect(s.rows[0][0].dataValidation).toBeUndefined();
    expect(s.rows[0][1]).toEqual({});
    expect(s.protectedRanges).toMatchObject([
      { range: { sheetId: 0 }, editors: { users: ["tutor@example.org"] }, warningOnly: false },
    ]);
  });
});

describe("SheetsApiWorkbook: failures", () => {
  const cases: [number, string, RegExp][] = [
    [401, "no-credentials", /COORDINATOR_OAUTH_TOKEN/],
    [403, "no-access", /нет доступа к таблице .*bot@project\.iam\.gserviceaccount\.com/i],
    [404, "not-found", /не найдена/],
  ];
  for (const [status, code, ru] of cases) {
    it(`HTTP ${status} on open -> UserError ${code} with a Russian message, no retry`, async () => {
      const id = seed({ S: [["x"]] });
      const { waits, retry } = fakeSleep();
      fake.failNext(status);
      const before = fake.calls.length;
      const e = await rejection(
        SheetsApiWorkbook.open(id, {
          auth,
          rootUrl: fake.url,
          retry,
          account: "bot@project.iam.gserviceaccount.com",
        }),
      );
      expect(e).toBeInstanceOf(UserError);
      expect(e.code).toBe(code);
      expect(e.msg.ru).toMatch(ru);
      expect(isCleanMessage(e.msg.ru) && isCleanMessage(e.msg.en)).toBe(true);
      expect(waits).toEqual([]);
      expect(fake.calls.length - before).toBe(1);
    });
  }

  it("a spreadsheet that does not exist -> not-found", async () => {
    const e = await rejection(open("no-such-id"));
    expect(e.code).toBe("not-found");
    expect(e.msg.ru).toContain("no-such-id");
  });

  it("429 twice, then success: retried with exponential backoff, no real waiting", async () => {
    const id = seed({ S: [["x"]] });
    const { waits, retry } = fakeSleep();
    fake.failNext(429, 2);
    const before = fake.calls.length;
    const wb = await SheetsApiWorkbook.open(id, { auth, rootUrl: fake.url, retry });
    expect(wb.read(["S"]).get("S")!.values).toEqual([["x"]]);
    expect(waits).toEqual([200, 400]);
    expect(fake.calls.length - before).toBe(3);
  });

  it("429 on every one of 5 attempts -> quota; 5xx -> network; after 4 waits", async () => {
    for (const [status, code] of [
      [429, "quota"],
      [500, "network"],
      [503, "network"],
    ] as const) {
      const id = seed({ S: [["x"]] });
      const { waits, retry } = fakeSleep();
      fake.failNext(status, 5);
      const before = fake.calls.length;
      const e = await rejection(
        SheetsApiWorkbook.open(id, { auth, rootUrl: fake.url, retry: { ...retry, baseMs: 10 } }),
      );
      expect(e.code).toBe(code);
      expect(isCleanMessage(e.msg.ru)).toBe(true);
      expect(e.msg.ru).toMatch(/[а-я]/);
      expect(waits).toEqual([10, 20, 40, 80]);
      expect(fake.calls.length - before).toBe(5);
    }
  });

  it("an unreachable server -> network, at once", async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, "127.0.0.1", () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const { waits, retry } = fakeSleep();
    const e = await rejection(
      SheetsApiWorkbook.open("x", { auth, rootUrl: `http://127.0.0.1:${port}/`, retry }),
    );
    expect(e.code).toBe("network");
    expect(e.msg.en).toContain("ECONNREFUSED");
    expect(isCleanMessage(e.msg.ru)).toBe(true);
    expect(waits).toEqual([]);
  });

  it("a server that never answers -> timeout, retried, then network", async () => {
    const silent = createHttpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { waits, retry } = fakeSleep();
      const port = (silent.address() as { port: number }).port;
      const e = await rejection(
        SheetsApiWorkbook.open("x", { auth, rootUrl: `http://127.0.0.1:${port}/`, retry, timeoutMs: 50 }),
      );
      expect(e.code).toBe("network");
      expect(e.msg.en).toContain("ETIMEDOUT");
      expect(waits).toEqual([200, 400, 800, 1600]);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("a batchUpdate that fails leaves the server unchanged and the writes buffered", async () => {
    const id = seed({ A: [["a"]], B: [["b"]] });
    const wb = await open(id);
    const snapshot = structuredClone(fake.state.spreadsheets.get(id));
    // Another person deletes sheet B after we opened: request 2 of the batch fails.
    wb.write([
      { sheet: "A", append: [["new"]], cells: [{ row: 1, col: 2, values: [["b1"]] }] },
      { sheet: "C", create: true, append: [["c"]] },
      { sheet: "B", cells: [{ row: 1, col: 1, values: [["gone"]] }] },
    ]);
    fake.state.spreadsheets.get(id)!.sheets.splice(1, 1);
    const afterDelete = structuredClone(fake.state.spreadsheets.get(id));
    const e = await rejection(wb.flush());
    expect(e.code).toBe("write-failed");
    expect(e.msg.ru).toMatch(/ничего не изменено/);
    expect(fake.state.spreadsheets.get(id)).toEqual(afterDelete);
    expect(afterDelete!.sheets.length).toBe(snapshot!.sheets.length - 1);
    expect(wb.unsaved).toBe(3);

    // A server error on the batchUpdate: nothing applied either (each time checked by a
    // read-back of the write mark); a later flush sends it all.
    const fresh = seed({ A: [["a"]] });
    const wb2 = await open(fresh);
    wb2.write([{ sheet: "A", append: [["x"]] }]);
    const before = structuredClone(fake.state.spreadsheets.get(fresh));
    const calls = fake.calls.length;
    fake.failNext(500, 5, undefined, /:batchUpdate$/);
    const down = await rejection(wb2.flush());
    expect(down.code).toBe("network");
    expect(down.msg.ru).not.toMatch(/ничего не изменено/);
    expect(fake.calls.slice(calls).map((c) => `${c.method} ${c.status}`)).toEqual(
      Array.from({ length: 5 }, () => ["POST 500", "GET 200"]).flat(),
    );
    expect(fake.state.spreadsheets.get(fresh)).toEqual(before);
    await wb2.flush();
    expect((await open(fresh)).read(["A"]).get("A")!.values).toEqual([["a"], ["x"]]);
  });
});
