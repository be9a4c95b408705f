/**
 * Child process of bench/xlsx.bench.ts: `coordinator report` on one .xlsx, phase by phase, in a
 * fresh process so its peak memory is its own. Prints one JSON line.
 * Usage: node --import tsx bench/xlsx-phases.ts FILE.xlsx MONTH OUTDIR
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadWorkbook } from "../src/app/load.js";
import { compileMonth } from "../src/app/report.js";
import { writeFileAtomic } from "../src/node/atomic.js";
import { renderDocx } from "../src/node/report/docx.js";
import { XlsxWorkbook } from "../src/node/xlsx-workbook.js";

/** BENCH_MEM=1 (with node --expose-gc): the live heap and the RSS after each phase, on stderr. */
function liveMemory(phase: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.error(`${phase}: heap ${Math.round(m.heapUsed / 1e6)} MB, rss ${Math.round(m.rss / 1e6)} MB`);
}

async function main(): Promise<void> {
  const [file, month, out] = process.argv.slice(2);
  const phases: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - t);
    if (process.env.BENCH_MEM) liveMemory(name);
    t = now;
  };
  const bytes = await readFile(file);
  const wb = XlsxWorkbook.fromBytes(file, bytes);
  lap("unzip");
  const { model, names } = loadWorkbook(wb);
  lap("parse");
  const run = compileMonth(model, names, month, new Date(`${month}-28T12:00:00Z`));
  lap("compute");
  wb.write([run.summaryWrite]);
  if (process.env.BENCH_MEM) liveMemory("write (in memory)");
  await wb.save();
  lap("write");
  await writeFileAtomic(join(out, `report-${month}.docx`), await renderDocx(run.doc));
  await writeFileAtomic(join(out, `summary-${month}.json`), `${JSON.stringify(run.json, null, 2)}\n`);
  lap("docx");
  const s = run.figures.school;
  console.log(
    JSON.stringify({
      phases,
      students: s.students,
      success: s.success,
      peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();
