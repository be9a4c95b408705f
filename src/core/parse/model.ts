/**
 * The whole workbook: which tab is which known sheet, every table parsed into records,
 * journals parsed, then the cross-sheet checks (duplicate IDs, unknown references,
 * reversed date ranges).
 */

import type { Table } from "../../ports.js";
import { a1 } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import { parseJournal } from "../journal/parse.js";
import { emptyModel, type Model } from "../model.js";
import type {
  ChangeKind,
  Contact,
  Enrollment,
  Feedback,
  Group,
  Holiday,
  LessonMode,
  ScheduleChange,
  Slot,
  Staff,
  StaffRole,
  Student,
  StudentStatus,
} from "../records.js";
import { DEFAULT_SETTINGS } from "../records.js";
import { journalGroupOf, SHEETS, type SheetKey, sheetKeyOf } from "../schema.js";
import type { Parsed } from "./cells.js";
import { parseSettings } from "./settings.js";
import { type ParsedRow, parseTable } from "./table.js";

/** Which tab is which known sheet; the first tab wins when two name the same sheet. */
export function locateSheets(names: readonly string[]): {
  tabs: Partial<Record<SheetKey, string>>;
  journals: string[];
  issues: Issue[];
} {
  const tabs: Partial<Record<SheetKey, string>> = {};
  const journals: string[] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const key = sheetKeyOf(name);
    if (key) {
      if (tabs[key]) {
        issues.push(
          issue(
            name,
            "",
            "other",
            {
              ru: `Лист «${name}» повторяет лист «${tabs[key]}»; читается только «${tabs[key]}»`,
              en: `Sheet "${name}" repeats sheet "${tabs[key]}"; only "${tabs[key]}" is read`,
            },
            "warning",
          ),
        );
      } else tabs[key] = name;
    } else if (journalGroupOf(name)) journals.push(name);
  }
  return { tabs, journals, issues };
}

function tabsLanguage(tabs: Partial<Record<SheetKey, string>>): "ru" | "en" {
  let en = 0;
  let ru = 0;
  for (const [key, name] of Object.entries(tabs)) {
    const spec = SHEETS[key as SheetKey];
    if (name === spec.en) en++;
    else ru++;
  }
  return en > ru ? "en" : "ru";
}

const s = (v: Parsed): string => (v === null ? "" : String(v));
const d = (v: Parsed): string | null => (v === null ? null : String(v));

const BUILD = {
  students: (f: Record<string, Parsed>, row: number): Student => ({
    row,
    id: s(f.id),
    name: s(f.name),
    className: s(f.className),
    status: f.status as StudentStatus | null,
    parent: s(f.parent),
    parentEmail: s(f.parentEmail),
    parentPhone: s(f.parentPhone),
    channel: s(f.channel),
    consent: f.consent === null ? null : f.consent === "yes",
    needs: s(f.needs),
    note: s(f.note),
    lmsLogin: s(f.lmsLogin),
  }),
  staff: (f: Record<string, Parsed>, row: number): Staff => ({
    row,
    id: s(f.id),
    name: s(f.name),
    role: f.role as StaffRole | null,
    email: s(f.email),
    phone: s(f.phone),
    subjects: s(f.subjects),
    lmsLogin: s(f.lmsLogin),
  }),
  groups: (f: Record<string, Parsed>, row: number): Group => ({
    row,
    id: s(f.id),
    title: s(f.title),
    subject: s(f.subject),
    teacherId: s(f.teacherId),
    tutorId: s(f.tutorId),
    link: s(f.link),
    note: s(f.note),
  }),
  enrollments: (f: Record<string, Parsed>, row: number): Enrollment => ({
    row,
    studentId: s(f.studentId),
    groupId: s(f.groupId),
    from: d(f.from),
    to: d(f.to),
  }),
  schedule: (f: Record<string, Parsed>, row: number): Slot => ({
    row,
    groupId: s(f.groupId),
    weekday: f.weekday === null ? null : Number(f.weekday),
    start: d(f.start),
    end: d(f.end),
    mode: f.mode as LessonMode | null,
    from: d(f.from),
    to: d(f.to),
  }),
  changes: (f: Record<string, Parsed>, row: number): ScheduleChange => ({
    row,
    date: d(f.date),
    groupId: s(f.groupId),
    kind: f.kind as ChangeKind | null,
    start: d(f.start),
    end: d(f.end),
    newDate: d(f.newDate),
    reason: s(f.reason),
    notified: d(f.notified),
  }),
  holidays: (f: Record<string, Parsed>, row: number): Holiday => ({
    row,
    from: d(f.from),
    to: d(f.to),
    name: s(f.name),
  }),
  contacts: (f: Record<string, Parsed>, row: number): Contact => ({
    row,
    date: d(f.date),
    staffId: s(f.staffId),
    groupId: s(f.groupId),
    studentId: s(f.studentId),
    channel: s(f.channel),
    summary: s(f.summary),
  }),
  feedback: (f: Record<string, Parsed>, row: number): Feedback => ({
    row,
    timestamp: s(f.timestamp),
    token: s(f.token),
    studentId: s(f.studentId),
    rating: f.rating === null ? null : Number(f.rating),
    good: s(f.good),
    problems: s(f.problems),
    question: s(f.question),
    answered: d(f.answered),
  }),
} as const;

