/**
 * Issue 20 (a): the lesson screen over the tutors' journal workbook alone. A tutor sees only
 * the tabs whose protection lists them, loads a lesson (students = the tab's rows), saves
 * marks in one block that the next sync takes into the master; another tutor's save, a stale
 * cell, a lesson ahead and an absence reason are refused with nothing written.
 */
import { describe, expect, it } from "vitest";
import {
  type JournalLessonPorts,
  journalContext,
  journalDispatch,
  journalLessonLoad,
  journalLessonSave,
} from "../../src/app/journal-lesson.js";
import { syncJournalWorkbook } from "../../src/app/journal-split.js";
import { isUserError } from "../../src/core/errors.js";
import type { LessonSave } from "../../src/rpc/contract.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { presenceTables } from "../support/presence-school.js";

const now = new Date("2026-12-02T18:00:00Z");
const G01 = "Журнал G01";
const ORLOV = "orlov@school.ru"; // G01's tutor
const VOLKOV = "volkov@school.ru"; // G02's teacher

function school() {
  const master = new MemoryWorkbook(presenceTables());
  const journal = new MemoryWorkbook();
  const r = syncJournalWorkbook(master, journal, { now, who: "coordinator@school.ru", source: "j.xlsx" });
  const editors = new Map(r.tabs.map((t) => [t.sheet, t.editors]));
  let locks = 0;
  const ports = (user: string): JournalLessonPorts => ({
    wb: journal,
    user,
    clock: { now: () => now },
    lock: {
      withLock: (fn) => {
        locks++;
        return fn();
      },
    },
    tabEditors: () => editors,
  });
  return { master, journal, ports, locks: () => locks };
}

/** The Russian message of the UserError fn throws. */
function ru(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e.msg.ru;
    throw e;
  }
  return "(no error)";
}

const cell = (wb: MemoryWorkbook, sheet: string, row: number, col: number) =>
  wb.sheets.get(sheet)?.[row - 1]?.[col - 1] ?? null;

function saveOf(lesson: ReturnType<typeof journalLessonLoad>, values: Record<string, string>): LessonSave {
  return {
    groupId: lesson.groupId,
    date: lesson.date,
    index: lesson.index,
    expected: Object.fromEntries(lesson.students.map((s) => [s.id, s.cell])),
    values,
    topic: null,
    reasons: {},
  };
}

