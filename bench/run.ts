/** `npm run bench`: prints figures and ratios of every registered bench. */
import { appsScriptJournalsBench, appsScriptMonthlyBench } from "./apps-script-monthly.bench.js";
import { appsScriptScaleBench } from "./apps-script-scale.bench.js";
import type { Bench } from "./harness.js";
import { peakMemoryMb } from "./harness.js";
import { metricsBench } from "./metrics.bench.js";
import { monthlyBench } from "./monthly.bench.js";
import { rollupBench } from "./rollup.bench.js";
import { scheduleBench } from "./schedule.bench.js";
import { sidebarBench } from "./sidebar.bench.js";
import { xlsxBench } from "./xlsx.bench.js";

// Each bench lives in its own file; add one import and one entry here.
const benches: Bench[] = [
  metricsBench,
  scheduleBench,
  monthlyBench,
  sidebarBench,
  appsScriptMonthlyBench,
  appsScriptJournalsBench,
  rollupBench,
  appsScriptScaleBench,
  xlsxBench,
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const b of benches) {
    if (only && !b.name.includes(only)) continue;
    console.log(`\n## ${b.name}`);
    for (const f of await b.run()) {
      const target = f.target ? `   (target: ${f.target})` : "";
      console.log(`  ${f.name.padEnd(58)} ${String(f.value).padStart(10)} ${f.unit ?? ""}${target}`);
    }
  }
  console.log(`\npeak RSS: ${peakMemoryMb()} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
