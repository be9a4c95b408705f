/** The municipal rollup of 50 generated schools (.xlsx files, read 4 at a time): time and memory. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoSchool } from "../src/app/demo.js";
import { rollup } from "../src/app/municipal.js";
import { XlsxWorkbook } from "../src/node/xlsx-workbook.js";
import type { Bench, Figure } from "./harness.js";
import { peakMemoryMb } from "./harness.js";

const SCHOOLS = 50;

export const rollupBench: Bench = {
  name: `municipal rollup of ${SCHOOLS} schools (.xlsx)`,
  async run(): Promise<Figure[]> {
    const dir = await mkdtemp(join(tmpdir(), "rollup-bench-"));
    try {
      const files: string[] = [];
      for (let i = 0; i < SCHOOLS; i++) {
        const file = join(dir, `school-${i}.xlsx`);
        const wb = XlsxWorkbook.create(file);
        writeDemoSchool(wb, {
          year: 2026,
          lang: "ru",
          today: "2026-11-24",
          seed: i + 1,
          school: `Школа № ${i + 1}`,
        });
        await wb.save();
        files.push(file);
      }
      const t0 = performance.now();
      const r = await rollup(files, {
        month: "2026-10",
        now: new Date("2026-11-24T09:00:00Z"),
        open: (f) => XlsxWorkbook.open(f),
        label: (f) => f,
        describe: (e) => String(e),
        concurrency: 4,
      });
      const ms = Math.round(performance.now() - t0);
      return [
        { name: "schools summed", value: r.municipal.rows.length },
        { name: "students", value: r.municipal.totals.students },
        { name: "rollup time (read 50 .xlsx, compute, combine)", value: ms, unit: "ms" },
        { name: "per school", value: Math.round(ms / SCHOOLS), unit: "ms" },
        { name: "peak RSS so far", value: peakMemoryMb(), unit: "MB" },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
