/**
 * Every date-sensitive decision follows the pinned day, not the machine's clock: the demo's
 * school year, the default report month, the trigger's month, the sidebar's today and today's
 * lesson. The demo is built as `init --demo` builds it on that day.
 */
import { describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { loadModel, loadWorkbook } from "../../src/app/load.js";
import { runMonthlyJob } from "../../src/app/monthly-job.js";
import { compileMonth, defaultMonth } from "../../src/app/report.js";
import { chooseReportMonth } from "../../src/app/report-month.js";
import { createSidebarServer } from "../../src/app/sidebar/index.js";
import { monthRange } from "../../src/core/dates.js";
import { demoYearOf, schoolYearOf } from "../../src/core/school-year.js";
import { CountingLock, MemoryDocSink, MemoryStore } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { PINNED_DAYS } from "../support/pinned-days.js";

const noLock = { withLock: <T>(fn: () => T) => fn() };

function demoOn(today: string) {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: demoYearOf(today), lang: "ru", today });
  return wb;
}

describe.each(PINNED_DAYS)("on $today", (day) => {
  const now = new Date(day.at);
  const clock = { now: () => now };
  const wb = demoOn(day.today);
  const model = loadModel(wb);

  it("the school year of a new workbook and of the demo", () => {
    expect(schoolYearOf(day.today)).toBe(day.schoolYear);
    expect(demoYearOf(day.today)).toBe(day.demoYear);
    expect(model.settings.schoolYear).toBe(`${day.demoYear}/${day.demoYear + 1}`);
  });

  it("the default report month, with its reason", () => {
    const chosen = chooseReportMonth(model, day.today);
    expect(chosen.month).toBe(day.reportMonth);
    expect(chosen.reason.ru).toContain(`${day.reportMonth.slice(0, 4)} г.`);
    expect(defaultMonth(now, model.settings.timeZone)).toBe(day.triggerMonth);
  });

  it("the report of that month names every student enrolled in it", () => {
    const { model: m, names } = loadWorkbook(wb);
    const run = compileMonth(m, names, day.reportMonth, now);
    const { from, to } = monthRange(day.reportMonth);
    const enrolled = new Set(
      m.enrollments
        .filter((e) => (!e.from || e.from <= to) && (!e.to || e.to >= from))
        .map((e) => e.studentId),
    );
    expect(enrolled.size).toBeGreaterThan(100);
    expect(new Set(run.json.pairs.map((p) => p.studentId))).toEqual(enrolled);
    expect(run.figures.school.students).toBe(enrolled.size);
  });

  it("the monthly trigger reports the previous month only when it had lessons", () => {
    const store = new MemoryStore();
    const docs = new MemoryDocSink();
    const r = runMonthlyJob(
      {
        wb,
        store,
        clock,
        lock: new CountingLock(),
        docs,
        scheduleContinuation: () => {},
        user: "trigger",
        link: (_s, _c, label) => label,
      },
      defaultMonth(now, model.settings.timeZone),
      { onlyWithLessons: true, mail: false },
    );
    expect(r.status).toBe(day.triggerRuns ? "done" : "skipped");
    expect(r.month).toBe(day.triggerMonth);
    expect(wb.sheetNames().includes(`Сводная ${day.triggerMonth}`)).toBe(day.triggerRuns);
  });

  it("the sidebar's today and today's lesson", () => {
    const server = createSidebarServer({ wb, lock: noLock, clock, user: "r01@school7.example" });
    const ctx = server.context({});
    expect(ctx.today).toBe(day.today);
    expect(ctx.reportMonth).toBe(day.reportMonth);
    expect(server.lessonLoad({ groupId: "G01" }).date).toBe(day.g01Lesson);
    expect(server.lessonLoad({ groupId: "G02" }).date).toBe(day.g02Lesson);
  });
});
