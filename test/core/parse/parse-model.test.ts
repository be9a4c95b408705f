import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells.js";
import { formatIssue, type Issue } from "../../../src/core/issues.js";
import { parseModel, parseTable } from "../../../src/core/parse/index.js";
import { SHEETS, type SheetKey } from "../../../src/core/schema.js";
import type { Table } from "../../../src/ports.js";
import { HAND_MADE } from "../../fixtures/hand-made.js";

function tablesOf(sheets: Record<string, CellValue[][]>): Map<string, Table> {
  return new Map(Object.entries(sheets).map(([sheet, values]) => [sheet, { sheet, values }]));
}

const parseHandMade = () => parseModel(Object.keys(HAND_MADE), tablesOf(HAND_MADE));
const at = (issues: Issue[], sheet: string, cell: string) =>
  issues.filter((i) => i.sheet === sheet && i.cell === cell);

describe("parseModel on a hand-made workbook", () => {
  const m = parseHandMade();

  it("finds tabs in either language and reads settings with defaults for bad values", () => {
    expect(m.tabs).toMatchObject({
      settings: "Settings",
      students: "Students",
      staff: "Сотрудники",
      groups: "Groups",
    });
    expect(m.settings.school).toBe("School No. 5");
    expect(m.settings.language).toBe("en");
    expect(m.settings.absenceThreshold).toBe(25);
    expect(m.settings.roundingThreshold).toBe(0.6);
    expect(m.settings.timeZone).toBe("Europe/Moscow");
    expect(at(m.issues, "Settings", "B6")[0].code).toBe("bad-setting");
  });

  it("returns one record per non-blank row, bad rows included, from shuffled columns", () => {
    expect(m.students.map((s) => [s.row, s.id, s.className, s.status])).toEqual([
      [2, "S001", "9A", "active"],
      [4, "S002", "9A", "active"],
      [5, "S002", "9B", null],
      [6, "S004", "10A", "left"],
    ]);
    expect(m.students[0].consent).toBe(true);
    expect(m.students[1].consent).toBe(false);
    expect(m.columns.students).toMatchObject({ className: 1, name: 2, id: 3, status: 4, consent: 6 });
  });

  it("addresses every problem to its cell", () => {
    const codes = (sheet: string, cell: string) => at(m.issues, sheet, cell).map((i) => i.code);
    expect(codes("Students", "D5")).toEqual(["bad-enum"]);
    expect(codes("Students", "F5")).toEqual(["bad-enum"]);
    expect(codes("Students", "G4")).toEqual(["bad-email"]);
    expect(codes("Students", "B6")).toEqual(["required"]);
    expect(codes("Students", "C5")).toEqual(["duplicate-id"]);
    expect(codes("Сотрудники", "C4")).toEqual(["bad-enum"]);
    expect(codes("Groups", "C3")).toEqual(["unknown-ref"]);
    expect(codes("Enrollments", "D3")).toEqual(["bad-range"]);
    expect(codes("Enrollments", "A4")).toEqual(["unknown-ref"]);
    expect(codes("Enrollments", "B4")).toEqual(["unknown-ref"]);
    expect(codes("Schedule", "B4")).toEqual(["bad-enum"]);
    expect(codes("Schedule", "C4")).toEqual(["bad-time"]);
    expect(codes("Schedule", "E4")).toEqual(["bad-enum"]);
    expect(codes("Journal G01", "D4")).toEqual(["bad-token"]);
    expect(codes("Journal G01", "A6")).toEqual(["journal-unknown-student"]);
  });

  it("reads dates as text, real dates and serial numbers, and times with a dot", () => {
    expect(m.enrollments.map((e) => [e.from, e.to])).toEqual([
      ["2026-09-01", null],
      ["2026-09-15", "2026-09-01"],
      ["2026-09-01", null],
      ["2026-09-01", "2026-12-31"],
    ]);
    expect(m.slots[1]).toMatchObject({ weekday: 4, start: "09:30", end: "10:15", mode: "offline" });
  });

  it("reads the journal with its topic row, second lesson of a day and an unknown column left alone", () => {
    const j = m.journals[0];
    expect(j.groupId).toBe("G01");
    expect(j.hasTopicRow).toBe(true);
    expect(j.columns.map((c) => [c.date, c.index, c.topic])).toEqual([
      ["2026-09-07", 1, "Fractions"],
      ["2026-09-10", 1, "Roots"],
      ["2026-09-10", 2, ""],
    ]);
    expect(j.rows.map((r) => r.studentId)).toEqual(["S001", "S002", "S999"]);
  });

  it("speaks both languages in every message", () => {
    for (const i of m.issues) {
      expect(i.message.ru).toMatch(/[а-яё]/i);
      // English text outside the quoted user values has no Cyrillic.
      expect(i.message.en.replace(/"[^"]*"|«[^»]*»/g, "")).not.toMatch(/[а-яё]/i);
      expect(formatIssue(i, "en")).toMatch(/^[^!]+(![A-Z]+\d+)?: /);
    }
  });
});

describe("parseTable", () => {
  it("reports a missing required column once, at the first free header cell", () => {
    const t = parseTable(SHEETS.enrollments, "Зачисления", [
      ["Учащийся", "С"],
      ["S1", "01.09.2026"],
    ]);
    expect(t.issues.map((i) => [i.cell, i.code])).toEqual([["C1", "missing-column"]]);
    expect(t.rows).toHaveLength(1);
  });

  it("keeps the first of two columns with the same meaning and warns about the second", () => {
    const t = parseTable(SHEETS.staff, "Staff", [
      ["ID", "Name", "ФИО", "Role"],
      ["T1", "A", "B", "tutor"],
    ]);
    expect(t.rows[0].fields.name).toBe("A");
    expect(t.issues.map((i) => [i.cell, i.code, i.severity])).toEqual([
      ["C1", "duplicate-column", "warning"],
    ]);
  });

  it("matches headers ignoring case and spaces in both languages", () => {
    const t = parseTable(SHEETS.students, "S", [
      ["  id ", "фио", "КЛАСС", "email  родителя"],
      ["S1", "A", "5Б", "a@b.cd"],
    ]);
    expect(t.columns).toEqual({ id: 1, name: 2, className: 3, parentEmail: 4 });
  });
});

const cell = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -5, max: 60000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom("01.09.2026", "2026-13-40", "н", "5/4", "=1+1", "  ", "S001", "G01", "Пн", "10:00"),
);

