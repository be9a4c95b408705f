/** The year's marks from the quarters' final marks (the hand-made workbook's «Год»). */
import { describe, expect, it } from "vitest";
import { loadAttestation, periodMarks } from "../../src/app/attestation.js";
import { findPeriod } from "../../src/core/attestation/sheets.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../fixtures/attestation/two-quarters.xlsx", import.meta.url).pathname;

describe("«Год»", () => {
  it("is the mean of the quarters' final marks (overrides included), rounded by the period threshold", async () => {
    const st = loadAttestation(await XlsxWorkbook.open(FIXTURE));
    const pm = periodMarks(st, findPeriod(st.periods, "Год")!);
    const got = Object.fromEntries(
      pm.rows.map((r) => [`${r.studentId}|${r.groupId}`, [r.marks, r.final, r.source]]),
    );
    expect(got).toEqual({
      "S1|G1": [[5, 4], 4, "periods"], // 4,5 → 4 (0,5 < 0,6)
      "S2|G1": [[4, 4], 4, "periods"], // the first quarter's typed 4 counts
      "S3|G1": [[4, 4], 4, "periods"],
      "S1|G2": [[4, 4], 4, "periods"],
      "S2|G2": [[2, 3], 2, "periods"], // 2,5 → 2
      "S3|G2": [[], "н/а", "periods"], // only an н/а quarter
    });
  });
});
