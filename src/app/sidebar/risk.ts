/**
 * The at-risk list of the sidebar: students of the user's groups (a coordinator: every group)
 * at risk this month so far, with the reason and a «сообщить родителям» draft — only a draft,
 * and none without consent and a contact. Figures are the monthly report's (computeMonth).
 */
import { writerOf } from "../../core/access/lesson.js";
import { monthOf, monthRange, todayIn } from "../../core/dates.js";
import { computeMonth } from "../../core/metrics/index.js";
import { parentDraft, riskWhy } from "../../core/risk/draft.js";
import { expandLessons } from "../../core/schedule/expand.js";
import type { RiskList, RiskQuery } from "../../rpc/contract.js";
import { isoDate, loadSheets, obj, type SidebarPorts } from "./common.js";

const BASE = ["students", "staff", "groups", "enrollments", "schedule", "changes", "holidays"] as const;

export function riskList(p: SidebarPorts, payload: RiskQuery): RiskList {
  const req = obj(payload);
  const first = loadSheets(p.wb, ["staff", "groups"]);
  const writer = writerOf(first.model.staff, p.user);
  const all = writer.staff?.role === "coordinator";
  const mine = first.model.groups
    .filter(
      (g) => all || (writer.staff && (g.teacherId === writer.staff.id || g.tutorId === writer.staff.id)),
    )
    .map((g) => g.id);
  const { model } = loadSheets(p.wb, BASE, mine);
  const today = todayIn(p.clock.now(), model.settings.timeZone);
  const asked = isoDate(req.date, { ru: "Дата", en: "Date" }, { required: false });
  const month = monthOf(asked || today);
  const { from, to } = monthRange(month);
  const until = [to, today].sort()[0];
  const figures = computeMonth(model, month, from <= until ? expandLessons(model, from, until) : []);
  const minimum = figures.settings.minimumMarks;
  const lang = model.settings.language;
  const items = figures.atRisk
    .filter((x) => mine.includes(x.groupId))
    .map((x) => {
      const student = model.students.find((s) => s.id === x.studentId);
      const group = model.groups.find((g) => g.id === x.groupId);
      const subject = group?.subject || group?.title || x.groupId;
      const outcome = student
        ? parentDraft(x, student, subject, minimum, lang)
        : {
            ok: false as const,
            why: { ru: "Учащегося нет на листе «Учащиеся»", en: "The student is not on the Students sheet" },
          };
      return {
        studentId: x.studentId,
        name: x.name,
        groupId: x.groupId,
        reasons: x.riskReasons,
        why: riskWhy(x, minimum),
        draft: outcome.ok ? outcome.draft : null,
        noDraft: outcome.ok ? null : outcome.why,
      };
    });
  return { month, until, all, items };
}
