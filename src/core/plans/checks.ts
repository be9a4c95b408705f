/**
 * The ИУП checks of «Проверить данные» / `coordinator check`, each at a cell: the plan's hours
 * against the group's weekly lessons, a distance subject without a group, a group the student
 * attends that the plan does not hold, the weekly load against the maximum by grade, two lines
 * for one subject at once, and a correction without its date or reason.
 */
import { a1 } from "../cells.js";
import { ruDate } from "../dates.js";
import { type Issue, issue } from "../issues.js";
import type { Model } from "../model.js";
import { norm, SHEETS } from "../schema.js";
import { gradeOf, type LoadLimits } from "./load-limits.js";
import { overlaps, type PlanLine, type Sheet } from "./sheets.js";

type Plans = Sheet<PlanLine>;

const cellOf = (p: Plans, row: number, key: string) => a1(row, p.columns[key] ?? p.columns.studentId ?? 1);
const day = (iso: string | null) => (iso ? ruDate(iso) : "…");

/** Lessons a week of a group's schedule in a period (slots whose dates meet it). */
export function weeklyLessons(model: Model, groupId: string, period: Pick<PlanLine, "from" | "to">): number {
  return model.slots.filter((x) => x.groupId === groupId && x.weekday !== null && overlaps(x, period)).length;
}

function hoursAndGroups(model: Model, p: Plans): Issue[] {
  const out: Issue[] = [];
  const groups = new Set(model.groups.map((g) => g.id));
  const students = new Set(model.students.map((x) => x.id));
  for (const l of p.list) {
    if (l.studentId && !students.has(l.studentId))
      out.push(
        issue(p.tab, cellOf(p, l.row, "studentId"), "unknown-ref", {
          ru: `Нет учащегося с ID «${l.studentId}» на листе «${SHEETS.students.ru}»`,
          en: `No student with ID "${l.studentId}" on sheet "${SHEETS.students.en}"`,
        }),
      );
    if (l.groupId && !groups.has(l.groupId))
      out.push(
        issue(p.tab, cellOf(p, l.row, "groupId"), "unknown-ref", {
          ru: `Нет группы с ID «${l.groupId}» на листе «${SHEETS.groups.ru}»`,
          en: `No group with ID "${l.groupId}" on sheet "${SHEETS.groups.en}"`,
        }),
      );
    if (l.form === "distance" && !l.groupId) {
      out.push(
        issue(p.tab, cellOf(p, l.row, "groupId"), "plan-no-group", {
          ru: `«${l.subject}» изучается дистанционно, но группа не указана`,
          en: `"${l.subject}" is studied at a distance but no group is given`,
        }),
      );
      continue;
    }
    if (!l.groupId || !groups.has(l.groupId)) continue;
    const enrolled = model.enrollments.some(
      (e) => e.studentId === l.studentId && e.groupId === l.groupId && overlaps(e, l),
    );
    if (!enrolled)
      out.push(
        issue(
          p.tab,
          cellOf(p, l.row, "groupId"),
          "plan-not-enrolled",
          {
            ru: `${l.studentId} не зачислен в группу ${l.groupId} на срок этой строки ИУП`,
            en: `${l.studentId} is not enrolled in group ${l.groupId} for this plan line's period`,
          },
          "warning",
        ),
      );
    const lessons = weeklyLessons(model, l.groupId, l);
    if (l.hours !== null && lessons !== l.hours)
      out.push(
        issue(
          p.tab,
          cellOf(p, l.row, "hours"),
          "plan-hours-schedule",
          {
            ru: `В ИУП ${l.hours} ч в неделю по «${l.subject}», в расписании группы ${l.groupId} — ${lessons} ур. в неделю`,
            en: `The plan has ${l.hours} h a week of "${l.subject}", group ${l.groupId}'s schedule ${lessons} lessons a week`,
          },
          "warning",
        ),
      );
  }
  return out;
}

