import { describe, expect, it } from "vitest";
import { xlsxLink } from "../../src/app/check.js";
import { writeDemoSchool } from "../../src/app/demo.js";
import { loadWorkbook } from "../../src/app/load.js";
import { runMonthlyJob } from "../../src/app/monthly-job.js";
import { rollup, savedSummary } from "../../src/app/municipal.js";
import { compileMonth } from "../../src/app/report.js";
import { municipalReport, municipalSheets } from "../../src/core/municipal/report.js";
import { plainText } from "../../src/core/report/model.js";
import { CountingLock, FakeClock, MemoryDocSink, MemoryStore } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const NOW = new Date("2026-11-24T09:00:00Z");
const MONTH = "2026-10";

function school(seed: number, name: string): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24", seed, school: name });
  return wb;
}

function schools() {
  const a = school(1, "Школа № 1");
  const b = school(2, "Школа № 2");
  const c = school(3, "Лицей № 3");
  // School A ran its monthly report: the rollup reads the saved JSON instead of computing.
  runMonthlyJob(
    {
      wb: a,
      store: new MemoryStore(),
      clock: new FakeClock(NOW.getTime()),
      lock: new CountingLock(),
      docs: new MemoryDocSink(),
      scheduleContinuation: () => {},
      user: "k01@school.example",
      link: xlsxLink,
    },
    MONTH,
  );
  return { a, b, c };
}

async function run(books: Record<string, MemoryWorkbook | Error>) {
  return rollup(Object.keys(books), {
    month: MONTH,
    now: NOW,
    open: async (k) => {
      const v = books[k];
      if (v instanceof Error) throw v;
      return v;
    },
    label: (k) => k,
    describe: (e) => (e as Error).message,
    concurrency: 2,
  });
}

describe("the municipal rollup", () => {
  it("recomputes the totals from the schools' counts, not from their percentages", async () => {
    const { a, b, c } = schools();
    expect(savedSummary(a, MONTH)).not.toBeNull();
    const { municipal, failed } = await run({ "a.xlsx": a, "b.xlsx": b, "c.xlsx": c });
    expect(failed).toEqual([]);
    // Each school's figures computed here on their own, then summed by hand.
    const own = [a, b, c].map((wb) => {
      const { model, names } = loadWorkbook(wb);
      return compileMonth(model, names, MONTH, NOW).figures;
    });
    const N = own.reduce((s, f) => s + f.school.N, 0);
    // Success counts students by category (each student belongs to one school).
    const S = own.reduce((s, f) => s + f.school.students, 0);
    const passing = own.reduce(
      (s, f) =>
        s + f.school.categories.excellent + f.school.categories.good + f.school.categories.satisfactory,
      0,
    );
    const lessons = own.reduce((s, f) => s + f.school.lessons, 0);
    const absences = own.reduce((s, f) => s + f.school.absences, 0);
    const averages = own.flatMap((f) =>
      f.pairs.filter((p) => p.counted && p.average !== null).map((p) => p.average!),
    );
    expect(municipal.totals.N).toBe(N);
    expect(municipal.totals.students).toBe(own.reduce((s, f) => s + f.school.students, 0));
    expect(municipal.totals.success).toBeCloseTo((passing * 100) / S, 10);
    for (const k of ["excellent", "good", "satisfactory", "oneThree", "failing", "notAssessed"] as const)
      expect(municipal.totals.categories[k]).toBe(own.reduce((s, f) => s + f.school.categories[k], 0));
    expect(municipal.totals.unexcused).toBe(own.reduce((s, f) => s + f.school.unexcused, 0));
    expect(municipal.totals.attendance).toBeCloseTo(100 - (absences * 100) / lessons, 10);
    expect(municipal.totals.average).toBeCloseTo(averages.reduce((s, x) => s + x, 0) / averages.length, 10);
    expect(municipal.rows.map((r) => r.school)).toEqual(["Школа № 1", "Школа № 2", "Лицей № 3"]);
    // Not the mean of the schools' percentages: СОУ is over the marks, and the schools' N differ.
    expect(new Set(own.map((f) => f.school.N)).size).toBeGreaterThan(1);
    const meanOfPercents = own.reduce((s, f) => s + f.school.sou!, 0) / own.length;
    expect(Math.abs(municipal.totals.sou! - meanOfPercents)).toBeGreaterThan(0);
  });

  it("one broken source is reported and the others are summed", async () => {
    const { a, b } = schools();
    const { municipal, failed } = await run({
      "a.xlsx": a,
      "broken.xlsx": new Error("Файл не найден"),
      "b.xlsx": b,
    });
    expect(failed).toEqual([{ source: "broken.xlsx", message: "Файл не найден" }]);
    expect(municipal.rows).toHaveLength(2);
    const text = plainText(municipalReport(municipal, failed, "ru", "24.11.2026 12:00"));
    expect(text).toContain("Не получены данные\nbroken.xlsx: Файл не найден");
    expect(text).toContain("Данные: 2 школы.");
  });

  it("lets no student name and no parent contact leave a school", async () => {
    const { a, b, c } = schools();
    const { municipal, failed } = await run({ "a.xlsx": a, "b.xlsx": b, "c.xlsx": c });
    const out = JSON.stringify([
      municipalSheets(municipal, failed, "ru"),
      plainText(municipalReport(municipal, failed, "ru", "now")),
      municipal,
    ]);
    for (const wb of [a, b, c]) {
      const { model } = loadWorkbook(wb);
      for (const s of model.students) {
        expect(out).not.toContain(s.name);
        if (s.parentEmail) expect(out).not.toContain(s.parentEmail);
        if (s.parentPhone) expect(out).not.toContain(s.parentPhone);
        if (s.parent) expect(out).not.toContain(s.parent);
      }
    }
    // The applicants' list carries IDs and classes only.
    const applicants = municipalSheets(municipal, failed, "ru").find((w) => w.sheet === "Заявки на ДО")!;
    expect(applicants.cells![0].values[0]).toEqual(["Школа", "ID учащегося", "Класс"]);
  });
});
