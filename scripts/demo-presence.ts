/**
 * `npm start`'s sample LMS export: `node --import tsx scripts/demo-presence.ts BOOK.xlsx
 * OUT.csv [YYYY-MM]` writes the Google Meet attendance report of G01's last lesson in the month
 * (default: the month `coordinator report` would choose today)
 * (the teacher on time, the tutor late, two students absent, one unknown guest), for
 * `coordinator presence import` to hold against the schedule and the journal.
 */
import { writeFile } from "node:fs/promises";
import { loadModel } from "../src/app/load.js";
import { chooseReportMonth } from "../src/app/report-month.js";
import { monthRange, todayIn } from "../src/core/dates.js";
import { demoMeetExport } from "../src/core/demo/presence.js";
import { expandLessons } from "../src/core/schedule/expand.js";
import { clockFromEnv } from "../src/node/clock.js";
import { writeCsv } from "../src/node/csv.js";
import { XlsxWorkbook } from "../src/node/xlsx-workbook.js";

const [book, out, monthArg] = process.argv.slice(2);
if (!book || !out) {
  console.error("demo-presence.ts BOOK.xlsx OUT.csv [YYYY-MM]");
  process.exit(2);
}
const model = loadModel(await XlsxWorkbook.open(book));
const today = todayIn(clockFromEnv(process.env).now(), model.settings.timeZone);
const month = monthArg ?? chooseReportMonth(model, today).month;
const { from, to } = monthRange(month);
const lesson = expandLessons(model, from, to)
  .filter((l) => l.groupId === "G01")
  .at(-1);
const rows = lesson ? demoMeetExport(model, "G01", lesson.date) : null;
if (!rows) {
  console.error(`G01 has no lesson in ${month}`);
  process.exit(1);
}
await writeFile(out, writeCsv(rows));
console.log(`${out}: Google Meet, G01 ${lesson?.date}`);
