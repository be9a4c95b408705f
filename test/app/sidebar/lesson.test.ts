import { afterEach, describe, expect, it } from "vitest";
import { a1, cellText } from "../../../src/core/cells.js";
import { parseJournal } from "../../../src/core/journal/parse.js";
import type { LessonSheet } from "../../../src/rpc/contract.js";
import { demoSheets, type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

/** The journal's cell of a student for a lesson, as text. */
function cell(setup: Setup, sheet: string, studentId: string, date: string, index = 1): string {
  const j = parseJournal(sheet, setup.read(sheet));
  const c = j.columns.findIndex((x) => x.date === date && x.index === index);
  const r = j.rows.find((x) => x.studentId === studentId);
  return c >= 0 && r ? cellText(r.cells[c]) : "<none>";
}

const auditRows = (setup: Setup) => setup.read("Аудит").slice(1);

describe("the initial load", () => {
  it("puts the user's own groups first and says today in the workbook's zone", () => {
    s = setup();
    const ctx = s.server.context({});
    expect(ctx.lang).toBe("ru");
    expect(ctx.staffId).toBe("R01");
    expect(ctx.today).toBe("2026-11-23");
    expect(ctx.groups.slice(0, 3).map((g) => [g.id, g.mine])).toEqual([
      ["G01", true],
      ["G02", true],
      ["G09", true],
    ]);
    expect(ctx.groups[3]).toMatchObject({ id: "G03", mine: false });
    expect(ctx.nextStudentId).toBe(`S${ctx.students.length + 1}`);
    expect(ctx.students.some((x) => x.id === ctx.nextStudentId)).toBe(false);
    expect(ctx.reportMonth).toBe("2026-10");
    expect(ctx.tokens).toEqual({ absent: "н", excused: "у", ill: "б", late: "оп" });
    expect(ctx.attendanceWords.a).toBe("absent");
    expect(JSON.parse(JSON.stringify(ctx))).toEqual(ctx);
  });

  it("lists no group as own for someone not on the staff sheet", () => {
    s = setup(demoSheets(), "stranger@example.org");
    const ctx = s.server.context({});
    expect(ctx.staffId).toBeNull();
    expect(ctx.groups.every((g) => !g.mine)).toBe(true);
    expect(ctx.groups[0].id).toBe("G01");
  });
});

describe("lesson entry: load", () => {
  it("defaults to today's lesson from the schedule, with the students enrolled on that date", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01" });
    expect([l.date, l.index, l.known, l.column]).toEqual(["2026-11-23", 1, true, null]);
    expect(l.sheet).toBe("Журнал G01");
    const ctx = s.server.context({});
    const enrolled = ctx.enrollments
      .filter((e) => e.groupId === "G01" && e.from! <= l.date && (e.to === null || l.date <= e.to))
      .map((e) => e.studentId)
      .sort();
    expect(l.students.map((x) => x.id).sort()).toEqual(enrolled);
    expect(l.students.every((x) => x.cell === "")).toBe(true);
    const names = l.students.map((x) => x.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "ru")));
  });

  it("falls back to the last lesson before today on a day without one, with the cells as typed", () => {
    s = setup();
    // G02 (Tue/Thu): on Monday 23.11 the last lesson is Thursday 19.11.
    const l = s.server.lessonLoad({ groupId: "G02" });
    expect(l.date).toBe("2026-11-19");
    expect(l.column).not.toBeNull();
    for (const st of l.students) expect(st.cell).toBe(cell(s, "Журнал G02", st.id, "2026-11-19"));
    expect(l.students.some((st) => st.cell !== "")).toBe(true);
  });

  it("refuses an unknown group with a message", () => {
    s = setup();
    const e = thrown(() => s!.server.lessonLoad({ groupId: "G77" }));
    expect(e.code).toBe("not-found");
    expect(e.msg.ru).toContain("G77");
  });
});

