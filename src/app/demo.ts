/** `init --demo`: generate the demo school's journals up to today and fill them with marks. */

import { withDemoIndividual } from "../core/demo/individual.js";
import { fillDemoJournal } from "../core/demo/journals.js";
import { withDemoLogins } from "../core/demo/presence.js";
import { type DemoSchool, demoSchool } from "../core/demo/school.js";
import type { Lang } from "../core/i18n.js";
import type { Workbook } from "../ports.js";
import { initWrites } from "./init.js";
import { updateJournals } from "./journals.js";
import { loadModel } from "./load.js";

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

/** A whole demo workbook: every sheet, the demo school, journals filled up to `today`. */
export function writeDemoSchool(
  wb: Workbook,
  opts: { year: number; lang: Lang; today: string; seed?: number; school?: string },
): DemoSchool {
  const demo = withDemoIndividual(
    withDemoLogins(demoSchool({ year: opts.year, lang: opts.lang, seed: opts.seed, today: opts.today })),
    opts.lang,
    opts.today,
  );
  if (opts.school) demo.settings.school = opts.school;
  wb.write(initWrites(opts.lang, demo));
  fillDemoJournals(wb, demo, opts.today);
  return demo;
}
