// `npm run test:dates`: the whole suite (less the browser tests: Chromium misbehaves under a
// faked clock) with the machine's clock moved by libfaketime to the days that break date code:
// the first day of school, mid-winter, a leap day and a summer day. The @ keeps the clock
// ticking from that instant, so timers and timeouts still work.
import { spawnSync } from "node:child_process";

const DAYS = ["2026-09-01 12:00:00", "2027-01-15 12:00:00", "2028-02-29 12:00:00", "2027-07-10 12:00:00"];
const probe = spawnSync("faketime", ["-f", "@2026-09-01 12:00:00", "date", "+%F"], { encoding: "utf8" });
if (probe.status !== 0 || probe.stdout.trim() !== "2026-09-01") {
  console.error("faketime is missing or does not work: apt-get install -y faketime");
  process.exit(2);
}
for (const day of DAYS) {
  console.log(`\n=== npm test with the machine's clock at ${day} (faketime) ===`);
  const r = spawnSync("faketime", ["-f", `@${day}`, "npx", "vitest", "run", "--exclude", "test/e2e/**"], {
    stdio: "inherit",
  });
  if (r.status !== 0) {
    console.error(`The suite failed with the clock at ${day}.`);
    process.exit(r.status ?? 1);
  }
}
