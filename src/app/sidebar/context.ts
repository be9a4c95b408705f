/** The sidebar's initial load: who the user is, their groups first, and the lists every flow picks from. */
import { todayIn } from "../../core/dates.js";
import type { Lang } from "../../core/i18n.js";
import { ALL_TOKENS, ATTENDANCE_TOKENS } from "../../core/journal/grammar.js";
import type { Model } from "../../core/model.js";
import type { Student } from "../../core/records.js";
import { norm } from "../../core/schema.js";
import type { EnrollmentItem, SidebarContext, StudentFields, StudentItem } from "../../rpc/contract.js";
import { chooseReportMonth } from "../report-month.js";
import { loadSheets, type SidebarPorts } from "./common.js";

/** Every word of the journal grammar, lower case (marks are checked by pattern). */
const WORDS = ALL_TOKENS.filter((t) => !/\d/.test(t));

export function studentFields(s: Student): StudentFields {
  return {
    name: s.name,
    className: s.className,
    status: s.status ?? "",
    parent: s.parent,
    parentEmail: s.parentEmail,
    parentPhone: s.parentPhone,
    channel: s.channel,
    consent: s.consent === null ? "" : s.consent ? "yes" : "no",
    needs: s.needs,
    note: s.note,
  };
}

export function studentItem(s: Student): StudentItem {
  return { id: s.id, row: s.row, ...studentFields(s) };
}

export function enrollmentItem(e: Model["enrollments"][number]): EnrollmentItem {
  return { row: e.row, studentId: e.studentId, groupId: e.groupId, from: e.from, to: e.to };
}

/** The next ID after the highest «letters + number» ID in use, same prefix and width (S126 -> S127). */
export function nextStudentId(ids: readonly string[]): string {
  let best: { prefix: string; n: number; width: number } | null = null;
  const used = new Set(ids);
  for (const id of used) {
    const m = /^([A-Za-zА-Яа-яЁё]*)(\d+)$/.exec(id);
    if (!m) continue;
    const n = Number(m[2]);
    if (!best || n > best.n) best = { prefix: m[1], n, width: m[2].length };
  }
  const prefix = best?.prefix ?? "S";
  const width = best?.width ?? 3;
  let n = (best?.n ?? 0) + 1;
  while (used.has(prefix + String(n).padStart(width, "0"))) n++;
  return prefix + String(n).padStart(width, "0");
}

/** The staff ID whose email is the user's (case-insensitive), or null. */
export function staffOf(model: Model, user: string): string | null {
  const email = norm(user);
  if (!email) return null;
  return model.staff.find((s) => norm(s.email) === email)?.id ?? null;
}

export function context(p: SidebarPorts): SidebarContext {
  const { model } = loadSheets(p.wb, [
    "students",
    "staff",
    "groups",
    "enrollments",
    // The schedule tells which month the report button offers (the last one with lessons).
    "schedule",
    "changes",
    "holidays",
  ]);
  const lang = model.settings.language;
  const me = staffOf(model, p.user);
  const groups = model.groups
    .filter((g) => g.id)
    .map((g) => ({
      id: g.id,
      title: g.title,
      subject: g.subject,
      teacherId: g.teacherId,
      tutorId: g.tutorId,
      mine: me !== null && (g.teacherId === me || g.tutorId === me),
    }))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const channels = [...new Set(model.students.map((s) => s.channel).filter(Boolean))].sort();
  return {
    lang,
    user: p.user,
    staffId: me,
    today: todayIn(p.clock.now(), model.settings.timeZone),
    school: model.settings.school,
    groups,
    staff: model.staff.filter((s) => s.id).map((s) => ({ id: s.id, name: s.name, role: s.role ?? "" })),
    students: model.students
      .filter((s) => s.id)
      .map(studentItem)
      .sort((a, b) => a.name.localeCompare(b.name, "ru") || (a.id < b.id ? -1 : 1)),
    enrollments: model.enrollments.filter((e) => e.studentId && e.groupId).map(enrollmentItem),
    nextStudentId: nextStudentId(model.students.map((s) => s.id)),
    reportMonth: chooseReportMonth(model, todayIn(p.clock.now(), model.settings.timeZone)).month,
    canReport: Boolean(p.report),
    channels,
    ...grammarLists(lang),
  };
}

/** The journal grammar's lists the lesson flow checks marks with (shared with the journal workbook's screen). */
export function grammarLists(lang: Lang): Pick<SidebarContext, "tokens" | "attendanceWords" | "words"> {
  return {
    tokens: {
      absent: ATTENDANCE_TOKENS[lang].absent,
      excused: ATTENDANCE_TOKENS[lang].excused,
      ill: ATTENDANCE_TOKENS[lang].ill,
      late: ATTENDANCE_TOKENS[lang].late,
    },
    attendanceWords: Object.fromEntries(
      (["ru", "en"] as const).flatMap((l) =>
        (["absent", "excused", "ill", "late"] as const).map((a) => [ATTENDANCE_TOKENS[l][a], a]),
      ),
    ),
    words: WORDS,
  };
}
