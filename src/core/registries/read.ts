/**
 * Reading the four registries with the common table parser (either language, any column
 * order, bad cells reported at their address, no row dropped), and the cross-sheet checks:
 * IDs that are neither a student nor a staff member, results for someone not taking part, a
 * support report by someone who is not support staff.
 */
import { a1, type CellValue } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import type { Model } from "../model.js";
import type { Parsed } from "../parse/cells.js";
import { type ParsedRow, parseTable } from "../parse/table.js";
import { SHEETS, type SheetKey } from "../schema.js";
import type { Registries } from "./types.js";

const s = (v: Parsed) => (v === null ? "" : String(v));
const d = (v: Parsed) => (v === null ? null : String(v));
const yes = (v: Parsed) => (v === null ? null : v === "yes");

/** "S01, S02; T01" -> ids. */
export function idList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** "S01: победитель; S02 — участник" -> { S01: "победитель", S02: "участник" }. */
export function resultMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[;\n]+/)) {
    const m = /^\s*([^\s:—–-]+)\s*[:—–-]\s*(.+?)\s*$/.exec(part);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

type Values = readonly (readonly CellValue[])[];

function table(
  key: SheetKey,
  tab: string | undefined,
  tables: ReadonlyMap<string, { values: CellValue[][] }>,
) {
  const values: Values = tab ? (tables.get(tab)?.values ?? []) : [];
  return tab
    ? parseTable(SHEETS[key], tab, values)
    : { sheet: "", columns: {}, rows: [] as ParsedRow[], issues: [] };
}

export function readRegistries(
  model: Model,
  tables: ReadonlyMap<string, { values: CellValue[][] }>,
): { registries: Registries; issues: Issue[] } {
  const ev = table("events", model.tabs.events, tables);
  const co = table("courses", model.tabs.courses, tables);
  const ws = table("workstations", model.tabs.workstations, tables);
  const sp = table("supportReports", model.tabs.supportReports, tables);
  const registries: Registries = {
    events: ev.rows.map(({ row, fields: f }) => ({
      row,
      date: d(f.date),
      kind: d(f.kind),
      title: s(f.title),
      level: s(f.level),
      organiser: s(f.organiser),
      link: s(f.link),
      participants: idList(s(f.participants)),
      results: resultMap(s(f.results)),
    })),
    courses: co.rows.map(({ row, fields: f }) => ({
      row,
      title: s(f.title),
      kind: d(f.kind),
      provider: s(f.provider),
      link: s(f.link),
      hours: typeof f.hours === "number" ? f.hours : null,
      grades: s(f.grades),
      students: idList(s(f.students)),
      status: d(f.status),
    })),
    workstations: ws.rows.map(({ row, fields: f }) => ({
      row,
      personId: s(f.personId),
      computer: yes(f.computer),
      internet: yes(f.internet),
      headset: yes(f.headset),
      place: d(f.place),
      room: s(f.room),
      problem: s(f.problem),
      reported: d(f.reported),
      resolved: d(f.resolved),
    })),
    support: sp.rows.map(({ row, fields: f }) => ({
      row,
      date: d(f.date),
      reporterId: s(f.reporterId),
      groupId: s(f.groupId),
      studentId: s(f.studentId),
      present: yes(f.present),
      note: s(f.note),
    })),
    tabs: {
      events: model.tabs.events,
      courses: model.tabs.courses,
      workstations: model.tabs.workstations,
      support: model.tabs.supportReports,
    },
    columns: { events: ev.columns, courses: co.columns, workstations: ws.columns, support: sp.columns },
  };
  const issues = [...ev.issues, ...co.issues, ...ws.issues, ...sp.issues, ...crossCheck(model, registries)];
  return { registries, issues };
}

function crossCheck(model: Model, r: Registries): Issue[] {
  const out: Issue[] = [];
  const people = new Set([...model.students.map((x) => x.id), ...model.staff.map((x) => x.id)]);
  const students = new Set(model.students.map((x) => x.id));
  const unknown = (
    sheet: string,
    cell: string,
    ids: readonly string[],
    pool: Set<string>,
    who: "people" | "students",
  ) => {
    const bad = ids.filter((id) => !pool.has(id));
    if (bad.length)
      out.push(
        issue(sheet, cell, "unknown-ref", {
          ru: `${bad.map((x) => `«${x}»`).join(", ")} нет ${who === "people" ? "среди учащихся и сотрудников" : "среди учащихся"}`,
          en: `${bad.map((x) => `"${x}"`).join(", ")} ${bad.length > 1 ? "are" : "is"} not ${who === "people" ? "a student or staff member" : "a student"}`,
        }),
      );
  };
  const at = (cols: Record<string, number>, row: number, key: string) => a1(row, cols[key] ?? 1);
  for (const e of r.events) {
    unknown(r.tabs.events!, at(r.columns.events, e.row, "participants"), e.participants, people, "people");
    const outside = Object.keys(e.results).filter((id) => !e.participants.includes(id));
    if (outside.length)
      out.push(
        issue(
          r.tabs.events!,
          at(r.columns.events, e.row, "results"),
          "unknown-ref",
          {
            ru: `Результат для ${outside.join(", ")}, которых нет в «Участники»`,
            en: `A result for ${outside.join(", ")}, not among the participants`,
          },
          "warning",
        ),
      );
  }
  for (const c of r.courses)
    unknown(r.tabs.courses!, at(r.columns.courses, c.row, "students"), c.students, students, "students");
  for (const w of r.workstations)
    if (w.personId)
      unknown(
        r.tabs.workstations!,
        at(r.columns.workstations, w.row, "personId"),
        [w.personId],
        people,
        "people",
      );
  const staff = new Map(model.staff.map((x) => [x.id, x]));
  const groups = new Set(model.groups.map((g) => g.id));
  for (const x of r.support) {
    const who = staff.get(x.reporterId);
    if (x.reporterId && !who)
      unknown(r.tabs.support!, at(r.columns.support, x.row, "reporterId"), [x.reporterId], people, "people");
    if (x.studentId)
      unknown(
        r.tabs.support!,
        at(r.columns.support, x.row, "studentId"),
        [x.studentId],
        students,
        "students",
      );
    if (who && who.role !== "support")
      out.push(
        issue(
          r.tabs.support!,
          at(r.columns.support, x.row, "reporterId"),
          "other",
          {
            ru: `«${x.reporterId}» — не вспомогательный персонал (роль на листе «Сотрудники»)`,
            en: `"${x.reporterId}" is not support staff (role on the Staff sheet)`,
          },
          "warning",
        ),
      );
    if (x.groupId && !groups.has(x.groupId))
      out.push(
        issue(r.tabs.support!, at(r.columns.support, x.row, "groupId"), "unknown-ref", {
          ru: `Группы «${x.groupId}» нет на листе «Группы»`,
          en: `Group "${x.groupId}" is not on the Groups sheet`,
        }),
      );
  }
  return out;
}