describe("the lesson screen of the journal workbook", () => {
  it("offers a tutor only the tabs they may edit, in lesson-only mode", () => {
    const s = school();
    const ctx = journalContext(s.ports(ORLOV));
    expect(ctx.journalOnly).toBe(true);
    expect([ctx.lang, ctx.today, ctx.students.length]).toEqual(["ru", "2026-12-02", 0]);
    expect(ctx.groups.map((g) => [g.id, g.title, g.mine])).toEqual([["G01", G01, true]]);
    expect(journalContext(s.ports(VOLKOV)).groups.map((g) => g.id)).toEqual(["G02"]);
    expect(journalContext(s.ports("parent@mail.ru")).groups).toEqual([]);
    expect(ctx.words).toContain("н");
  });

  it("loads today's lesson from the tab: its rows, names as written, cells", () => {
    const s = school();
    const l = journalLessonLoad(s.ports(ORLOV), { groupId: "G01" });
    expect([l.sheet, l.date, l.index, l.column, l.known, l.hasTopicRow]).toEqual([
      G01,
      "2026-12-02",
      1,
      "D",
      true,
      true,
    ]);
    expect(l.options.map((o) => o.date)).toEqual(["2026-11-30", "2026-12-02"]);
    // S003 has no consent: the tab shows the ID alone, and so does the screen.
    expect(l.students.map((x) => [x.id, x.name, x.cell])).toEqual([
      ["S001", "Иванов Иван", "5"],
      ["S002", "Петрова Анна", ""],
      ["S003", "S003", ""],
      ["S004", "Кузнецова Мария", ""],
    ]);
    const monday = journalLessonLoad(s.ports(ORLOV), { groupId: "G01", date: "2026-11-30" });
    expect(monday.students.map((x) => x.cell)).toEqual(["", "", "4", "5"]);
  });

  it("saves marks and the topic in one write under the lock; the next sync takes them", () => {
    const s = school();
    const p = s.ports(ORLOV);
    const l = journalLessonLoad(p, { groupId: "G01" });
    const before = s.journal.writes.length;
    const saved = journalLessonSave(p, {
      ...saveOf(l, { S002: "н", S004: "4" }),
      topic: { expected: "", topic: "Квадратные уравнения", homework: "" },
    });
    expect([saved.changed, saved.range]).toEqual([2, `${G01}!D4:D6`]);
    expect(s.journal.writes.length).toBe(before + 1);
    expect(s.journal.writes.at(-1)!.map((w) => w.sheet)).toEqual([G01]);
    expect(s.locks()).toBe(1);
    expect([cell(s.journal, G01, 4, 4), cell(s.journal, G01, 5, 4), cell(s.journal, G01, 6, 4)]).toEqual([
      "н",
      null,
      4,
    ]);
    expect(cell(s.journal, G01, 2, 4)).toBe("Квадратные уравнения");
    expect(saved.lesson.students.map((x) => x.cell)).toEqual(["5", "н", "", "4"]);
    const sync = syncJournalWorkbook(s.master, s.journal, {
      now,
      who: "coordinator@school.ru",
      source: "j.xlsx",
    });
    expect(sync.applied.map((c) => [c.sheet, c.cell, c.value])).toEqual([
      [G01, "D3", "н"],
      [G01, "D5", 4],
    ]);
  });

  it("refuses a tab not the user's, a stale cell, a lesson ahead, a reason, a bad mark — writing nothing", () => {
    const s = school();
    const l = journalLessonLoad(s.ports(ORLOV), { groupId: "G01" });
    const before = s.journal.writes.length;
    expect(ru(() => journalLessonSave(s.ports(VOLKOV), saveOf(l, { S002: "5" })))).toMatch(
      /вкладку «Журнал G01» правят только преподаватель и тьютор/,
    );
    // Someone typed into S002's cell after the screen loaded it.
    s.journal.sheets.get(G01)![3][3] = "б";
    expect(ru(() => journalLessonSave(s.ports(ORLOV), saveOf(l, { S002: "5" })))).toMatch(
      /Петрова Анна \(S002\): ячейку Журнал G01!D4 уже изменили после загрузки \(было «», сейчас «б»\)/,
    );
    const fresh = journalLessonLoad(s.ports(ORLOV), { groupId: "G01" });
    expect(ru(() => journalLessonSave(s.ports(ORLOV), saveOf(fresh, { S002: "7" })))).toMatch(
      /«7» — не отметка/,
    );
    expect(
      ru(() =>
        journalLessonSave(s.ports(ORLOV), { ...saveOf(fresh, { S002: "н" }), reasons: { S002: "болел" } }),
      ),
    ).toMatch(/Причины пропусков вносятся в основной книге/);
    expect(
      ru(() => journalLessonSave(s.ports(ORLOV), { ...saveOf(fresh, {}), date: "2026-12-07", index: 1 })),
    ).toMatch(/ещё не прошёл/);
    expect(
      ru(() => journalLessonSave(s.ports(ORLOV), { ...saveOf(fresh, { S002: "5" }), date: "2026-11-25" })),
    ).toMatch(/нет столбца урока 25\.11\.2026/);
    expect(s.journal.writes.length).toBe(before);
  });

  it("answers only context, lessonLoad and lessonSave; refuses the master's calls", () => {
    const s = school();
    const logged: unknown[] = [];
    const call = (m: string, req: unknown = {}) =>
      journalDispatch(s.ports(ORLOV), m, req, (e) => logged.push(e));
    for (const m of ["weekLoad", "studentSave", "reportBuild", "riskList", "nope"]) {
      const r = call(m);
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.ru]).toEqual(["bad-args", expect.stringContaining(m)]);
    }
    const r = call("lessonLoad", { groupId: "G01" });
    expect(r.ok && (r.value as { sheet: string }).sheet).toBe(G01);
    const l = journalLessonLoad(s.ports(VOLKOV), { groupId: "G01" });
    const refused = journalDispatch(s.ports(VOLKOV), "lessonSave", saveOf(l, { S001: "4" }), (e) =>
      logged.push(e),
    );
    expect(refused.ok || refused.error.code).toBe("no-access");
    expect(logged).toEqual([]);
  });

  it("is refused outside a journal workbook", () => {
    const master = new MemoryWorkbook(presenceTables());
    const p = { ...school().ports(ORLOV), wb: master };
    expect(ru(() => journalContext(p))).toMatch(/Это не книга журналов/);
  });
});