type Built = keyof typeof BUILD;

/** Parse every known sheet and journal of a workbook read in one batch. */
export function parseModel(sheetNames: readonly string[], tables: ReadonlyMap<string, Table>): Model {
  const located = locateSheets(sheetNames);
  const model = emptyModel({ ...DEFAULT_SETTINGS, reportRecipients: [] });
  model.tabs = located.tabs;
  const issues: Issue[] = [...located.issues];
  const settingsTab = located.tabs.settings;
  let languageSet = false;
  if (settingsTab && tables.has(settingsTab)) {
    const ps = parseSettings(settingsTab, tables.get(settingsTab)!.values);
    model.settings = ps.settings;
    languageSet = ps.rows.language !== undefined;
    issues.push(...ps.issues);
  }
  // No language setting: a workbook whose tabs are English speaks English.
  if (!languageSet) model.settings.language = tabsLanguage(located.tabs);
  const rowsOf: Partial<Record<Built, ParsedRow[]>> = {};
  for (const key of Object.keys(BUILD) as Built[]) {
    const tab = located.tabs[key];
    if (!tab || !tables.has(tab)) continue;
    const pt = parseTable(SHEETS[key], tab, tables.get(tab)!.values);
    model.columns[key] = pt.columns;
    rowsOf[key] = pt.rows;
    issues.push(...pt.issues);
  }
  model.students = (rowsOf.students ?? []).map((r) => BUILD.students(r.fields, r.row));
  model.staff = (rowsOf.staff ?? []).map((r) => BUILD.staff(r.fields, r.row));
  model.groups = (rowsOf.groups ?? []).map((r) => BUILD.groups(r.fields, r.row));
  model.enrollments = (rowsOf.enrollments ?? []).map((r) => BUILD.enrollments(r.fields, r.row));
  model.slots = (rowsOf.schedule ?? []).map((r) => BUILD.schedule(r.fields, r.row));
  model.changes = (rowsOf.changes ?? []).map((r) => BUILD.changes(r.fields, r.row));
  model.holidays = (rowsOf.holidays ?? []).map((r) => BUILD.holidays(r.fields, r.row));
  model.contacts = (rowsOf.contacts ?? []).map((r) => BUILD.contacts(r.fields, r.row));
  model.feedback = (rowsOf.feedback ?? []).map((r) => BUILD.feedback(r.fields, r.row));
  for (const name of located.journals) {
    const t = tables.get(name);
    if (t) model.journals.push(parseJournal(name, t.values));
  }
  for (const j of model.journals) issues.push(...j.issues);
  issues.push(...crossCheck(model));
  model.issues = issues;
  return model;
}

