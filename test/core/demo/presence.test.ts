import { describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { loadModel } from "../../../src/app/load.js";
import { importPresence } from "../../../src/app/presence.js";
import { demoLogin, demoMeetExport } from "../../../src/core/demo/presence.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

function demo() {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  return wb;
}

describe("the demo school's LMS presence", () => {
  it("gives every student a login and passes check without login problems", () => {
    const model = loadModel(demo());
    expect(model.students.every((s) => s.lmsLogin === demoLogin(s.id))).toBe(true);
    expect(model.issues.filter((i) => i.code === "lms-login-duplicate")).toEqual([]);
  });

  it("a sample Meet report of G01 on Monday 16.11 imports with its teacher, late tutor, two absentees and a guest", () => {
    const wb = demo();
    const model = loadModel(wb);
    const rows = demoMeetExport(model, "G01", "2026-11-16");
    expect(rows?.[1]).toEqual(["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"]);
    expect(demoMeetExport(model, "G01", "2026-11-17")).toBeNull();
    const res = importPresence(wb, [{ name: "meet-demo.csv", rows: rows! }], {
      apply: false,
      now: new Date("2026-11-24T09:00:00Z"),
      who: "t",
    });
    const lesson = res.rows.filter((r) => r.groupId === "G01" && r.date === "2026-11-16");
    expect(lesson.find((r) => r.role === "teacher")).toMatchObject({ personId: "T01", verdict: "present" });
    expect(lesson.find((r) => r.role === "tutor")).toMatchObject({
      personId: "R01",
      verdict: "late",
      lateBy: 7,
    });
    expect(lesson.filter((r) => r.role === "student" && r.verdict === "absent")).toHaveLength(2);
    expect(res.unknown.map((u) => u.login)).toEqual(["guest.device@gmail.example"]);
  });
});
