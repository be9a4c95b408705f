// `npm start`: the main job on the demo school, end to end, with the built CLI:
// create out/demo-school.xlsx, check it, check the schedule, update the journals, and build
// the monthly report (summary sheet + .docx + JSON). The CLI decides the days: the demo shows
// the running school year from October on (else the one just ended, complete), and the report
// is for the previous month, or the last month with lessons when that one has none (summer).
// COORDINATOR_NOW=2027-07-10 npm start shows the demo as it looks on that day.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
const out = resolve(root, "out");
mkdirSync(out, { recursive: true });
const book = resolve(out, "demo-school.xlsx");
const cli = resolve(root, "bin/coordinator.js");

function run(args, { okCodes = [0], capture = false } = {}) {
  console.log(`\n$ coordinator ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [cli, ...args], {
    stdio: ["inherit", capture ? "pipe" : "inherit", "inherit"],
    cwd: root,
    encoding: "utf8",
  });
  if (!okCodes.includes(r.status)) {
    if (capture) process.stdout.write(r.stdout ?? "");
    console.error(`coordinator ${args[0]} failed with exit code ${r.status}`);
    process.exit(r.status || 1);
  }
  return r.stdout;
}

run(["init", "--demo", "--force", book]);
run(["check", book], { okCodes: [0, 1] });
run(["schedule", book], { okCodes: [0, 1] });
run(["journals", book]);
// A sample Meet attendance report of G01 in the report's month, held against the schedule
// and the journal (the script picks the month as the report does).
const meet = resolve(out, "demo-meet.csv");
spawnSync(process.execPath, ["--import", "tsx", "scripts/demo-presence.ts", book, meet], {
  stdio: "inherit",
  cwd: root,
});
run(["presence", "import", book, meet]);
const report = JSON.parse(run(["report", book, "--out", out, "--json"], { capture: true }));
// Attestation (issue 16): results sheets and period results, the schedule check, and the
// report of the latest period that has ended (the year once it is over).
run(["attestation", book], { okCodes: [0, 1] });
const period = JSON.parse(run(["period", book, "--out", out, "--json"], { capture: true }));
// Issue 18: the month's extracts for the home-class journals (a sheet per class, and a CSV).
run(["transfer", book, "--month", report.month, "--out", out]);

console.log(`
${report.monthReason ?? ""}
Учащихся в отчёте / students in the report: ${report.students}; в группе риска / at risk: ${report.atRisk}.

Готово / Done.
  книга / workbook:    ${book}  (лист / sheet «${report.sheet}»)
  отчёт / report:      ${report.docx}
  сводка / summary:    ${report.json}
  итоги периода «${period.period}» / period report: ${period.docx}
                       (лист / sheet «${period.sheet}», JSON: ${period.json})
  выписки / extracts:  ${resolve(out, `transfer-${report.month}.xlsx`)} (.csv)
Откройте книгу в Excel или LibreOffice / Open the workbook in Excel or LibreOffice.
Отчёт в PDF / the report as PDF:
  soffice --headless --convert-to pdf --outdir out ${report.docx}
Панель в браузере / the sidebar in a browser:  npm run preview -- ${book}`);