describe("parser fuzz", () => {
  it("never throws and returns exactly as many records as non-blank rows, for every sheet", () => {
    const keys: SheetKey[] = [
      "students",
      "staff",
      "groups",
      "enrollments",
      "schedule",
      "changes",
      "holidays",
      "contacts",
      "feedback",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
        (key, body) => {
          const spec = SHEETS[key];
          const header = [...spec.columns.map((c) => c.en)].reverse();
          const values = [header, ...body];
          const m = parseModel([spec.en], tablesOf({ [spec.en]: values }));
          const nonBlank = body.filter((r) =>
            r.some((v) => !(v === null || (typeof v === "string" && v.trim() === ""))),
          ).length;
          const records = {
            students: m.students,
            staff: m.staff,
            groups: m.groups,
            enrollments: m.enrollments,
            schedule: m.slots,
            changes: m.changes,
            holidays: m.holidays,
            contacts: m.contacts,
            feedback: m.feedback,
          }[
            key as Exclude<
              SheetKey,
              | "settings"
              | "audit"
              | "problems"
              | "presence"
              | "absenceReasons"
              | "transfers"
              | "events"
              | "courses"
              | "workstations"
              | "supportReports"
              | "periods"
              | "attestations"
              | "plans"
              | "planCorrections"
              | "portfolio"
            >
          ];
          expect(records).toHaveLength(nonBlank);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on random journals and random tab names", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
        (name, values) => {
          parseModel([`Журнал ${name}`, name], tablesOf({ [`Журнал ${name}`]: values, [name]: values }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
