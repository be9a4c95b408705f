import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells.js";
import { JOURNAL_CELL_PATTERN } from "../../../src/core/journal/grammar.js";
import { parseJournal } from "../../../src/core/journal/parse.js";
import { type JournalUpdateArgs, planJournalUpdate } from "../../../src/core/journal/update.js";
import type { Enrollment } from "../../../src/core/records.js";
import { expandLessons } from "../../../src/core/schedule/expand.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";
import { enrollment, slot, student } from "../schedule/fixtures.js";

const SHEET = "Журнал G01";
const GREY = "#d9d9d9";
const schedule = {
  // Mondays 10:00, Wednesdays 10:00 and 14:00 (two lessons: «ДД.ММ.ГГГГ (2)»).
  slots: [
    slot(2, "G01", 1, "10:00", "10:45"),
    slot(3, "G01", 3, "10:00", "10:45"),
    slot(4, "G01", 3, "14:00", "14:45"),
  ],
  changes: [],
  holidays: [],
};
const lessonsUntil = (to: string) => expandLessons(schedule, "2026-10-05", to);
const students = [
  student(2, "S001", "Андреев Антон"),
  student(3, "S002", "Борисова Вера"),
  student(4, "S003", "Волков Глеб"),
  student(5, "S004", "Громова Дарья"),
  student(6, "S005", "Дёмин Егор"),
];
const enrollments: Enrollment[] = [
  enrollment(2, "S002", "G01", "2026-09-01"),
  enrollment(3, "S001", "G01", "2026-09-01"),
  enrollment(4, "S003", "G01", "2026-09-01", "2026-10-10"), // left
  enrollment(5, "S004", "G01", "2026-10-12"), // joined later
  enrollment(6, "S005", "G01", "2026-11-10"), // not yet
  enrollment(7, "S001", "G02", "2026-09-01"), // another group
];

const args = (
  existing: CellValue[][] | null,
  until = "2026-10-14",
  extra: Partial<JournalUpdateArgs> = {},
) => ({
  groupId: "G01",
  sheetName: SHEET,
  lang: "ru" as const,
  lessons: lessonsUntil(until),
  students,
  enrollments,
  existing,
  ...extra,
});

/** Apply a plan to an in-memory workbook and read the sheet back as an adapter would. */
function applyPlan(wb: MemoryWorkbook, plan: ReturnType<typeof planJournalUpdate>): CellValue[][] {
  wb.write([plan.write]);
  return wb.read([SHEET]).get(SHEET)!.values;
}

function entries(values: CellValue[][]): Map<string, CellValue> {
  const pj = parseJournal(SHEET, values);
  const out = new Map<string, CellValue>();
  for (const r of pj.rows)
    pj.columns.forEach((c, j) => {
      if (r.cells[j] !== null && r.cells[j] !== "")
        out.set(`${r.studentId}|${c.date}#${c.index}`, r.cells[j]);
    });
  return out;
}

