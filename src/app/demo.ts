/** `init --demo`: generate the demo school's journals up to today and fill them with marks. */
import { addDays } from "../core/dates.js";
import { demoResult } from "../core/demo/attestation.js";

import { withDemoIndividual } from "../core/demo/individual.js";
import { fillDemoJournal } from "../core/demo/journals.js";
import { withDemoLogins } from "../core/demo/presence.js";
import { seeded } from "../core/demo/random.js";
import { demoRegistries } from "../core/demo/registries.js";
import { type DemoSchool, demoSchool } from "../core/demo/school.js";
import type { Lang } from "../core/i18n.js";
import { SHEETS } from "../core/schema.js";
import type { Workbook } from "../ports.js";
import { loadAttestation, resultsWrites } from "./attestation.js";
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
  fillDemoResults(wb, opts.today, (opts.seed ?? 2026) + 16);
  writeDemoRegistries(wb, opts);
  return demo;
}

/** The results sheets of the attestations held by `today`, filled with the demo's results. */
export function fillDemoResults(wb: Workbook, today: string, seed: number): void {
  const st = loadAttestation(wb);
  const rnd = seeded(seed);
  const lang = st.model.settings.language;
  const writes = resultsWrites(st, lang, undefined, addDays(today, -1)).map((w) => ({
    ...w,
    cells: (w.cells ?? []).map((c) =>
      c.row === 1 ? c : { ...c, values: c.values.map((r) => [r[0], r[1], demoResult(rnd), null]) },
    ),
  }));
  if (writes.length) wb.write(writes);
}

/** Issue 18: «Мероприятия», «Курсы», «АРМ», «Сведения вспомогательного персонала» of the demo. */
function writeDemoRegistries(wb: Workbook, opts: { year: number; lang: Lang; today: string }): void {
  const model = loadModel(wb);
  const rows = demoRegistries(model, opts.year, opts.today, opts.lang);
  const names = wb.sheetNames();
  wb.write(
    (Object.keys(rows) as (keyof typeof rows)[]).map((key) => ({
      sheet: SHEETS[key][opts.lang],
      // `init` made the sheets (with their dropdowns); a workbook set up before issue 18 gets them here.
      create: !names.includes(SHEETS[key][opts.lang]),
      cells: [{ row: 1, col: 1, values: [SHEETS[key].columns.map((c) => c[opts.lang]), ...rows[key]] }],
      frozenRows: 1,
      boldRows: 1,
    })),
  );
}
