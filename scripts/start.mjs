// `npm start`: the main job on the demo school, end to end, with the built CLI:
// create out/demo-school.xlsx, check it, check the schedule, update the journals, and build
// the monthly report (summary sheet + .docx + JSON) for the last month with data.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
const out = resolve(root, "out");
mkdirSync(out, { recursive: true });
const book = resolve(out, "demo-school.xlsx");
const cli = resolve(root, "bin/coordinator.js");

function run(args, { okCodes = [0] } = {}) {
  console.log(`\n$ coordinator ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: root });
  if (!okCodes.includes(r.status)) {
    console.error(`coordinator ${args[0]} failed with exit code ${r.status}`);
    process.exit(r.status || 1);
  }
}

// The demo covers September–December of the current school year; report the previous
// calendar month, or December when the school year has moved past the demo's months.
const now = new Date();
const year = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
let month = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, "0")}`;
if (month < `${year}-09`) month = `${year}-09`;
if (month > `${year}-12`) month = `${year}-12`;

run(["init", "--demo", "--force", book]);
run(["check", book], { okCodes: [0, 1] });
run(["schedule", book], { okCodes: [0, 1] });
run(["journals", book]);
// Issue 19: a sample Meet attendance report of G01, held against the schedule and the journal.
spawnSync(
  process.execPath,
  ["--import", "tsx", "scripts/demo-presence.ts", book, resolve(out, "demo-meet.csv"), month],
  { stdio: "inherit", cwd: root },
);
run(["presence", "import", book, resolve(out, "demo-meet.csv")]);
run(["report", book, "--month", month, "--out", out]);

console.log(`\nГотово / Done.
  книга / workbook:    ${book}
  отчёт / report:      ${resolve(out, `report-${month}.docx`)}
  сводка / summary:    ${resolve(out, `summary-${month}.json`)}
Откройте книгу в Excel или LibreOffice / Open the workbook in Excel or LibreOffice.
Отчёт в PDF / the report as PDF:
  soffice --headless --convert-to pdf --outdir out ${resolve(out, `report-${month}.docx`)}
Панель в браузере / the sidebar in a browser:  npm run preview -- ${book}`);
