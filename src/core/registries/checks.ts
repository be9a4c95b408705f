/**
 * What the registries say about the distance learning itself:
 * - «АРМ»: every participant (an active student with an enrollment, a teacher or tutor of a
 *   group) needs a working workstation — computer, Internet, camera and headset not «нет», and
 *   no problem reported and not yet resolved;
 * - «Сведения вспомогательного персонала»: a student reported absent but marked present in the
 *   group's journal that day (or the reverse).
 */
import { a1 } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import { isAbsence } from "../journal/grammar.js";
import type { Model } from "../model.js";
import type { Registries, SupportRecord, WorkstationRecord } from "./types.js";

/** The people who take part: active students with an enrollment, teachers and tutors of groups. */
export function participants(model: Model): { id: string; kind: "student" | "staff"; row: number }[] {
  const enrolled = new Set(model.enrollments.map((e) => e.studentId));
  const teaching = new Set(model.groups.flatMap((g) => [g.teacherId, g.tutorId]).filter(Boolean));
  return [
    ...model.students
      .filter((s) => s.id && enrolled.has(s.id) && s.status !== "left" && s.status !== "applied")
      .map((s) => ({ id: s.id, kind: "student" as const, row: s.row })),
    ...model.staff
      .filter((s) => teaching.has(s.id))
      .map((s) => ({ id: s.id, kind: "staff" as const, row: s.row })),
  ];
}

export const openProblem = (w: WorkstationRecord) => w.problem.trim() !== "" && !w.resolved;

/** The flags say what works now; an open problem alone (slow Internet) does not stop the lessons. */
export function working(w: WorkstationRecord): boolean {
  return w.computer === true && w.internet === true && w.headset !== false;
}

export interface WorkstationGap {
  personId: string;
  kind: "student" | "staff";
  /** Their row on «Учащиеся» / «Сотрудники». */
  row: number;
  /** The person's last «АРМ» row, or null when there is none. */
  record: WorkstationRecord | null;
}

/** Participants with no working workstation (the last row of a person is their current one). */
export function workstationGaps(model: Model, r: Registries): WorkstationGap[] {
  const last = new Map<string, WorkstationRecord>();
  for (const w of r.workstations) if (w.personId) last.set(w.personId, w);
  return participants(model)
    .filter((p) => {
      const w = last.get(p.id);
      return !w || !working(w);
    })
    .map((p) => ({ personId: p.id, kind: p.kind, row: p.row, record: last.get(p.id) ?? null }));
}

export function workstationIssues(model: Model, r: Registries): Issue[] {
  const tab = r.tabs.workstations;
  // A workbook that keeps no «АРМ» sheet is not asked about workstations.
  if (!tab) return [];
  return workstationGaps(model, r).map((g) => {
    const w = g.record;
    const sheetKey = g.kind === "student" ? "students" : "staff";
    const where = w
      ? a1(w.row, r.columns.workstations.personId ?? 1)
      : a1(g.row, model.columns[sheetKey]?.id ?? 1);
    const why = !w
      ? { ru: "нет строки на листе «АРМ»", en: "no row on the Workstations sheet" }
      : openProblem(w)
        ? { ru: `не решена проблема «${w.problem}»`, en: `unresolved problem "${w.problem}"` }
        : {
            ru: "нет компьютера, Интернета или камеры с гарнитурой",
            en: "no computer, Internet or camera and headset",
          };
    return issue(
      w ? tab : (model.tabs[sheetKey] ?? ""),
      where,
      "workstation-missing",
      {
        ru: `У ${g.personId} нет рабочего места с Интернетом: ${why.ru}`,
        en: `${g.personId} has no working workstation with Internet: ${why.en}`,
      },
      "warning",
    );
  });
}

export interface SupportDiscrepancy {
  record: SupportRecord;
  /** The journal cell that says otherwise. */
  sheet: string;
  cell: string;
  journal: string;
}

/** Reports the journal contradicts; a report for a day without a lesson column is not compared. */
export function supportDiscrepancies(model: Model, r: Registries): SupportDiscrepancy[] {
  const out: SupportDiscrepancy[] = [];
  for (const x of r.support) {
    if (x.present === null || !x.date) continue;
    const j = model.journals.find((k) => k.groupId === x.groupId);
    const row = j?.rows.find((k) => k.studentId === x.studentId);
    if (!j || !row) continue;
    j.columns.forEach((c, k) => {
      if (c.date !== x.date) return;
      const e = row.entries[k];
      if (!e?.ok || e.attendance === "exempt") return;
      const absent = isAbsence(e.attendance);
      if (absent === !x.present) return;
      out.push({ record: x, sheet: j.sheet, cell: a1(row.row, c.col), journal: String(row.cells[k] ?? "") });
    });
  }
  return out;
}

export function supportIssues(model: Model, r: Registries): Issue[] {
  return supportDiscrepancies(model, r).map((d) => {
    const said = d.record.present
      ? { ru: "присутствовал", en: "present" }
      : { ru: "отсутствовал", en: "absent" };
    const shown = { ru: d.journal.trim() || "пусто", en: d.journal.trim() || "blank" };
    return issue(
      r.tabs.support!,
      a1(d.record.row, r.columns.support.present ?? 1),
      "support-mismatch",
      {
        ru: `${d.record.studentId} по сведениям персонала ${said.ru}, а в журнале ${d.sheet}!${d.cell}: «${shown.ru}»`,
        en: `${d.record.studentId} was reported ${said.en} by the support staff, but the journal ${d.sheet}!${d.cell} says "${shown.en}"`,
      },
      "warning",
    );
  });
}

/** Every issue of the registries for «Проверить данные» / `check`. */
export function registryCheckIssues(model: Model, r: Registries): Issue[] {
  return [...workstationIssues(model, r), ...supportIssues(model, r)];
}
