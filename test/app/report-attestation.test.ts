/** The monthly report mentions the month's attestations and their results (hand-made workbook). */
import { describe, expect, it } from "vitest";
import { attestationIn } from "../../src/app/attestation.js";
import { loadWorkbook } from "../../src/app/load.js";
import { compileMonth } from "../../src/app/report.js";
import { plainText } from "../../src/core/report/model.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../fixtures/attestation/two-quarters.xlsx", import.meta.url).pathname;

describe("the monthly report and attestation", () => {
  it("lists October's attestations with their results, and none in November", async () => {
    const { model, names, tables } = loadWorkbook(await XlsxWorkbook.open(FIXTURE), {
      attestationResults: true,
    });
    const att = attestationIn(model, tables);
    const now = new Date("2026-12-20T09:00:00Z");
    const october = plainText(
      compileMonth(model, names, "2026-10", now, { lang: "ru", attestation: att }).doc,
    );
    expect(october).toContain("Аттестация за месяц");
    expect(october).toContain(
      "A1\t12.10.2026\tG1\tМатематика\tконтрольная работа\t3\t2\t1\t1\t1/0/0/1\t3,50\t",
    );
    expect(october).toContain(
      "A2\t12.10.2026\tG2\tФизика\tдиагностическая работа\t2\t1\t1\t0\t0/1/0/0\t4,00\t",
    );
    const november = plainText(
      compileMonth(model, names, "2026-11", now, { lang: "ru", attestation: att }).doc,
    );
    expect(november).not.toContain("Аттестация за месяц");
  });
});
