import { access, copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { WriteValue } from "../../../src/core/cells.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";
import { docxText } from "../../support/docx-text.js";

const dir = await mkdtemp(join(tmpdir(), "refusal-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const base = join(dir, "base.xlsx");
expect((await cli(["init", base, "--demo", "--year", "2026"])).code).toBe(0);
let n = 0;

/** A copy of the demo school with some cells changed. */
async function school(sheet: string, cells: [number, number, WriteValue][]): Promise<string> {
  const file = join(dir, `s${n++}.xlsx`);
  await copyFile(base, file);
  const wb = await XlsxWorkbook.open(file);
  wb.write([{ sheet, cells: cells.map(([row, col, v]) => ({ row, col, values: [[v]] })) }]);
  await wb.save();
  return file;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

describe("coordinator report refuses data that would leave students or groups out", () => {
  const cases: [string, string, [number, number, WriteValue][], RegExp][] = [
    ["a renamed «ID» header of «Учащиеся»", "Учащиеся", [[1, 1, "Код"]], /^Учащиеся!\w+1: Нет столбца «ID»/m],
    ["a duplicated student ID", "Учащиеся", [[3, 1, "S001"]], /^Учащиеся!A3: ID «S001» уже есть в строке 2/m],
    [
      "an enrollment into an unknown group",
      "Зачисления",
      [[2, 2, "G99"]],
      /^Зачисления!B2: «G99» нет на листе «Группы»/m,
    ],
    [
      "an enrollment of an unknown student",
      "Зачисления",
      [[2, 1, "S999"]],
      /^Зачисления!A2: «S999» нет на листе «Учащиеся»/m,
    ],
  ];
  for (const [what, sheet, cells, line] of cases)
    it(`exits 1 on ${what}, names the cell, writes nothing`, async () => {
      const file = await school(sheet, cells);
      const before = await readFile(file);
      const out = join(dir, `out${n}`);
      const r = await cli(["report", file, "--month", "2026-10", "--out", out]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^Отчёт не сформирован/m);
      expect(r.err).toMatch(line);
      expect(r.err).toMatch(/--force/);
      expect(Buffer.compare(await readFile(file), before)).toBe(0);
      expect(await exists(join(out, "report-2026-10.docx"))).toBe(false);
    });

  it("--force writes the report, which states what it left out and why", async () => {
    const file = await school("Зачисления", [[2, 2, "G99"]]);
    const out = join(dir, "forced");
    const r = await cli(["report", file, "--month", "2026-10", "--out", out, "--force"]);
    expect(r.code).toBe(0);
    const text = await docxText(await readFile(join(out, "report-2026-10.docx")));
    expect(text).toContain("Внимание: отчёт неполный");
    expect(text).toContain("Зачисления!B2: «G99» нет на листе «Группы»");
  });

  it("a clean workbook is reported without the warning", async () => {
    const out = join(dir, "clean");
    const r = await cli(["report", base, "--month", "2026-10", "--out", out]);
    expect(r.code).toBe(0);
    expect(await docxText(await readFile(join(out, "report-2026-10.docx")))).not.toContain("неполный");
  });
});
