import { describe, expect, it } from "vitest";
import { emptyModel, type Model } from "../../../src/core/model.js";
import { DEFAULT_SETTINGS } from "../../../src/core/records.js";
import { findScheduleConflicts } from "../../../src/core/schedule/conflicts.js";
import { expandLessons } from "../../../src/core/schedule/expand.js";
import { change, enrollment, group, holiday, slot, staff, student } from "./fixtures.js";

/** A workbook with shuffled columns, so addresses must come from model.columns. */
function workbook(parts: Partial<Model>, lang: "ru" | "en" = "ru"): Model {
  const m = emptyModel({ ...DEFAULT_SETTINGS, language: lang });
  m.tabs = {
    schedule: "Расписание",
    changes: "Изменения расписания",
    holidays: "Каникулы",
    groups: "Группы",
  };
  m.columns = {
    schedule: { weekday: 1, groupId: 2, start: 3, end: 4, mode: 5, to: 6, from: 7 },
    changes: { date: 1, groupId: 2, kind: 3, start: 4, end: 5, newDate: 6, reason: 7, notified: 8 },
    holidays: { from: 1, to: 2, name: 3 },
  };
  m.staff = [staff(2, "T01", "Иванова И.И."), staff(3, "T02", "Петров П.П.")];
  m.students = [student(2, "S001", "Иванов Пётр"), student(3, "S002", "Сидорова Анна")];
  return Object.assign(m, parts);
}

const conflicts = (m: Model, from = "2026-10-01", to = "2026-10-31") =>
  findScheduleConflicts(m, expandLessons(m, from, to));

