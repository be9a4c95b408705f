/**
 * The default report month on a small hand-made workbook (typed as a coordinator would, not by
 * the demo generator): one group on Mondays, a schedule for the autumn only, a journal filled
 * in October and left blank in November.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/app/load.js";
import { chooseReportMonth, monthsWithLessons } from "../../src/app/report-month.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

function book(opts: { schedule: boolean }) {
  const wb = new MemoryWorkbook();
  wb.sheets.set("Группы", [
    ["ID", "Название", "Предмет", "Преподаватель", "Тьютор"],
    ["G1", "Алгебра", "Математика", "", ""],
  ]);
  wb.sheets.set("Расписание", [
    ["Группа", "День недели", "Начало", "Конец", "Формат", "С", "По"],
    ...(opts.schedule ? [["G1", "Пн", "10:00", "10:45", "онлайн", "01.09.2026", "30.11.2026"]] : []),
  ]);
  wb.sheets.set("Журнал G1", [
    ["ID", "Учащийся", "05.10.2026", "12.10.2026", "02.11.2026"],
    ["S1", "Иванов Иван", "5", "н", null],
  ]);
  return loadModel(wb);
}

describe("the default report month", () => {
  it("months with lessons: scheduled ones and journal columns with a filled cell", () => {
    expect([...monthsWithLessons(book({ schedule: true }), "2026-12-31")].sort()).toEqual([
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    // Without a schedule, only the journal's filled October counts (2 November is blank).
    expect([...monthsWithLessons(book({ schedule: false }), "2026-12-31")]).toEqual(["2026-10"]);
  });

  it("is the previous month when it has lessons", () => {
    expect(chooseReportMonth(book({ schedule: true }), "2026-12-02")).toEqual({
      month: "2026-11",
      reason: {
        ru: "Отчёт за ноябрь 2026 г.: прошлый месяц.",
        en: "Report for November 2026: the previous month.",
      },
    });
  });

  it("else the latest month before it with lessons, and says why", () => {
    expect(chooseReportMonth(book({ schedule: false }), "2027-01-15")).toEqual({
      month: "2026-10",
      reason: {
        ru: "Отчёт за октябрь 2026 г.: в декабре 2026 г. уроков нет, это последний месяц с уроками.",
        en: "Report for October 2026: December 2026 has no lessons; this is the latest month that has.",
      },
    });
  });

  it("a workbook with no lessons at all gets the previous month, and is told so", () => {
    const empty = loadModel(new MemoryWorkbook());
    expect(chooseReportMonth(empty, "2026-09-01").month).toBe("2026-08");
    expect(chooseReportMonth(empty, "2026-09-01").reason.en).toContain("the journals hold no lessons yet");
  });
});
