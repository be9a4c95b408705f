/** `init --demo`: generate the demo school's journals up to today and fill them with marks. */
import { updateJournals } from "../../app/journals.js";
import { loadModel } from "../../app/load.js";
import { fillDemoJournal } from "../../core/demo/journals.js";
import type { DemoSchool } from "../../core/demo/school.js";
import type { Workbook } from "../../ports.js";

export function fillDemoJournals(wb: Workbook, demo: DemoSchool, today: string): void {
  const until = today < demo.to ? today : demo.to;
  const { sheets } = updateJournals(wb, until);
  const model = loadModel(wb);
  const tables = wb.read(sheets.map((s) => s.sheet));
  wb.write(
    sheets.map((s, i) => ({
      sheet: s.sheet,
      cells: [
        {
          row: 1,
          col: 1,
          values: fillDemoJournal(
            s.sheet,
            tables.get(s.sheet)?.values ?? [],
            model.enrollments.filter((e) => e.groupId === s.groupId),
            until,
            101 + i,
          ),
        },
      ],
    })),
  );
}