describe("findScheduleConflicts: overlaps", () => {
  it("finds a teacher in two groups at once, once for all weeks, at the first row's cell", () => {
    const m = workbook({
      groups: [group(2, "G01", "T01"), group(3, "G03", "T01")],
      slots: [slot(2, "G01", 3, "10:00", "10:45"), slot(5, "G03", 3, "10:30", "11:15")],
    });
    const found = conflicts(m);
    expect(found).toEqual([
      {
        sheet: "Расписание",
        cell: "B2",
        code: "schedule-conflict",
        severity: "error",
        message: {
          ru: "Преподаватель T01 (Иванова И.И.) ведёт G01 и G03 одновременно: 07.10.2026 10:00–10:45 и 10:30–11:15 (см. Расписание!B5); повторяется 4 раза, последний — 28.10.2026",
          en: "Teacher T01 (Иванова И.И.) teaches G01 and G03 at the same time: 2026-10-07 10:00–10:45 and 10:30–11:15 (see Расписание!B5); happens 4 times, last on 2026-10-28",
        },
      },
    ]);
  });

  it("finds a tutor, and a person who is teacher in one group and tutor in the other", () => {
    const m = workbook({
      groups: [
        group(2, "G01", "", "T02"),
        group(3, "G02", "", "T02"),
        group(4, "G03", "T01"),
        group(5, "G04", "", "T01"),
      ],
      slots: [
        slot(2, "G01", 1, "09:00", "09:45"),
        slot(3, "G02", 1, "09:40", "10:20"),
        slot(4, "G03", 2, "09:00", "09:45"),
        slot(5, "G04", 2, "09:00", "09:45"),
      ],
    });
    const found = conflicts(m, "2026-10-05", "2026-10-06");
    expect(found.map((i) => [i.cell, i.message.ru])).toEqual([
      [
        "B2",
        "Тьютор T02 (Петров П.П.) сопровождает G01 и G02 одновременно: 05.10.2026 09:00–09:45 и 09:40–10:20 (см. Расписание!B3)",
      ],
      [
        "B4",
        "Сотрудник T01 (Иванова И.И.) занят в G03 (преподаватель) и G04 (тьютор) одновременно: 06.10.2026 09:00–09:45 и 09:00–09:45 (см. Расписание!B5)",
      ],
    ]);
    expect(found[1].message.en).toBe(
      "Staff member T01 (Иванова И.И.) is busy in G03 (teacher) and G04 (tutor) at the same time: 2026-10-06 09:00–09:45 and 09:00–09:45 (see Расписание!B5)",
    );
  });

  it("does not count lessons that only touch, nor different days", () => {
    const m = workbook({
      groups: [group(2, "G01", "T01"), group(3, "G03", "T01")],
      slots: [
        slot(2, "G01", 3, "10:00", "10:45"),
        slot(3, "G03", 3, "10:45", "11:30"),
        slot(4, "G03", 4, "10:00", "10:45"),
      ],
    });
    expect(conflicts(m)).toEqual([]);
  });

  it("finds a student enrolled in both groups only on dates both enrollments cover", () => {
    const m = workbook({
      groups: [group(2, "G01", "T01"), group(3, "G02", "T02")],
      slots: [slot(2, "G01", 3, "10:00", "10:45"), slot(3, "G02", 3, "10:30", "11:15")],
      enrollments: [
        enrollment(2, "S001", "G01", "2026-10-10"),
        enrollment(3, "S001", "G02", "2026-09-01"),
        enrollment(4, "S002", "G01", "2026-09-01"),
        enrollment(5, "S002", "G02", "2026-09-01", "2026-10-01"),
      ],
    });
    const found = conflicts(m);
    expect(found.map((i) => [i.sheet, i.cell, i.message.ru])).toEqual([
      [
        "Расписание",
        "B2",
        "Учащийся S001 (Иванов Пётр) записан в G01 и G02, уроки идут одновременно: 14.10.2026 10:00–10:45 и 10:30–11:15 (см. Расписание!B3); повторяется 3 раза, последний — 28.10.2026",
      ],
    ]);
  });

  it("names several students of the same pair of rows in one issue", () => {
    const m = workbook({
      groups: [group(2, "G01"), group(3, "G02")],
      slots: [slot(2, "G01", 3, "10:00", "10:45"), slot(3, "G02", 3, "10:30", "11:15")],
      enrollments: [
        enrollment(2, "S002", "G01", "2026-09-01"),
        enrollment(3, "S002", "G02", "2026-09-01"),
        enrollment(4, "S001", "G01", "2026-09-01"),
        enrollment(5, "S001", "G02", "2026-09-01"),
      ],
    });
    const found = conflicts(m, "2026-10-07", "2026-10-07");
    expect(found).toHaveLength(1);
    expect(found[0].message.en).toBe(
      "Students S001, S002 are enrolled in G01 and G02, whose lessons overlap: 2026-10-07 10:00–10:45 and 10:30–11:15 (see Расписание!B3)",
    );
  });

  it("finds two overlapping lessons of one group, a change row included", () => {
    const m = workbook({
      groups: [group(2, "G01", "T01")],
      slots: [slot(2, "G01", 3, "10:00", "10:45")],
      changes: [
        change(4, { date: "2026-10-07", groupId: "G01", kind: "extra", start: "10:30", end: "11:00" }),
      ],
    });
    expect(conflicts(m).map((i) => [i.sheet, i.cell, i.message.ru])).toEqual([
      [
        "Расписание",
        "B2",
        "Группа G01: уроки пересекаются — 07.10.2026 10:00–10:45 и 10:30–11:00 (см. 'Изменения расписания'!B4)",
      ],
    ]);
  });

  it("falls back to column A and the format's tab name when the sheet was not read", () => {
    const m = workbook({
      groups: [group(2, "G01", "T01"), group(3, "G03", "T01")],
      slots: [slot(2, "G01", 3, "10:00", "10:45"), slot(5, "G03", 3, "10:30", "11:15")],
    });
    m.tabs = {};
    m.columns = {};
    const found = conflicts(m, "2026-10-07", "2026-10-07");
    expect([found[0].sheet, found[0].cell]).toEqual(["Расписание", "A2"]);
    expect(found[0].message.ru).toContain("(см. Расписание!A5)");
  });
});

