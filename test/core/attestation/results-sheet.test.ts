import { describe, expect, it } from "vitest";
import { defaultPeriod } from "../../../src/app/period.js";
import { planResultSheet, readResultSheet, resultsIdOf } from "../../../src/core/attestation/results.js";
import type { Student } from "../../../src/core/records.js";

const student = (id: string, name: string) => ({ id, name }) as Student;

describe("«Аттестация <ID>»", () => {
  it("a new sheet: header, the students by name, validation and protection for the examiner", () => {
    const plan = planResultSheet({
      sheet: "Аттестация A1",
      lang: "ru",
      students: [student("S2", "Яковлев Ян"), student("S1", "Абрамов Артём")],
      existing: null,
      editors: ["t1@school.example"],
    });
    expect(plan.write.create).toBe(true);
    expect(plan.write.cells).toEqual([
      { row: 1, col: 1, values: [["ID", "Учащийся", "Результат", "Комментарий"]] },
      {
        row: 2,
        col: 1,
        values: [
          ["S1", "Абрамов Артём", null, null],
          ["S2", "Яковлев Ян", null, null],
        ],
      },
    ]);
    expect(plan.write.protection?.editors).toEqual(["t1@school.example"]);
    expect(plan.write.validations?.[0].list).toContain("незач");
  });

  it("an update appends only the new student after the last used row and never touches a typed cell", () => {
    const existing = [
      ["ID", "Учащийся", "Результат", "Комментарий", "мой столбец"],
      ["S2", "Яковлев Ян", 4, "устно", "x"],
      [null, null, null, null, null],
      ["S9", "Выбыл", "н", null, null],
    ];
    const plan = planResultSheet({
      sheet: "Аттестация A1",
      lang: "ru",
      students: [student("S2", "Яковлев Ян"), student("S3", "Борисов Борис")],
      existing,
      editors: [],
    });
    expect(plan.write.create).toBe(false);
    expect(plan.write.cells).toEqual([{ row: 5, col: 1, values: [["S3", "Борисов Борис", null, null]] }]);
    const again = planResultSheet({
      sheet: "x",
      lang: "ru",
      students: [student("S2", "Яковлев Ян")],
      existing,
      editors: [],
    });
    expect(again.changed).toBe(false);
  });

  it("reads results by header in either language and addresses a bad token to its cell", () => {
    const { results, issues } = readResultSheet("Attestation A2", "A2", [
      ["Comment", "ID", "Result"],
      [null, "S1", "4"],
      ["?", "S2", "отл"],
    ]);
    expect(results.lines.map((l) => [l.studentId, l.value])).toEqual([
      ["S1", { kind: "mark", mark: 4 }],
      ["S2", null],
    ]);
    expect(issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(["Attestation A2!C3"]);
    expect(resultsIdOf("Аттестация A1")).toBe("A1");
    expect(resultsIdOf("Аттестация")).toBeUndefined();
  });

  it("the default period is the latest ended, the year once it has ended", () => {
    const p = (name: string, kind: "quarter" | "year", from: string, to: string) => ({
      row: 2,
      name,
      kind,
      from,
      to,
      required: [],
    });
    const periods = [
      p("1 четверть", "quarter", "2026-09-01", "2026-10-25"),
      p("2 четверть", "quarter", "2026-11-04", "2026-12-28"),
      p("Год", "year", "2026-09-01", "2027-05-26"),
    ];
    expect(defaultPeriod(periods, "2026-12-02")?.name).toBe("1 четверть");
    expect(defaultPeriod(periods, "2027-01-10")?.name).toBe("2 четверть");
    expect(defaultPeriod(periods, "2027-06-10")?.name).toBe("Год");
    expect(defaultPeriod(periods, "2026-09-10")?.name).toBe("1 четверть");
  });
});