/** An enrollment of a student who has a plan, in a group no line of that plan holds. */
function groupsNotInPlan(model: Model, p: Plans): Issue[] {
  const withPlan = new Set(p.list.map((l) => l.studentId));
  const tab = model.tabs.enrollments ?? SHEETS.enrollments.ru;
  const col = model.columns.enrollments?.groupId ?? 2;
  return model.enrollments
    .filter((e) => withPlan.has(e.studentId) && e.groupId)
    .filter(
      (e) => !p.list.some((l) => l.studentId === e.studentId && l.groupId === e.groupId && overlaps(l, e)),
    )
    .map((e) =>
      issue(
        tab,
        a1(e.row, col),
        "plan-group-not-in-plan",
        {
          ru: `${e.studentId} занимается в группе ${e.groupId}, а в его ИУП этой группы нет`,
          en: `${e.studentId} attends group ${e.groupId}, which their individual plan does not hold`,
        },
        "warning",
      ),
    );
}

/** Classroom hours: «самостоятельно» and «экстерн» are no lessons a week. */
const inClass = (l: PlanLine) => l.form !== "self" && l.form !== "external";

function overload(model: Model, p: Plans, limits: LoadLimits): Issue[] {
  const out: Issue[] = [];
  const classOf = new Map(model.students.map((s) => [s.id, s.className]));
  const byStudent = new Map<string, PlanLine[]>();
  for (const l of p.list.filter(inClass))
    byStudent.set(l.studentId, [...(byStudent.get(l.studentId) ?? []), l]);
  for (const [id, lines] of byStudent) {
    const grade = gradeOf(classOf.get(id) ?? "");
    const max = grade === null ? undefined : limits.byGrade.get(grade);
    if (max === undefined) continue;
    // The load is highest at the start of some line: test each start.
    let worst: { total: number; active: PlanLine[] } | null = null;
    for (const start of lines) {
      const at = { from: start.from, to: start.from };
      const active = lines.filter((l) => overlaps(l, at));
      const total = active.reduce((sum, l) => sum + (l.hours ?? 0), 0);
      if (!worst || total > worst.total) worst = { total, active };
    }
    if (!worst || worst.total <= max) continue;
    const last = worst.active.reduce((a, b) => (b.row > a.row ? b : a));
    const rows = worst.active.map((l) => l.row).join(", ");
    out.push(
      issue(p.tab, cellOf(p, last.row, "hours"), "plan-overload", {
        ru: `Недельная нагрузка ${id} (${grade} класс) — ${worst.total} ч, больше допустимых ${max} (СанПиН 1.2.3685-21, «${limits.source}», неделя ${limits.week} дней); строки ${rows}`,
        en: `${id}'s weekly load (grade ${grade}) is ${worst.total} h, over the maximum ${max} (SanPiN 1.2.3685-21, "${limits.source}", ${limits.week}-day week); rows ${rows}`,
      }),
    );
  }
  return out;
}

function overlapsAndCorrections(p: Plans): Issue[] {
  const out: Issue[] = [];
  p.list.forEach((l, i) => {
    const other = p.list
      .slice(0, i)
      .find((o) => o.studentId === l.studentId && norm(o.subject) === norm(l.subject) && overlaps(o, l));
    if (other)
      out.push(
        issue(p.tab, cellOf(p, l.row, l.from ? "from" : "subject"), "plan-overlap", {
          ru: `Строка пересекается со строкой ${other.row}: «${l.subject}» у ${l.studentId} дважды с ${day(l.from)} по ${day(l.to)}`,
          en: `This line overlaps row ${other.row}: "${l.subject}" of ${l.studentId} twice from ${l.from ?? "…"} to ${l.to ?? "…"}`,
        }),
      );
    if (l.correctedOn && !l.correctionReason)
      out.push(
        issue(p.tab, cellOf(p, l.row, "correctionReason"), "plan-correction", {
          ru: `Строка скорректирована ${day(l.correctedOn)}, но причина корректировки не указана`,
          en: `The line was corrected on ${l.correctedOn} but the correction reason is empty`,
        }),
      );
    else if (!l.correctedOn && l.correctionReason)
      out.push(
        issue(
          p.tab,
          cellOf(p, l.row, "correctedOn"),
          "plan-correction",
          {
            ru: "Указана причина корректировки, но нет её даты",
            en: "A correction reason is given but no date",
          },
          "warning",
        ),
      );
  });
  return out;
}

export function planIssues(model: Model, plans: Plans, limits: LoadLimits): Issue[] {
  if (!plans.list.length) return [];
  return [
    ...hoursAndGroups(model, plans),
    ...groupsNotInPlan(model, plans),
    ...overload(model, plans, limits),
    ...overlapsAndCorrections(plans),
  ];
}