/** Duplicate IDs, references to unknown IDs, reversed ranges, journals of unknown groups. */
export function crossCheck(model: Model): Issue[] {
  const out: Issue[] = [];
  const col = (key: SheetKey, c: string) => model.columns[key]?.[c] ?? 1;
  const ids = (key: "students" | "staff" | "groups", list: readonly { id: string; row: number }[]) => {
    const seen = new Map<string, number>();
    const tab = model.tabs[key]!;
    for (const x of list) {
      if (!x.id) continue;
      const first = seen.get(x.id);
      if (first !== undefined) {
        out.push(
          issue(tab, a1(x.row, col(key, "id")), "duplicate-id", {
            ru: `ID «${x.id}» уже есть в строке ${first}`,
            en: `ID "${x.id}" is already used in row ${first}`,
          }),
        );
      } else seen.set(x.id, x.row);
    }
    return new Set(seen.keys());
  };
  const students = ids("students", model.students);
  const staff = ids("staff", model.staff);
  const groups = ids("groups", model.groups);
  const known = { students, staff, groups } as const;
  const ref = (key: SheetKey, row: number, column: string, value: string, target: keyof typeof known) => {
    if (!value || known[target].has(value)) return;
    const title = SHEETS[target];
    out.push(
      issue(model.tabs[key]!, a1(row, col(key, column)), "unknown-ref", {
        ru: `«${value}» нет на листе «${model.tabs[target] ?? title.ru}»`,
        en: `"${value}" is not on sheet "${model.tabs[target] ?? title.en}"`,
      }),
    );
  };
  const range = (key: SheetKey, row: number, from: string | null, to: string | null) => {
    if (from && to && to < from)
      out.push(
        issue(model.tabs[key]!, a1(row, col(key, "to")), "bad-range", {
          ru: `Дата «По» раньше даты «С»`,
          en: `"To" is before "From"`,
        }),
      );
  };
  for (const g of model.groups) {
    ref("groups", g.row, "teacherId", g.teacherId, "staff");
    ref("groups", g.row, "tutorId", g.tutorId, "staff");
  }
  for (const e of model.enrollments) {
    ref("enrollments", e.row, "studentId", e.studentId, "students");
    ref("enrollments", e.row, "groupId", e.groupId, "groups");
    range("enrollments", e.row, e.from, e.to);
  }
  for (const x of model.slots) {
    ref("schedule", x.row, "groupId", x.groupId, "groups");
    range("schedule", x.row, x.from, x.to);
  }
  for (const x of model.changes) ref("changes", x.row, "groupId", x.groupId, "groups");
  for (const x of model.holidays) range("holidays", x.row, x.from, x.to);
  for (const x of model.contacts) {
    ref("contacts", x.row, "staffId", x.staffId, "staff");
    ref("contacts", x.row, "groupId", x.groupId, "groups");
    ref("contacts", x.row, "studentId", x.studentId, "students");
  }
  for (const j of model.journals) {
    if (!groups.has(j.groupId)) {
      out.push(
        issue(
          j.sheet,
          "",
          "unknown-ref",
          {
            ru: `Группы «${j.groupId}» нет на листе «Группы»; журнал не учитывается`,
            en: `Group "${j.groupId}" is not on the Groups sheet; the journal is not counted`,
          },
          "warning",
        ),
      );
      continue;
    }
    for (const r of j.rows) {
      if (r.studentId && !students.has(r.studentId))
        out.push(
          issue(
            j.sheet,
            a1(r.row, j.idCol || 1),
            "journal-unknown-student",
            {
              ru: `Учащегося «${r.studentId}» нет на листе «Учащиеся»; строка не учитывается`,
              en: `Student "${r.studentId}" is not on the Students sheet; the row is not counted`,
            },
            "warning",
          ),
        );
    }
  }
  return out;
}