describe("findScheduleConflicts: rows", () => {
  const m = workbook({
    groups: [group(2, "G01", "T01")],
    holidays: [holiday(2, "2026-11-02", "2026-11-08", "Осенние каникулы")],
    slots: [
      slot(2, "G01", 3, "10:00", "10:45"),
      slot(4, "G01", 1, "10:00", "10:45", { from: "2026-11-01", to: "2026-10-01" }),
      slot(5, "G01", 2, "11:00", "10:00"),
    ],
    changes: [
      change(2, { date: "2026-10-07", groupId: "G99", kind: "cancel" }),
      change(3, { date: "2026-11-04", groupId: "G01", kind: "extra", start: "12:00", end: "12:45" }),
      change(4, { date: "2026-10-28", groupId: "G01", kind: "move", newDate: "2026-11-04" }),
      change(5, { date: "2026-10-08", groupId: "G01", kind: "cancel" }),
      change(6, { date: "2026-10-08", groupId: "G01", kind: "move", newDate: "2026-10-09" }),
      change(7, { date: "2026-11-05", groupId: "G01", kind: "cancel" }),
      change(8, { date: "2026-10-09", groupId: "G01", kind: "consultation", start: "12:00" }),
      change(9, { date: "2026-10-14", groupId: "G01", kind: "move" }),
      change(10, { date: "2026-10-16", groupId: "G01", kind: "extra", start: "12:00", end: "11:00" }),
      change(11, { date: "2026-10-21", groupId: "G01", kind: "cancel", start: "09:00" }),
      change(12, { date: "2026-10-21", groupId: "G01", kind: "cancel", start: "10:00" }),
    ],
  });
  const found = conflicts(m, "2026-09-01", "2026-12-31");
  const where = (sheet: string, cell: string) => found.filter((i) => i.sheet === sheet && i.cell === cell);

  it("addresses every problem to its row and column", () => {
    expect(found.map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([
      "Расписание!F4 schedule-conflict",
      "Расписание!D5 schedule-conflict",
      "Изменения расписания!B2 schedule-conflict",
      "Изменения расписания!A3 schedule-conflict",
      "Изменения расписания!F4 schedule-conflict",
      "Изменения расписания!A5 schedule-conflict",
      "Изменения расписания!A6 schedule-conflict",
      "Изменения расписания!A7 schedule-conflict",
      "Изменения расписания!E8 required",
      "Изменения расписания!F9 required",
      "Изменения расписания!E10 schedule-conflict",
      "Изменения расписания!D11 schedule-conflict",
    ]);
    expect(found.every((i) => i.severity === "error")).toBe(true);
  });

  it("explains each one in both languages", () => {
    expect(where("Расписание", "F4")[0].message.ru).toBe(
      "Группа G01: дата «По» (01.10.2026) раньше даты «С» (01.11.2026) — по этой строке уроков нет",
    );
    expect(where("Расписание", "D5")[0].message.en).toBe(
      "Group G01: the lesson ends (10:00) no later than it starts (11:00)",
    );
    expect(where("Изменения расписания", "B2")[0].message.ru).toBe(
      "Отмена: группы «G99» нет на листе «Группы» — изменение не применить к расписанию",
    );
    expect(where("Изменения расписания", "A3")[0].message.ru).toBe(
      "Доп. урок G01: 04.11.2026 — каникулы «Осенние каникулы» (см. Каникулы!A2)",
    );
    expect(where("Изменения расписания", "F4")[0].message.en).toBe(
      'Move G01: 2026-11-04 is a holiday "Осенние каникулы" (see Каникулы!A2)',
    );
    expect(where("Изменения расписания", "A5")[0].message.ru).toBe(
      "Отмена: у группы G01 нет урока 08.10.2026 — изменение ничего не меняет",
    );
    expect(where("Изменения расписания", "A7")[0].message.ru).toBe(
      "Отмена: у группы G01 нет урока 05.11.2026 (каникулы «Осенние каникулы») — изменение ничего не меняет",
    );
    expect(where("Изменения расписания", "D11")[0].message.en).toBe(
      "Cancel: group G01 has no lesson on 2026-10-21 at 09:00 — the change changes nothing",
    );
    expect(where("Изменения расписания", "F9")[0].message.ru).toBe(
      "Перенос G01 14.10.2026: не указана новая дата — урок остаётся на месте",
    );
  });

  it("reports nothing for a clean schedule", () => {
    const clean = workbook({
      groups: [group(2, "G01", "T01"), group(3, "G02", "T01")],
      slots: [slot(2, "G01", 3, "10:00", "10:45"), slot(3, "G02", 3, "11:00", "11:45")],
      changes: [
        change(2, { date: "2026-10-07", groupId: "G01", kind: "move", newDate: "2026-10-08" }),
        change(3, { date: "2026-10-14", groupId: "G02", kind: "cancel" }),
        change(4, { date: "2026-10-15", groupId: "G02", kind: "extra", start: "09:00", end: "09:45" }),
      ],
      enrollments: [enrollment(2, "S001", "G01", "2026-09-01"), enrollment(3, "S001", "G02", "2026-09-01")],
    });
    expect(conflicts(clean)).toEqual([]);
  });
});