describe("planJournalUpdate: a new journal", () => {
  const plan = planJournalUpdate(
    args(null, "2026-10-14", { staffEmails: ["t01@school.ru", "t02@school.ru"] }),
  );

  it("lays out ID, name, one text-dated column per lesson, the topic row and enrolled students by name", () => {
    expect(plan.changed).toBe(true);
    expect(plan.issues).toEqual([]);
    expect(plan.write.create).toBe(true);
    expect(plan.write.cells).toEqual([
      {
        row: 1,
        col: 1,
        values: [
          [
            "ID",
            "Учащийся",
            "05.10.2026",
            "07.10.2026",
            "07.10.2026 (2)",
            "12.10.2026",
            "14.10.2026",
            "14.10.2026 (2)",
          ],
          // A new sheet: rows stop at their last value (blank cells would clear nothing).
          ["Тема"],
          ["S001", "Андреев Антон"],
          ["S002", "Борисова Вера"],
          ["S003", "Волков Глеб"],
          ["S004", "Громова Дарья"],
        ],
      },
    ]);
  });

  it("greys cells outside each enrollment, merged into rectangles", () => {
    expect(plan.write.backgrounds).toEqual([
      { range: { row: 3, col: 3, rows: 2, cols: 6 }, color: null },
      { range: { row: 5, col: 3, rows: 1, cols: 3 }, color: null },
      { range: { row: 5, col: 6, rows: 1, cols: 3 }, color: GREY },
      { range: { row: 6, col: 3, rows: 1, cols: 3 }, color: GREY },
      { range: { row: 6, col: 6, rows: 1, cols: 3 }, color: null },
    ]);
  });

  it("validates the student × lesson area, freezes, bolds and protects the header", () => {
    expect(plan.write.validations).toEqual([
      {
        range: { row: 3, col: 3, rows: 4, cols: 6 },
        pattern: JOURNAL_CELL_PATTERN,
        list: ["5", "4", "3", "2", "1", "н", "у", "б", "оп", "осв", "зач", "незач"],
        strict: false,
        help: expect.stringContaining("осв"),
      },
    ]);
    expect(plan.write.frozenRows).toBe(2);
    expect(plan.write.boldRows).toBe(1);
    expect(plan.write.protection).toMatchObject({ rows: 2, editors: ["t01@school.ru", "t02@school.ru"] });
  });

  it("uses English headers for an English workbook and omits editors when none are given", () => {
    const en = planJournalUpdate(args(null, "2026-10-05", { lang: "en", sheetName: "Journal G01" }));
    expect(en.write.cells![0].values.slice(0, 2)).toEqual([["ID", "Student", "05.10.2026"], ["Topic"]]);
    expect(en.write.protection!.editors).toBeUndefined();
  });

  it("parses back to exactly the lessons and students it was given", () => {
    const wb = new MemoryWorkbook();
    const pj = parseJournal(SHEET, applyPlan(wb, plan));
    expect(pj.hasTopicRow).toBe(true);
    expect(pj.columns.map((c) => `${c.date}#${c.index}`)).toEqual(
      lessonsUntil("2026-10-14").map((l) => `${l.date}#${l.index}`),
    );
    expect(pj.rows.map((r) => r.studentId)).toEqual(["S001", "S002", "S003", "S004"]);
    expect(pj.issues).toEqual([]);
  });
});

