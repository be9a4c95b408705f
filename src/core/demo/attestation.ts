/**
 * The demo school's attestation year: in each quarter every group writes a «контрольная
 * работа» in its own lesson slot, half the groups in the second-to-last week of the quarter
 * and half in the last one (so no class has two on a day); a «пробный ОГЭ» for 9А in
 * February; the final exams of G01 (9th grade mathematics) and G06 (11th grade Russian) in May
 * belong to the year. A date on a holiday steps back a week. Past attestations are notified.
 */
import type { WriteValue } from "../cells.js";
import { addDays, isoOf, isoWeekday } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { Random } from "./random.js";

export type DemoGroup = readonly [string, string, string, string, string, string[], [number, string][]];

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
const plus45 = (t: string) => {
  const [h, m] = t.split(":").map(Number);
  const x = h * 60 + m + 45;
  return `${String(Math.floor(x / 60)).padStart(2, "0")}:${String(x % 60).padStart(2, "0")}`;
};
const monday = (iso: string) => addDays(iso, 1 - isoWeekday(iso));

/** Holidays as [from, to] ISO pairs (the demo's «Каникулы» rows). */
function onHoliday(day: string, holidays: readonly (readonly WriteValue[])[]): boolean {
  return holidays.some((h) => {
    const iso = (v: WriteValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    return iso(h[0]) <= day && day <= iso(h[1]);
  });
}

interface Quarter {
  name: string;
  to: string;
}

export function demoAttestationRows(p: {
  year: number;
  lang: Lang;
  groups: readonly DemoGroup[];
  holidays: readonly (readonly WriteValue[])[];
  today: string;
}): WriteValue[][] {
  const { year, lang } = p;
  const ru = lang === "ru";
  const y = year + 1;
  const quarters: Quarter[] = [
    { name: ru ? "1 четверть" : "Quarter 1", to: isoOf(year, 10, 25) },
    { name: ru ? "2 четверть" : "Quarter 2", to: isoOf(year, 12, 28) },
    { name: ru ? "3 четверть" : "Quarter 3", to: isoOf(y, 3, 22) },
    { name: ru ? "4 четверть" : "Quarter 4", to: isoOf(y, 5, 26) },
  ];
  const L = (r: string, e: string) => (ru ? r : e);
  const rows: WriteValue[][] = [];
  let n = 0;
  const push = (r: {
    kind: string;
    form: string;
    group: string;
    subject: string;
    date: string;
    start: string;
    end: string;
    mode: string;
    place: string;
    examiner: string;
    assistant: string;
    period: string;
    consult?: string;
  }) => {
    n++;
    const notified = addDays(r.date, -10) <= p.today ? at(addDays(r.date, -10)) : null;
    rows.push([
      `A${String(n).padStart(2, "0")}`,
      r.kind,
      r.form,
      r.group,
      r.subject,
      at(r.date),
      r.start,
      r.end,
      r.mode,
      r.place,
      r.examiner,
      r.assistant,
      r.period,
      r.consult ? at(r.consult) : null,
      r.consult ? "15:00" : "",
      notified,
    ]);
  };
  quarters.forEach((q, qi) => {
    const lastWeek = addDays(monday(q.to), isoWeekday(q.to) >= 5 ? 0 : -7);
    p.groups.forEach((g, gi) => {
      // G06 writes in its second slot: G04 has the Tuesday of the same week for 11А.
      const [wd, start] = g[0] === "G06" ? g[6][1] : g[6][0];
      let date = addDays(addDays(lastWeek, gi % 2 === 0 ? -7 : 0), wd - 1);
      while (onHoliday(date, p.holidays)) date = addDays(date, -7);
      const final = qi === 3 && (g[0] === "G01" || g[0] === "G06");
      push({
        kind: final ? L("итоговая", "final") : L("промежуточная", "intermediate"),
        form: final ? L("экзамен", "exam") : L("контрольная работа", "test"),
        group: g[0],
        subject: "",
        date,
        start,
        end: plus45(start),
        mode: L("онлайн", "online"),
        place: `https://meet.school7.example/${g[0].toLowerCase()}`,
        examiner: g[3],
        assistant: g[4],
        period: final ? L("Год", "Year") : q.name,
        consult: final ? addDays(date, wd === 1 ? -3 : -1) : undefined,
      });
    });
  });
  // A mock OGE for the whole of 9А on the third Saturday of February.
  let sat = isoOf(y, 2, 1);
  while (isoWeekday(sat) !== 6) sat = addDays(sat, 1);
  push({
    kind: L("промежуточная", "intermediate"),
    form: L("пробный ОГЭ", "mock OGE"),
    group: "9А",
    subject: L("Математика", "Mathematics"),
    date: addDays(sat, 14),
    start: "10:00",
    end: "13:55",
    mode: L("очно", "offline"),
    place: L("каб. 21", "room 21"),
    examiner: "T01",
    assistant: "R01",
    period: quarters[2].name,
    consult: addDays(sat, 13),
  });
  return rows;
}

/** A result for a demo student: mostly 5, 4 and 3, some 2, a few absences. */
export function demoResult(rnd: Random): string | number {
  const x = rnd.next();
  if (x < 0.04) return "н";
  if (x < 0.06) return "у";
  if (x < 0.14) return 2;
  if (x < 0.42) return 3;
  if (x < 0.77) return 4;
  return 5;
}
