/**
 * «Обновить журналы» / `coordinator journals`: one journal sheet per group, created or
 * updated from the schedule up to a date. One read batch, one write batch, whatever the size.
 */
import { isoOf } from "../core/dates.js";
import type { Lang } from "../core/i18n.js";
import type { Issue } from "../core/issues.js";
import { planJournalUpdate } from "../core/journal/update.js";
import type { Model } from "../core/model.js";
import type { IsoDate } from "../core/records.js";
import { expandLessons, lessonsByGroup } from "../core/schedule/expand.js";
import { journalSheetName } from "../core/schema.js";
import type { SheetWrite, Table, Workbook } from "../ports.js";
import { loadWorkbook } from "./load.js";

export interface JournalsResult {
  sheets: { sheet: string; groupId: string; created: boolean; changed: boolean }[];
  issues: Issue[];
  writes: SheetWrite[];
}

/** 1 September of the school year a date belongs to. */
export function schoolYearStart(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 8 ? isoOf(y, 9, 1) : isoOf(y - 1, 9, 1);
}

export function planJournals(
  model: Model,
  tables: ReadonlyMap<string, Table>,
  until: IsoDate,
  lang?: Lang,
): JournalsResult {
  const language = lang ?? model.settings.language;
  const starts = model.slots.map((s) => s.from).filter((d): d is string => Boolean(d));
  const from = starts.length ? [...starts].sort()[0] : schoolYearStart(until);
  const byGroup = lessonsByGroup(expandLessons(model, from < until ? from : until, until));
  const email = new Map(model.staff.map((s) => [s.id, s.email]));
  const result: JournalsResult = { sheets: [], issues: [], writes: [] };
  for (const g of model.groups) {
    if (!g.id) continue;
    const tab = model.journals.find((j) => j.groupId === g.id)?.sheet;
    const sheet = tab ?? journalSheetName(g.id, language);
    const plan = planJournalUpdate({
      groupId: g.id,
      sheetName: sheet,
      lang: language,
      lessons: byGroup.get(g.id) ?? [],
      students: model.students,
      enrollments: model.enrollments.filter((e) => e.groupId === g.id),
      existing: tab ? (tables.get(tab)?.values ?? []) : null,
      staffEmails: [email.get(g.teacherId), email.get(g.tutorId)].filter((x): x is string => Boolean(x)),
      until,
    });
    result.issues.push(...plan.issues);
    result.sheets.push({ sheet, groupId: g.id, created: !tab, changed: plan.changed });
    if (plan.changed || !tab) result.writes.push(plan.write);
  }
  return result;
}

export function updateJournals(wb: Workbook, until: IsoDate, lang?: Lang): JournalsResult {
  const { model, tables } = loadWorkbook(wb);
  const result = planJournals(model, tables, until, lang);
  if (result.writes.length) wb.write(result.writes);
  return result;
}