describe("planJournalUpdate: updating", () => {
  it("is idempotent: a second run on its own output writes no value and the same formatting", () => {
    const wb = new MemoryWorkbook();
    const first = planJournalUpdate(args(null));
    const once = applyPlan(wb, first);
    const second = planJournalUpdate(args(once));
    expect(second.changed).toBe(false);
    expect(second.write.cells).toBeUndefined();
    expect(second.write.create).toBeUndefined();
    expect(second.issues).toEqual([]);
    const { cells: _c, create: _cr, ...formatFirst } = first.write;
    expect(second.write).toEqual(formatFirst);
    expect(applyPlan(wb, second)).toEqual(once);
  });

  it("appends new lesson columns and new students without moving a typed cell", () => {
    const wb = new MemoryWorkbook();
    const grid = applyPlan(wb, planJournalUpdate(args(null)));
    grid[2][2] = "5";
    grid[3][3] = "н";
    grid[1][2] = "Дроби";
    wb.sheets.set(
      SHEET,
      grid.map((r) => [...r]),
    );
    const later = planJournalUpdate(args(wb.read([SHEET]).get(SHEET)!.values, "2026-11-16"));
    expect(later.changed).toBe(true);
    // One block of new headers right of the last column, one block of new rows below the last row.
    expect(later.write.cells!.map((b) => [b.row, b.col, b.values.length, b.values[0].length])).toEqual([
      [1, 9, 1, 13],
      [7, 1, 1, 2],
    ]);
    expect(later.write.cells![1].values).toEqual([["S005", "Дёмин Егор"]]);
    const after = applyPlan(wb, later);
    for (let r = 0; r < grid.length; r++) expect(after[r].slice(0, 8)).toEqual(grid[r].slice(0, 8));
    expect(after[0].slice(8, 10)).toEqual(["19.10.2026", "21.10.2026"]);
    expect(planJournalUpdate(args(after, "2026-11-16")).changed).toBe(false);
  });

  it("keeps every (student, lesson) → value through hand-shuffled rows and columns", () => {
    const tokens: CellValue[] = ["5", "4", "3", "н", "у", "б", "5/4", "зач", "осв", 4, "оп", null];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...tokens), { minLength: 24, maxLength: 24 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (marks, keys, withNote) => {
          const wb = new MemoryWorkbook();
          const grid = applyPlan(wb, planJournalUpdate(args(null)));
          // Fill the 4 × 6 student × lesson area.
          for (let r = 0; r < 4; r++) for (let c = 0; c < 6; c++) grid[r + 2][c + 2] = marks[r * 6 + c];
          if (withNote)
            grid.forEach((line, r) => {
              line.push(r === 0 ? "Примечание" : r === 3 ? "звонили маме" : null);
            });
          const before = entries(grid);
          // Shuffle student rows (rows 3..) and all columns by random keys.
          const order = <T>(xs: T[], offset: number) =>
            xs
              .map((x, i) => ({ x, k: keys[(i + offset) % keys.length] * 31 + i }))
              .sort((a, b) => a.k - b.k)
              .map((e) => e.x);
          const rows = [grid[0], grid[1], ...order(grid.slice(2), 0)];
          const cols = order(
            grid[0].map((_, i) => i),
            5,
          );
          const shuffled = rows.map((line) => cols.map((i) => line[i] ?? null));
          wb.sheets.set(SHEET, shuffled);
          const plan = planJournalUpdate(args(wb.read([SHEET]).get(SHEET)!.values, "2026-11-16"));
          const after = applyPlan(wb, plan);
          const kept = entries(after);
          for (const [k, v] of before) expect(kept.get(k)).toEqual(v);
          expect(kept.size).toBe(before.size);
          if (withNote) expect(after.flat().filter((v) => v === "звонили маме")).toHaveLength(1);
          const pj = parseJournal(SHEET, after);
          expect(pj.columns.map((c) => `${c.date}#${c.index}`).sort()).toEqual(
            lessonsUntil("2026-11-16")
              .map((l) => `${l.date}#${l.index}`)
              .sort(),
          );
          // (With the ID column moved off column A, parseJournal no longer sees the topic row.)
          expect(
            pj.rows
              .map((r) => r.studentId)
              .filter((id) => id.startsWith("S"))
              .sort(),
          ).toEqual(["S001", "S002", "S003", "S004", "S005"]);
          expect(planJournalUpdate(args(after, "2026-11-16")).changed).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("keeps the row of a student who left, greys it after the leave date, and of one no longer enrolled at all", () => {
    const wb = new MemoryWorkbook();
    const grid = applyPlan(wb, planJournalUpdate(args(null)));
    grid[4][2] = "5"; // S003, 05.10
    wb.sheets.set(SHEET, grid);
    const noS003 = enrollments.filter((e) => e.studentId !== "S003");
    const plan = planJournalUpdate(args(grid, "2026-10-21", { enrollments: noS003 }));
    const after = applyPlan(wb, plan);
    expect(after[4].slice(0, 3)).toEqual(["S003", "Волков Глеб", "5"]);
    // S003's row (5) is grey over every lesson column now: 9 columns (C..K).
    expect(plan.write.backgrounds).toContainEqual({
      range: { row: 5, col: 3, rows: 1, cols: 9 },
      color: GREY,
    });
    // With the enrollment back, only the lessons after 10.10 are grey.
    const back = planJournalUpdate(args(after, "2026-10-21"));
    expect(back.write.backgrounds).toContainEqual({
      range: { row: 5, col: 3, rows: 1, cols: 3 },
      color: null,
    });
    expect(back.write.backgrounds).toContainEqual({
      range: { row: 5, col: 6, rows: 1, cols: 6 },
      color: GREY,
    });
  });

  it("keeps a lesson column that left the schedule and warns, with data or without", () => {
    const wb = new MemoryWorkbook();
    const grid = applyPlan(wb, planJournalUpdate(args(null)));
    grid[3][5] = "4"; // S002, 12.10.2026
    wb.sheets.set(SHEET, grid);
    const cancelled = lessonsUntil("2026-10-14").filter(
      (l) => l.date !== "2026-10-12" && !(l.date === "2026-10-14" && l.index === 2),
    );
    const plan = planJournalUpdate(args(grid, "2026-10-14", { lessons: cancelled }));
    expect(plan.changed).toBe(false);
    expect(plan.issues.map((i) => [i.cell, i.code, i.severity])).toEqual([
      ["F1", "journal-orphan-column", "warning"],
      ["H1", "journal-orphan-column", "warning"],
    ]);
    expect(plan.issues[0].message.ru).toBe(
      "Урока 12.10.2026 нет в расписании группы G01, а в столбце есть записи — столбец сохранён; проверьте дату или добавьте урок в «Изменения расписания»",
    );
    expect(plan.issues[1].message.en).toBe(
      "Lesson 14.10.2026 (2) is not in group G01's schedule; the column is empty — delete it if the lesson did not take place (otherwise it counts as held)",
    );
    const after = applyPlan(wb, plan);
    expect(after[0][5]).toBe("12.10.2026");
    expect(after[3][5]).toBe("4");
  });

  it("keeps the topic row and its topics; new columns get a blank topic", () => {
    const wb = new MemoryWorkbook();
    const grid = applyPlan(wb, planJournalUpdate(args(null)));
    grid[1][2] = "Дроби";
    grid[1][7] = "Контрольная";
    wb.sheets.set(SHEET, grid);
    const after = applyPlan(wb, planJournalUpdate(args(grid, "2026-10-21")));
    expect(after[1].slice(0, 10)).toEqual([
      "Тема",
      null,
      "Дроби",
      null,
      null,
      null,
      null,
      "Контрольная",
      null,
      null,
    ]);
    const pj = parseJournal(SHEET, after);
    expect(pj.hasTopicRow).toBe(true);
    expect(pj.columns.map((c) => c.topic)).toEqual(["Дроби", "", "", "", "", "Контрольная", "", "", ""]);
  });

  it("leaves a sheet without a topic row without one, and keeps unknown columns out of validation", () => {
    const existing: CellValue[][] = [
      ["ID", "Учащийся", "05.10.2026", "Примечание", "07.10.2026"],
      ["S002", "Борисова Вера", "5", "болела", "н"],
    ];
    const plan = planJournalUpdate(args(existing, "2026-10-07"));
    expect(plan.write.frozenRows).toBe(1);
    expect(plan.write.protection!.rows).toBe(1);
    expect(plan.write.cells).toEqual([
      { row: 1, col: 6, values: [["07.10.2026 (2)"]] },
      {
        row: 3,
        col: 1,
        values: [
          ["S001", "Андреев Антон"],
          ["S003", "Волков Глеб"],
        ],
      },
    ]);
    expect(plan.write.validations!.map((v) => v.range)).toEqual([
      { row: 2, col: 3, rows: 3, cols: 1 },
      { row: 2, col: 5, rows: 3, cols: 2 },
    ]);
  });

  it("recognises lesson headers typed as dates and does not add them twice", () => {
    const existing: CellValue[][] = [
      ["ID", "ФИО", new Date(Date.UTC(2026, 9, 5)), 46302],
      ["Тема", null, null, null],
      ["S001", "Андреев Антон", "5", "4"],
    ];
    const plan = planJournalUpdate(args(existing, "2026-10-07"));
    expect(plan.write.cells![0]).toEqual({ row: 1, col: 5, values: [["07.10.2026 (2)"]] });
  });

  it("refuses to touch a sheet without an ID column", () => {
    const existing: CellValue[][] = [
      ["Учащийся", "05.10.2026"],
      ["Андреев Антон", "5"],
    ];
    const plan = planJournalUpdate(args(existing));
    expect(plan).toEqual({
      write: { sheet: SHEET },
      changed: false,
      issues: [
        expect.objectContaining({ sheet: SHEET, cell: "A1", code: "missing-column", severity: "error" }),
      ],
    });
  });

  it("warns about a student with two rows and adds no third", () => {
    const existing: CellValue[][] = [
      ["ID", "Учащийся", "05.10.2026"],
      ["Тема", null, null],
      ["S001", "Андреев Антон", "5"],
      ["S001", "Андреев А.", "4"],
    ];
    const plan = planJournalUpdate(args(existing, "2026-10-05"));
    expect(plan.issues.map((i) => [i.cell, i.code])).toEqual([["A4", "duplicate-id"]]);
    expect(plan.write.cells!.flatMap((b) => b.values).filter((line) => line[0] === "S001")).toEqual([]);
  });
});
