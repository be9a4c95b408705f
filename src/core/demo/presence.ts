/**
 * The demo school's LMS identities and a sample Google Meet attendance report (issue 19).
 * Every student gets a school LMS login; staff sign in with their Email, which counts as a
 * login. `demoMeetExport` writes the report Meet would give for one lesson: the teacher on
 * time, the tutor 7 minutes late, two students who never joined, one account nobody knows.
 */
import { addDays, minutesOf } from "../dates.js";
import type { Model } from "../model.js";
import { enrollmentCovers, expandLessons } from "../schedule/expand.js";
import { SHEETS } from "../schema.js";
import type { DemoSchool } from "./school.js";

export function demoLogin(studentId: string): string {
  return `${studentId.toLowerCase()}@edu.school7.example`;
}

/** The demo with «Логин СДО» filled for every student (rows follow SHEETS column order). */
export function withDemoLogins(demo: DemoSchool): DemoSchool {
  const at = SHEETS.students.columns.findIndex((c) => c.key === "lmsLogin");
  for (const row of demo.rows.students ?? []) {
    while (row.length < at) row.push("");
    row[at] = demoLogin(String(row[0]));
  }
  return demo;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD HH:MM:SS" at `minutes` after midnight of `date` (the school's wall clock). */
function stamp(date: string, minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const m = minutes - day * 1440;
  return `${addDays(date, day)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}:00`;
}

/**
 * Meet's attendance report (English header) for the first lesson of `groupId` on `date`, as
 * rows; null when the group has no lesson that day. Times carry no zone: they are read in
 * «Часовой пояс СДО».
 */
export function demoMeetExport(model: Model, groupId: string, date: string): string[][] | null {
  const lesson = expandLessons(model, date, date).find((l) => l.groupId === groupId);
  const group = model.groups.find((g) => g.id === groupId);
  if (!lesson || !group) return null;
  const start = minutesOf(lesson.start);
  const end = minutesOf(lesson.end);
  const email = (id: string) => model.staff.find((s) => s.id === id)?.email ?? "";
  const line = (first: string, last: string, mail: string, from: number, to: number) => [
    first,
    last,
    mail,
    `${to - from} min`,
    stamp(date, from),
    stamp(date, to),
  ];
  const rows = [
    ["Meeting code", group.link.split("/").pop() ?? groupId],
    ["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"],
  ];
  if (group.teacherId)
    rows.push(line("Teacher", group.teacherId, email(group.teacherId), start - 3, end + 2));
  if (group.tutorId) rows.push(line("Tutor", group.tutorId, email(group.tutorId), start + 7, end));
  const students = model.enrollments
    .filter((e) => e.groupId === groupId && enrollmentCovers(e, date))
    .map((e) => e.studentId)
    .sort();
  // The second and the fifth student never join; the others come within four minutes.
  students.forEach((id, i) => {
    if (i === 1 || i === 4) return;
    rows.push(line("Student", id, demoLogin(id), start + (i % 5), end));
  });
  rows.push(line("Guest", "", "guest.device@gmail.example", start + 10, start + 25));
  return rows;
}
