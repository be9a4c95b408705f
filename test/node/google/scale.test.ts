/**
 * 150 journals written from scratch into a Google Sheet in one flush: new sheets are sized to
 * their data (Google's default 1,000 rows would make 12 M cells, past the 10 M limit the fake
 * enforces, as Google does), every body stays under 2 MB, and a plan too large for one body
 * sends its values through values:batchUpdate RAW (issue 13) and reads back cell for cell.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { WriteValue } from "../../../src/core/cells.js";
import { SheetsApiWorkbook } from "../../../src/node/google/sheets-api-workbook.js";
import type { SheetWrite } from "../../../src/ports.js";
import { cellCount } from "../../support/fake-google-limits.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { fakeSleep, testAuth } from "./helpers.js";

const fake = await startFakeGoogle();
afterAll(() => fake.close());

const GROUPS = 150;
const LESSONS = 78;
const STUDENTS = 15;

/** A journal-shaped sheet: ID, name, one column per lesson; one row per student. */
function journal(g: number): SheetWrite {
  const header: WriteValue[] = ["ID", "ФИО", ...Array.from({ length: LESSONS }, (_, i) => `урок ${i + 1}`)];
  const rows: WriteValue[][] = Array.from({ length: STUDENTS }, (_, s) => [
    `S${g}-${s}`,
    `Ученик ${s}`,
    ...Array.from({ length: LESSONS }, (_, i) => ((g + s + i) % 4) + 2),
  ]);
  return {
    sheet: `Журнал G${String(g).padStart(3, "0")}`,
    create: true,
    cells: [{ row: 1, col: 1, values: [header, ...rows] }],
    frozenRows: 1,
  };
}

describe("150 journals from scratch", () => {
  it("are accepted: new sheets sized to their data stay far below 10 M cells", async () => {
    fake.seedSpreadsheet("scale", { Группы: [["ID"]] });
    const wb = await SheetsApiWorkbook.open("scale", {
      auth: testAuth(),
      rootUrl: fake.url,
      retry: fakeSleep().retry,
    });
    wb.write(Array.from({ length: GROUPS }, (_, g) => journal(g + 1)));
    await wb.flush();
    const book = fake.state.spreadsheets.get("scale")!;
    expect(book.sheets).toHaveLength(GROUPS + 1);
    expect(cellCount(book.sheets)).toBeLessThan(fake.limits.cells / 10);
    expect(fake.largestRequestBytes()).toBeLessThanOrEqual(fake.limits.requestBytes);
    const again = await SheetsApiWorkbook.open("scale", { auth: testAuth(), rootUrl: fake.url });
    const back = (await again.read(["Журнал G150"])).get("Журнал G150")!.values;
    expect(back.map((r) => r.map((v) => (v === null ? "" : v)))).toEqual(
      journal(150).cells![0].values.map((r) => r.map((v) => (v === null ? "" : v))),
    );
  });
});
