/**
 * What the municipal rollup counts from a school's registries (issue 18): events of the month
 * and participations in them, course enrolments (courses not cancelled), and workstation
 * coverage (participants with a working workstation, out of all participants).
 */
import { monthRange } from "../dates.js";
import type { Model } from "../model.js";
import { participants, workstationGaps } from "./checks.js";
import type { Registries } from "./types.js";

export interface SchoolActivity {
  events: number;
  participations: number;
  courses: number;
  courseEnrolments: number;
  participants: number;
  /** Participants with a working workstation; null when the school keeps no «АРМ» sheet. */
  withWorkstation: number | null;
}

export function schoolActivity(model: Model, r: Registries, month: string): SchoolActivity {
  const { from, to } = monthRange(month);
  const events = r.events.filter((e) => e.date && e.date >= from && e.date <= to);
  const courses = r.courses.filter((c) => c.status !== "cancelled");
  const all = participants(model).length;
  return {
    events: events.length,
    participations: events.reduce((n, e) => n + e.participants.length, 0),
    courses: courses.length,
    courseEnrolments: courses.reduce((n, c) => n + c.students.length, 0),
    participants: all,
    withWorkstation: r.tabs.workstations ? all - workstationGaps(model, r).length : null,
  };
}
