/**
 * `coordinator report` on the 2,000-student / 150-group school (1.1 M cells) against an
 * openpyxl + pandas script that reads the same workbook and computes the same figures
 * (bench/xlsx_pandas.py), side by side in one run, each in its own process so that each peak
 * memory is its own. Targets (issue 14): ratio ≤ 0.5, peak ≤ 300 MB.
 */
import { spawnSync } from "node:child_process";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../src/node/xlsx-workbook.js";
import { modelTables } from "../test/support/model-tables.js";
import { syntheticModel } from "../test/support/synthetic-school.js";
import type { Bench, Figure } from "./harness.js";

const MONTH = "2026-10";

/** Run a child under GNU time: its wall time, output and peak RSS (%M, kilobytes). */
function withPeak(cmd: string, args: string[]): { ms: number; peakMb: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "peak-kb=%M", cmd, ...args], { encoding: "utf8" });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  const kb = Number(/peak-kb=(\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { ms, peakMb: Math.round(kb / 1024), out: r.stdout };
}

export const xlsxBench: Bench = {
  name: "coordinator report vs openpyxl + pandas (2,000 students, .xlsx)",
  async run(): Promise<Figure[]> {
    const model = syntheticModel({ students: 2000, groups: 150, classes: 40, seed: 7 });
    const tables = modelTables(model);
    const cells = Object.values(tables).reduce((n, t) => n + t.reduce((a, r) => a + r.length, 0), 0);
    const dir = await mkdtemp(join(tmpdir(), "bench-xlsx-"));
    const school = join(dir, "school.xlsx");
    try {
      const wb = XlsxWorkbook.create(school);
      wb.write(
        Object.entries(tables).map(([sheet, values]) => ({
          sheet,
          create: true,
          cells: [{ row: 1, col: 1, values }],
        })),
      );
      await wb.save();
      const cliCopy = join(dir, "cli.xlsx");
      const phaseCopy = join(dir, "phases.xlsx");
      await copyFile(school, cliCopy);
      await copyFile(school, phaseCopy);
      const ours = withPeak(process.execPath, [
        "bin/coordinator.js",
        "report",
        cliCopy,
        "--month",
        MONTH,
        "--out",
        dir,
      ]);
      const py = withPeak("/usr/bin/python3", ["bench/xlsx_pandas.py", school, MONTH]);
      const pyOut = JSON.parse(py.out.trim().split("\n").at(-1)!) as {
        students: number;
        success: number;
        read_ms: number;
        compute_ms: number;
      };
      const phases = withPeak(process.execPath, [
        "--import",
        "tsx",
        "bench/xlsx-phases.ts",
        phaseCopy,
        MONTH,
        dir,
      ]);
      const ph = JSON.parse(phases.out.trim().split("\n").at(-1)!) as {
        phases: Record<string, number>;
        students: number;
        success: number;
      };
      const ratio = Math.round((ours.ms / py.ms) * 100) / 100;
      return [
        { name: "workbook cells", value: cells },
        { name: "coordinator report (read, compute, sheet, .docx, JSON)", value: ours.ms, unit: "ms" },
        { name: "openpyxl + pandas (read, compute)", value: py.ms, unit: "ms" },
        {
          name: "  of which pandas.read_excel / compute",
          value: `${pyOut.read_ms} / ${pyOut.compute_ms}`,
          unit: "ms",
        },
        { name: "ratio coordinator / pandas", value: ratio, target: "≤ 0.5" },
        { name: "peak memory: coordinator report", value: ours.peakMb, unit: "MB", target: "≤ 300 MB" },
        { name: "peak memory: openpyxl + pandas", value: py.peakMb, unit: "MB" },
        ...Object.entries(ph.phases).map(([k, v]) => ({ name: `  phase ${k}`, value: v, unit: "ms" })),
        { name: "students counted: coordinator / pandas", value: `${ph.students} / ${pyOut.students}` },
        {
          name: "school success %: coordinator / pandas (no enrollment dates)",
          value: `${ph.success.toFixed(1)} / ${pyOut.success.toFixed(1)}`,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
