/**
 * The demo school's movement over the year: students who leave the school, who arrive after
 * the winter break, a transfer between groups at the end of the second quarter, and half-year
 * courses that end then. The workbook is a snapshot as of `today`: nothing that happens later
 * is in it yet, as a coordinator would have typed it.
 */
import type { WriteValue } from "../cells.js";
import { isoOf } from "../dates.js";
import type { Lang } from "../i18n.js";
import { enumLabel } from "../schema.js";
import { FEMALE, MALE, patronymic } from "./names.js";
import type { Random } from "./random.js";

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

export interface MovementInput {
  year: number;
  lang: Lang;
  today: string;
  /** Student rows (columns in SHEETS order): status is column 3, note column 10. */
  students: WriteValue[][];
  studentIds: readonly { id: string; cls: string }[];
  /** Enrollment rows [student, group, from, to]: edited in place. */
  enrollments: WriteValue[][];
  /** The groups serving a class. */
  groupsOf: (cls: string) => readonly string[];
  rnd: Random;
}

export interface Movement {
  arrivals: { students: WriteValue[][]; enrollments: WriteValue[][] };
}

/** Ends of the quarters the demo uses (the breaks are in the holidays). */
export function demoTerms(year: number) {
  return {
    q2End: isoOf(year, 12, 28),
    q3Start: isoOf(year + 1, 1, 12),
    leaveFeb: isoOf(year + 1, 2, 12),
    leaveApr: isoOf(year + 1, 4, 16),
  };
}

export function yearMovement(p: MovementInput): Movement {
  const t = demoTerms(p.year);
  const L = (ru: string, en: string) => (p.lang === "ru" ? ru : en);
  const rowsOf = (id: string) => p.enrollments.filter((e) => e[0] === id);
  const endOpen = (id: string, to: string, group?: string) => {
    for (const e of rowsOf(id)) if (e[3] === null && (!group || e[1] === group)) e[3] = date(to);
  };

  // Half-year courses: a few students finish the olympiad course with the second quarter.
  for (const e of p.enrollments)
    if (e[1] === "G09" && e[3] === null && p.rnd.chance(0.2)) e[3] = date(t.q2End);

  // A transfer: an 11А student moves from biology to chemistry for the second half-year.
  const mover = p.studentIds.find(
    (s) =>
      s.cls === "11А" &&
      rowsOf(s.id).some((e) => e[1] === "G07") &&
      !rowsOf(s.id).some((e) => e[1] === "G04"),
  );
  if (mover && p.today >= t.q2End) {
    endOpen(mover.id, t.q2End, "G07");
    p.enrollments.push([mover.id, "G04", date(t.q3Start), null]);
  }

  // Two students leave the school during the year.
  const leavers: [string, string][] = [
    ["S052", t.leaveFeb],
    ["S098", t.leaveApr],
  ];
  for (const [id, on] of leavers) {
    if (p.today < on) continue;
    endOpen(id, on);
    const row = p.students.find((r) => r[0] === id);
    if (row) {
      row[3] = enumLabel("status", "left", p.lang);
      row[10] = L("Переведён(а) в другую школу", "Moved to another school");
    }
  }
  return { arrivals: p.today >= t.q3Start ? arrivals(p, t.q3Start) : { students: [], enrollments: [] } };
}

/** Two students who join the school after the winter break. */
function arrivals(p: MovementInput, on: string): Movement["arrivals"] {
  const L = (ru: string, en: string) => (p.lang === "ru" ? ru : en);
  const people: [string, string, string, boolean][] = [
    ["S125", "Никитина", "8А", true],
    ["S126", "Фролов", "10А", false],
  ];
  const students: WriteValue[][] = [];
  const enrollments: WriteValue[][] = [];
  people.forEach(([id, last, cls, female], i) => {
    const first = p.rnd.pick(female ? FEMALE : MALE);
    students.push([
      id,
      `${last} ${first}`,
      cls,
      enumLabel("status", "active", p.lang),
      `${female ? last : `${last}а`} ${p.rnd.pick(FEMALE)} ${patronymic(true, 125 + i)}`,
      `parent${id.slice(1)}@mail.example`,
      `+7 911 ${id.slice(1)}-0${i}-25`,
      "email",
      enumLabel("yesNo", "yes", p.lang),
      "",
      L("Прибыл(а) из другой школы", "Arrived from another school"),
    ]);
    for (const g of p.groupsOf(cls)) enrollments.push([id, g, date(on), null]);
  });
  return { students, enrollments };
}
