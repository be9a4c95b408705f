/** Record builders for schedule and journal tests: every field defaulted, rows numbered by the caller. */
import type {
  Enrollment,
  Group,
  Holiday,
  ScheduleChange,
  Slot,
  Staff,
  Student,
} from "../../../src/core/records.js";
import { studentRecord } from "../../support/records.js";

export const slot = (
  row: number,
  groupId: string,
  weekday: number,
  start: string,
  end: string,
  extra: Partial<Slot> = {},
): Slot => ({
  row,
  groupId,
  weekday,
  start,
  end,
  mode: "online",
  from: null,
  to: null,
  ...extra,
});

export const change = (
  row: number,
  c: Partial<ScheduleChange> & Pick<ScheduleChange, "date" | "groupId" | "kind">,
): ScheduleChange => ({
  row,
  start: null,
  end: null,
  newDate: null,
  reason: "",
  notified: null,
  ...c,
});

export const holiday = (row: number, from: string, to: string, name = ""): Holiday => ({
  row,
  from,
  to,
  name,
});

export const group = (row: number, id: string, teacherId = "", tutorId = "", title = ""): Group => ({
  row,
  id,
  title,
  subject: "",
  teacherId,
  tutorId,
  link: "",
  note: "",
});

export const staff = (row: number, id: string, name: string): Staff => ({
  row,
  id,
  name,
  role: "teacher",
  email: "",
  phone: "",
  subjects: "",
});

export const student = (row: number, id: string, name: string): Student => studentRecord({ row, id, name });

export const enrollment = (
  row: number,
  studentId: string,
  groupId: string,
  from: string,
  to: string | null = null,
): Enrollment => ({
  row,
  studentId,
  groupId,
  from,
  to,
});

/** Every ISO date in [from, to], computed independently of src/core/dates (day numbers via Date.UTC). */
export function daysIn(from: string, to: string): string[] {
  const [y, m, d] = from.split("-").map(Number);
  const out: string[] = [];
  for (let k = 0; ; k++) {
    const iso = new Date(Date.UTC(y, m - 1, d + k)).toISOString().slice(0, 10);
    if (iso > to) return out;
    out.push(iso);
  }
}

/** ISO weekday of a date via Date.UTC (1 = Monday). */
export function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}