describe("lesson entry: save", () => {
  function changes(l: LessonSheet, values: string[]) {
    const expected: Record<string, string> = {};
    const v: Record<string, string> = {};
    values.forEach((x, i) => {
      expected[l.students[i].id] = l.students[i].cell;
      v[l.students[i].id] = x;
    });
    return { groupId: l.groupId, date: l.date, index: l.index, expected, values: v };
  }

  it("creates today's column in the same batch, writes one block and one audit append", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01" });
    const [a, b, c] = l.students;
    s.fakes.reset();
    const r = s.server.lessonSave(changes(l, ["5", "н", "4+"]));
    expect(r.changed).toBe(3);
    expect(cell(s, "Журнал G01", a.id, "2026-11-23")).toBe("5");
    expect(cell(s, "Журнал G01", b.id, "2026-11-23")).toBe("н");
    expect(cell(s, "Журнал G01", c.id, "2026-11-23")).toBe("4+");
    // A single mark is written as a number, as a person typing it would get.
    const grid = s.read("Журнал G01");
    const j = parseJournal("Журнал G01", grid);
    const col = j.columns.find((x) => x.date === "2026-11-23")!;
    expect(grid[0][col.col - 1]).toBe("23.11.2026");
    expect(j.rows.find((x) => x.studentId === a.id)!.cells[j.columns.indexOf(col)]).toBe(5);
    // The column's other students are untouched.
    for (const st of l.students.slice(3)) expect(cell(s, "Журнал G01", st.id, "2026-11-23")).toBe("");
    expect(r.lesson.column).toBe(r.range.replace(/^Журнал G01!([A-Z]+)\d+:.*$/, "$1"));
    expect(r.lesson.students.slice(0, 3).map((x) => x.cell)).toEqual(["5", "н", "4+"]);

    // Every column the update adds is audited: Saturday 21.11 (not yet in the journal) and 23.11.
    const audit = auditRows(s);
    expect(audit).toHaveLength(5);
    expect(audit[0].slice(1, 7)).toEqual([
      USER,
      "lesson",
      "Журнал G01",
      a1(1, col.col - 1),
      null,
      "21.11.2026",
    ]);
    expect(audit[1].slice(1, 7)).toEqual([USER, "lesson", "Журнал G01", a1(1, col.col), null, "23.11.2026"]);
    const aRow = j.rows.find((x) => x.studentId === a.id)!.row;
    expect(audit[2].slice(1, 7)).toEqual([USER, "lesson", "Журнал G01", a1(aRow, col.col), null, "5"]);
    expect(String(audit[2][0])).toBe("2026-11-23 12:00:00");
    // The lock was taken and released, and held during the writes.
    expect(s.fakes.lock.waits.filter((w) => w.scope === "document")).toHaveLength(1);
    expect(s.fakes.lock._held()).toBe(false);
    expect(s.fakes.calls.count("Range.setValues")).toBe(3); // the header, the block, the audit rows
  });

  it("writes one block over the changed rows and keeps the rows between as they are", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G02", date: "2026-11-19" });
    const before = l.students.map((x) => x.cell);
    const last = l.students.length - 1;
    const req = changes(l, []);
    for (const i of [0, last]) {
      req.expected[l.students[i].id] = l.students[i].cell;
      req.values[l.students[i].id] = l.students[i].cell === "3" ? "2" : "3";
    }
    s.fakes.reset();
    const r = s.server.lessonSave(req);
    expect(r.changed).toBe(2);
    expect(s.fakes.calls.count("Range.setValues")).toBe(2);
    const after = l.students.map((x) => cell(s!, "Журнал G02", x.id, "2026-11-19"));
    expect(after.slice(1, last)).toEqual(before.slice(1, last));
    expect([after[0], after[last]]).toEqual([req.values[l.students[0].id], req.values[l.students[last].id]]);
    const audit = auditRows(s);
    expect(audit.map((x) => x[6])).toEqual([req.values[l.students[0].id], req.values[l.students[last].id]]);
    expect(audit[0][5]).toBe(before[0] || null);
  });

  it("refuses to overwrite a cell someone changed since the sidebar loaded it", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G02", date: "2026-11-19" });
    const victim = l.students[2];
    // Another person types into the sheet meanwhile.
    const j = parseJournal("Журнал G02", s.read("Журнал G02"));
    const col = j.columns.find((x) => x.date === "2026-11-19")!.col;
    const row = j.rows.find((x) => x.studentId === victim.id)!.row;
    const other = victim.cell === "б" ? "у" : "б";
    s.fakes.spreadsheet._sheet("Журнал G02")!.getRange(row, col).setValue(other);
    const auditBefore = s.read("Аудит").length;
    const e = thrown(() => s!.server.lessonSave(changes(l, ["5", "5", "5"])));
    expect(e.code).toBe("conflict");
    expect(e.msg.ru).toContain(victim.name);
    expect(e.msg.ru).toContain(`Журнал G02!${a1(row, col)}`);
    expect(e.msg.en).toContain(`now "${other}"`);
    expect(cell(s, "Журнал G02", l.students[0].id, "2026-11-19")).toBe(l.students[0].cell);
    expect(s.read("Аудит").length).toBe(auditBefore);
    expect(s.fakes.lock._held()).toBe(false);
  });

  it("refuses a token outside the grammar, naming the student", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01" });
    const e = thrown(() => s!.server.lessonSave(changes(l, ["5", "7"])));
    expect(e.code).toBe("bad-args");
    expect(e.msg.ru).toContain(l.students[1].name);
    expect(e.msg.ru).toContain("«7»");
    expect(cell(s, "Журнал G01", l.students[0].id, "2026-11-23")).toBe("<none>");
  });

  it("refuses a student not enrolled in the group on that date", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01" });
    const req = changes(l, ["5"]);
    req.values.S999 = "5";
    expect(thrown(() => s!.server.lessonSave(req)).msg.en).toContain("S999 is not enrolled in group G01");
  });

  it("refuses a date without a lesson in the schedule or the journal", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01", date: "2026-11-22" });
    expect(l.known).toBe(false);
    const e = thrown(() => s!.server.lessonSave(changes(l, ["5"])));
    expect(e.code).toBe("not-found");
    expect(e.msg.ru).toContain("22.11.2026");
  });

  it("lets a tutor save only their own groups, not a lesson ahead; the refusal names the rule", () => {
    s = setup();
    const other = s.server.lessonLoad({ groupId: "G03" });
    expect([other.known, other.students.length > 0]).toEqual([true, true]);
    const e = thrown(() => s!.server.lessonSave(changes(other, ["5"])));
    expect(e.code).toBe("no-access");
    expect(e.msg.ru).toContain("только своих групп");
    expect(e.msg.ru).toContain("G03");
    const ahead = s.server.lessonLoad({ groupId: "G01", date: "2026-11-25" });
    expect(ahead.known).toBe(true);
    const f = thrown(() => s!.server.lessonSave(changes(ahead, ["5"])));
    expect(f.code).toBe("no-access");
    expect(f.msg.ru).toContain("ещё не прошёл (сегодня 23.11.2026)");
    expect(cell(s, "Журнал G03", other.students[0].id, other.date)).toBe(other.students[0].cell || "<none>");
  });

  it("lets a coordinator save any group's lesson, also one ahead; refuses an email not on the staff sheet", () => {
    s = setup(demoSheets(), "k01@school7.example");
    const l = s.server.lessonLoad({ groupId: "G03" });
    const r = s.server.lessonSave(changes(l, [l.students[0].cell === "3" ? "4" : "3"]));
    expect(r.changed).toBe(1);
    const ahead = s.server.lessonLoad({ groupId: "G01", date: "2026-11-25" });
    expect(s.server.lessonSave(changes(ahead, ["н"])).changed).toBe(1);
    s.restore();
    s = setup(demoSheets(), "stranger@example.org");
    const m = s.server.lessonLoad({ groupId: "G01", date: "2026-11-20" });
    const e = thrown(() => s!.server.lessonSave(changes(m, ["5"])));
    expect(e.code).toBe("no-access");
    expect(e.msg.en).toContain("stranger@example.org is not there");
  });

  it("saves the topic and homework, «нз 3», «оп 4» and an absence reason with the lesson", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01", date: "2026-11-18" });
    const [a, b, c] = l.students;
    const r = s.server.lessonSave({
      ...changes(l, ["нз 3", "оп 4", "у"]),
      topic: { expected: l.topicCell, topic: "Дроби", homework: "№ 5" },
      reasons: { [c.id]: "олимпиада" },
    });
    expect(r.changed).toBe(3);
    expect(r.lesson).toMatchObject({ topic: "Дроби", homework: "№ 5", topicCell: "Дроби\nДЗ: № 5" });
    expect(r.lesson.students.find((x) => x.id === c.id)?.reason).toBe("олимпиада");
    expect([a, b, c].map((x) => cell(s!, "Журнал G01", x.id, "2026-11-18"))).toEqual(["нз 3", "оп 4", "у"]);
    expect(s.read("Причины пропусков").at(-1)?.slice(0, 2)).toEqual([c.id, "G01"]);
    // A stale topic is refused like a stale cell.
    const e = thrown(() =>
      s!.server.lessonSave({ ...changes(l, []), topic: { expected: "old", topic: "x", homework: "" } }),
    );
    expect(e.code).toBe("conflict");
  });

  it("says «busy» when another execution holds the document lock, and writes nothing", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01" });
    s.fakes.lock._contend("document");
    const e = thrown(() => s!.server.lessonSave(changes(l, ["5"])));
    expect(e.code).toBe("busy");
    expect(cell(s, "Журнал G01", l.students[0].id, "2026-11-23")).toBe("<none>");
  });

  it("neutralises formula injection in what it writes (the journal and the audit)", () => {
    s = setup();
    const l = s.server.lessonLoad({ groupId: "G01" });
    // The grammar refuses anything else, so a formula cannot reach the journal at all.
    expect(thrown(() => s!.server.lessonSave(changes(l, ["=1+1"]))).code).toBe("bad-args");
    expect(s.fakes.spreadsheet._sheet("Журнал G01")!.getDataRange().getFormulas().flat().join("")).toBe("");
  });

  it("costs the same service calls for a group of 10 and of 200 students", () => {
    const calls = (n: number, date: string) => {
      const t = setup(demoSheets({ group: n }));
      try {
        const l = t.server.lessonLoad({ groupId: "G99", date });
        expect(l.students).toHaveLength(n);
        const req = changes(
          l,
          l.students.map((_, i) => ["5", "4", "н", "3"][i % 4]),
        );
        t.fakes.reset();
        const r = t.server.lessonSave(req);
        expect(r.changed).toBe(n);
        return t.fakes.calls.total;
      } finally {
        t.restore();
      }
    };
    // An existing column (18.11) and a new one (23.11, created in the same batch).
    const existing = calls(10, "2026-11-18");
    expect(calls(200, "2026-11-18")).toBe(existing);
    // sheetNames() costs one getName per tab: the demo's 12 attestation tabs (issue 16:
    // «Учебные периоды», «Аттестация», ten results sheets) add 12 calls, none per student.
    expect(existing).toBeLessThan(72);
    expect(calls(200, "2026-11-23")).toBe(calls(10, "2026-11-23"));
  });
});
