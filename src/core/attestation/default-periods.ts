/**
 * The current school year's quarters and the year, as `init` writes them into «Учебные
 * периоды»: an editable default (a school on trimesters or halves types its own). The dates
 * follow the usual Russian calendar: the quarters end before the autumn, winter and spring
 * breaks; the year ends on 26 May.
 */
import type { WriteValue } from "../cells.js";
import { isoOf } from "../dates.js";
import type { Lang } from "../i18n.js";
import { enumLabel } from "../schema.js";

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Rows of «Учебные периоды» (columns in SHEETS order) for the year starting 1 September of `year`. */
export function defaultPeriodRows(year: number, lang: Lang): WriteValue[][] {
  const y = year + 1;
  const q = (n: number) => (lang === "ru" ? `${n} четверть` : `Quarter ${n}`);
  const quarter = enumLabel("periodKind", "quarter", lang);
  return [
    [q(1), quarter, at(isoOf(year, 9, 1)), at(isoOf(year, 10, 25)), ""],
    [q(2), quarter, at(isoOf(year, 11, 4)), at(isoOf(year, 12, 28)), ""],
    [q(3), quarter, at(isoOf(y, 1, 12)), at(isoOf(y, 3, 22)), ""],
    [q(4), quarter, at(isoOf(y, 4, 1)), at(isoOf(y, 5, 26)), ""],
    [
      lang === "ru" ? "Год" : "Year",
      enumLabel("periodKind", "year", lang),
      at(isoOf(year, 9, 1)),
      at(isoOf(y, 5, 26)),
      "",
    ],
  ];
}
