/**
 * Who may write a lesson's journal cells from the sidebar. The rule, as the school states it:
 * a teacher or tutor enters only their own groups' lessons and none later than today; a
 * coordinator enters any lesson. A refusal names the rule that refused, so the person knows
 * whom to ask instead of guessing. Pure: the caller passes today (from the Clock port).
 */
import type { Msg } from "../i18n.js";
import type { Group, Staff } from "../records.js";
import { norm } from "../schema.js";

export interface LessonWriter {
  /** The staff row whose email is the user's; null when the email is on no row. */
  staff: Pick<Staff, "id" | "role" | "name"> | null;
  user: string;
}

/** The staff row of a user by email (case-insensitive), or null. */
export function writerOf(staff: readonly Staff[], user: string): LessonWriter {
  const email = norm(user);
  const row = email ? staff.find((s) => norm(s.email) === email) : undefined;
  return { staff: row ?? null, user };
}

const ruDate = (iso: string) => iso.split("-").reverse().join(".");

/** null when the writer may save the group's lesson on `date`; else why not. */
export function lessonWriteRefusal(
  writer: LessonWriter,
  group: Pick<Group, "id" | "teacherId" | "tutorId">,
  date: string,
  today: string,
): Msg | null {
  const s = writer.staff;
  if (!s)
    return {
      ru: `Правило доступа: журнал заполняют сотрудники с листа «Сотрудники». Адреса ${writer.user || "(не известен)"} там нет — попросите координатора добавить его`,
      en: `Access rule: journals are filled in by staff on the Staff sheet. ${writer.user || "(unknown)"} is not there — ask the coordinator to add it`,
    };
  if (s.role === "coordinator") return null;
  const own = s.id !== "" && (group.teacherId === s.id || group.tutorId === s.id);
  if (!own)
    return {
      ru: `Правило доступа: учитель и тьютор заполняют журнал только своих групп. Группа ${group.id} — не ваша (${s.id}); попросите её учителя, тьютора или координатора`,
      en: `Access rule: a teacher or tutor fills in only their own groups' journals. Group ${group.id} is not yours (${s.id}); ask its teacher, tutor or the coordinator`,
    };
  if (date > today)
    return {
      ru: `Правило доступа: урок можно отметить не позже его дня. Урок ${ruDate(date)} ещё не прошёл (сегодня ${ruDate(today)})`,
      en: `Access rule: a lesson is entered on its day or later. The lesson of ${date} is still ahead (today is ${today})`,
    };
  return null;
}
