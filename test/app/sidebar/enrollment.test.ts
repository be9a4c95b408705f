import { afterEach, describe, expect, it } from "vitest";
import { type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("enroll into a group", () => {
  it("appends one row per student from the date, audited, and the lesson then lists them", () => {
    s = setup();
    const ctx = s.server.context({});
    const inG01 = new Set(ctx.enrollments.filter((e) => e.groupId === "G01").map((e) => e.studentId));
    const ids = ctx.students
      .filter((x) => !inG01.has(x.id))
      .slice(0, 2)
      .map((x) => x.id);
    const before = s.read("Зачисления").length;
    const r = s.server.enroll({ groupId: "G01", studentIds: ids, from: "2026-11-23" });
    expect(r.added).toEqual(
      ids.map((id, i) => ({
        row: before + 1 + i,
        studentId: id,
        groupId: "G01",
        from: "2026-11-23",
        to: null,
      })),
    );
    expect(s.read("Зачисления").slice(before)).toEqual(ids.map((id) => [id, "G01", day("2026-11-23"), null]));
    const audit = s.read("Аудит").slice(-2);
    expect(audit.map((x) => x.slice(1, 4))).toEqual([
      [USER, "enroll", "Зачисления"],
      [USER, "enroll", "Зачисления"],
    ]);
    const lesson = s.server.lessonLoad({ groupId: "G01", date: "2026-11-23" });
    for (const id of ids) expect(lesson.students.map((x) => x.id)).toContain(id);
    // Saving a mark for a student without a journal row adds the row in the same batch.
    const saved = s.server.lessonSave({
      groupId: "G01",
      date: "2026-11-23",
      index: 1,
      expected: { [ids[0]]: "" },
      values: { [ids[0]]: "4" },
    });
    expect(saved.lesson.students.find((x) => x.id === ids[0])?.cell).toBe("4");
    // Both new journal rows and the mark are audited.
    const at = (id: string) => s!.read("Журнал G01").findIndex((r) => r[0] === id) + 1;
    expect(
      s
        .read("Аудит")
        .slice(-3)
        .map((r) => r.slice(2, 7)),
    ).toEqual([
      ["lesson", "Журнал G01", `A${at(ids[0])}`, null, ids[0]],
      ["lesson", "Журнал G01", `A${at(ids[1])}`, null, ids[1]],
      ["lesson", "Журнал G01", expect.stringMatching(new RegExp(`^[A-Z]+${at(ids[0])}$`)), null, "4"],
    ]);
  });

  it("refuses a student already enrolled in the group on that date", () => {
    s = setup();
    const e0 = s.server.context({}).enrollments.find((e) => e.groupId === "G01" && e.to === null)!;
    const e = thrown(() =>
      s!.server.enroll({ groupId: "G01", studentIds: [e0.studentId], from: "2026-12-01" }),
    );
    expect(e.code).toBe("conflict");
    expect(e.msg.ru).toContain(`строка ${e0.row}`);
  });

  it("refuses an unknown group or student", () => {
    s = setup();
    expect(
      thrown(() => s!.server.enroll({ groupId: "G77", studentIds: ["S001"], from: "2026-11-23" })).code,
    ).toBe("not-found");
    expect(
      thrown(() => s!.server.enroll({ groupId: "G01", studentIds: ["S999"], from: "2026-11-23" })).code,
    ).toBe("not-found");
    expect(thrown(() => s!.server.enroll({ groupId: "G01", studentIds: [], from: "2026-11-23" })).code).toBe(
      "bad-args",
    );
  });
});

describe("end an enrollment", () => {
  it("writes the «По» date into that row only, audited", () => {
    s = setup();
    const e0 = s.server.context({}).enrollments.find((e) => e.groupId === "G02" && e.to === null)!;
    const r = s.server.enrollmentEnd({ expected: e0, to: "2026-11-30" });
    expect(r.enrollment).toEqual({ ...e0, to: "2026-11-30" });
    expect(s.read("Зачисления")[e0.row - 1]).toEqual([e0.studentId, "G02", day(e0.from!), day("2026-11-30")]);
    expect(s.read("Аудит").at(-1)!.slice(2, 7)).toEqual([
      "enroll-end",
      "Зачисления",
      `D${e0.row}`,
      null,
      "2026-11-30",
    ]);
  });

  it("refuses when the row is no longer what the sidebar loaded", () => {
    s = setup();
    const e0 = s.server.context({}).enrollments.find((e) => e.groupId === "G02" && e.to === null)!;
    s.fakes.spreadsheet._sheet("Зачисления")!.getRange(e0.row, 2).setValue("G03");
    const e = thrown(() => s!.server.enrollmentEnd({ expected: e0, to: "2026-11-30" }));
    expect(e.code).toBe("conflict");
    expect(e.msg.ru).toContain(`Строку ${e0.row}`);
    expect(s.read("Зачисления")[e0.row - 1][3]).toBeNull();
  });

  it("refuses an end before the start", () => {
    s = setup();
    const e0 = s.server.context({}).enrollments.find((e) => e.groupId === "G02" && e.to === null)!;
    expect(thrown(() => s!.server.enrollmentEnd({ expected: e0, to: "2026-08-01" })).msg.en).toContain(
      "before the start date",
    );
  });
});
