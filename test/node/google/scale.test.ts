/**
 * 150 journals written from scratch into a Google Sheet in one flush.
 *
 * SKIPPED until issue 13 is merged: today every new sheet is created with Sheets' default
 * 1,000 rows (the request builder, src/node/google/requests.ts, does not size new sheets to
 * their data), so 150 journals of ~80 lesson columns make 150 × 1,000 × 80 = 12 M cells and
 * the fake refuses the batch at Google's 10 M-cell limit, as Google would (at requests[124]
 * when the size check is lifted); before that, the one batch is over the 2 MB the fake allows
 * a request (Google's recommended maximum payload). Issue 13 sizes new
 * sheets to their data (and splits writes under 2 MB); the lead enables this test after that
 * merge, and it must then pass unchanged.
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
  });
});
