/**
 * The monthly run at school scale: the synthetic school (2,000 students, 150 groups, 40
 * classes, September–June journals) as .xlsx (write and read times) and through the whole
 * monthly run (compile + summary sheet + JSON + report) in memory.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorkbook } from "../src/app/load.js";
import { compileMonth } from "../src/app/report.js";
import { XlsxWorkbook } from "../src/node/xlsx-workbook.js";
import type { SheetWrite } from "../src/ports.js";
import { modelTables } from "../test/support/model-tables.js";
import { syntheticModel } from "../test/support/synthetic-school.js";
import type { Bench, Figure } from "./harness.js";
import { timeMs } from "./harness.js";

export const monthlyBench: Bench = {
  name: "monthly run at 2,000 students (.xlsx)",
  async run(): Promise<Figure[]> {
    const model = syntheticModel({ students: 2000, groups: 150, classes: 40, seed: 7 });
    const tables = modelTables(model);
    const cells = Object.values(tables).reduce((n, t) => n + t.reduce((a, r) => a + r.length, 0), 0);
    const dir = await mkdtemp(join(tmpdir(), "bench-"));
    const file = join(dir, "school.xlsx");
    try {
      const writes: SheetWrite[] = Object.entries(tables).map(([sheet, values]) => ({
        sheet,
        create: true,
        cells: [{ row: 1, col: 1, values }],
      }));
      const write = await timeMs(async () => {
        const wb = XlsxWorkbook.create(file);
        wb.write(writes);
        await wb.save();
      }, 1);
      const read = await timeMs(async () => loadWorkbook(await XlsxWorkbook.open(file)), 1);
      const loaded = read.result;
      const compile = await timeMs(
        () => compileMonth(loaded.model, loaded.names, "2026-10", new Date("2026-11-01T03:00:00Z")),
        3,
      );
      return [
        { name: "workbook cells", value: cells },
        { name: ".xlsx write (create + save)", value: write.ms, unit: "ms" },
        { name: ".xlsx read + parse (open + one read + parseModel)", value: read.ms, unit: "ms" },
        {
          name: "compile a month (figures, dynamics, sheet, JSON, report model)",
          value: compile.ms,
          unit: "ms",
          target: "< 1000 ms",
        },
        { name: "summary sheet rows", value: compile.result.summaryWrite.cells?.[0].values.length ?? 0 },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
