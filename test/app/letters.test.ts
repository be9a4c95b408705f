import { describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { planLetters, recordSent, sendLetters } from "../../src/app/letters.js";
import type { Lock, Mailer } from "../../src/ports.js";
import { CountingLock, FakeClock, FakeMailer } from "../support/fake-ports.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const NOW = new Date("2026-11-24T09:00:00Z");
const MONTH = "2026-10";

function demo(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  return wb;
}

/** Demo students (row 2 = S001): consent column I, email F, phone G, status D. */
const studentRow = (wb: MemoryWorkbook, id: string) => wb.sheets.get("Учащиеся")!.find((r) => r[0] === id)!;

describe("planLetters", () => {
  it("plans a letter per consenting family in one read, and lists everyone left out with the reason", () => {
    const wb = demo();
    const reads = wb.reads;
    const plan = planLetters(wb, MONTH, NOW);
    expect(wb.reads - reads).toBe(1);
    expect(plan.month).toBe(MONTH);
    expect(plan.skipped.map((s) => [s.studentId, s.reason])).toEqual([
      ["S023", "no-consent"],
      ["S037", "left"],
      ["S046", "no-consent"],
      ["S069", "no-consent"],
      ["S092", "no-consent"],
      ["S115", "no-consent"],
    ]);
    const ids = plan.letters.map((l) => l.recipient.studentId);
    expect(ids).toHaveLength(plan.model.students.length - 6);
    expect(ids).not.toContain("S023");
    // Every 17th family has no email: reached by phone.
    expect(
      plan.letters.filter((l) => l.recipient.channel === "phone").map((l) => l.recipient.studentId),
    ).toEqual(["S017", "S034", "S051", "S068", "S085", "S102", "S119"]);
    const first = plan.letters[0];
    expect(first.subject).toBe(first.doc.title);
    expect(first.body).toContain(first.recipient.name);
  });

  it("defaults to the previous month in the workbook's zone; a withdrawn consent means no letter", () => {
    const wb = demo();
    studentRow(wb, "S001")[8] = "нет";
    const plan = planLetters(wb, undefined, new Date("2026-11-30T22:00:00Z")); // 1 Dec in Moscow
    expect(plan.month).toBe("2026-11");
    expect(plan.letters.map((l) => l.recipient.studentId)).not.toContain("S001");
    expect(plan.skipped[0]).toMatchObject({ studentId: "S001", reason: "no-consent" });
  });

  it("skips a family whose groups had no lessons that month", () => {
    const plan = planLetters(demo(), "2026-08", NOW);
    expect(plan.letters).toEqual([]);
    expect(plan.skipped.filter((s) => s.reason === "no-lessons")).toHaveLength(
      plan.model.students.length - 6,
    );
  });

  it("records letters in a hidden sheet so that the next plan leaves them out", () => {
    const wb = demo();
    const plan = planLetters(wb, MONTH, NOW);
    recordSent(
      wb,
      plan,
      [
        { studentId: "S001", channel: "csv" },
        { studentId: "S017", channel: "docx" },
      ],
      NOW,
    );
    expect(wb.sheets.get("Письма")).toEqual([
      ["Месяц", "Учащийся", "Отправлено", "Канал"],
      ["2026-10", "S001", new Date("2026-11-24T12:00:00Z"), "csv"],
      ["2026-10", "S017", new Date("2026-11-24T12:00:00Z"), "docx"],
    ]);
    expect(wb.meta.get("Письма")).toMatchObject({ hidden: true });
    const again = planLetters(wb, MONTH, NOW);
    expect(again.letters).toHaveLength(plan.letters.length - 2);
    expect(again.already.map((r) => r.studentId)).toEqual(["S001", "S017"]);
    // Another month is unaffected.
    expect(planLetters(wb, "2026-11", NOW).already).toEqual([]);
  });
});

describe("sendLetters", () => {
  it("stops before the daily quota, and a later run (the next day) goes on without mailing anyone twice", () => {
    const wb = demo();
    const mailer = new FakeMailer(40);
    const clock = new FakeClock(NOW.getTime());
    const lock = new CountingLock();
    const first = sendLetters({ wb, lock, mailer, clock }, MONTH);
    const emailLetters = planLetters(demo(), MONTH, NOW).letters.filter(
      (l) => l.recipient.channel === "email",
    );
    expect(first.sent).toHaveLength(40);
    expect(first.stopped).toBe("quota");
    expect(first.remaining).toBe(emailLetters.length - 40);
    expect(mailer.quota).toBe(0);
    expect(first.phoneOnly.map((r) => r.studentId)).toContain("S017");
    expect(first.skipped.map((s) => s.studentId)).toEqual(["S023", "S037", "S046", "S069", "S092", "S115"]);
    expect(wb.sheets.get("Письма")!.length - 1).toBe(40);

    // Same day again: nothing can be sent, nothing is.
    const stuck = sendLetters({ wb, lock, mailer, clock }, MONTH);
    expect(stuck).toMatchObject({ sent: [], stopped: "quota", already: 40 });

    // Next day.
    clock.t += 24 * 3600 * 1000;
    mailer.quota = 100;
    const second = sendLetters({ wb, lock, mailer, clock }, MONTH);
    expect(second.stopped).toBeNull();
    expect(second.remaining).toBe(0);
    expect(second.sent).toHaveLength(emailLetters.length - 40);
    const to = mailer.sent.map((m) => m.to.join(","));
    expect(new Set(to).size).toBe(to.length);
    expect(to).toEqual(emailLetters.map((l) => l.recipient.email));
    const rows = wb.sheets.get("Письма")!.slice(1);
    expect(rows.map((r) => r[1])).toEqual(emailLetters.map((l) => l.recipient.studentId));
    expect(rows[0][2]).toEqual(new Date("2026-11-24T12:00:00Z"));
    expect(rows[rows.length - 1][2]).toEqual(new Date("2026-11-25T12:00:00Z"));
    expect(rows.every((r) => r[3] === "email")).toBe(true);

    const third = sendLetters({ wb, lock, mailer, clock }, MONTH);
    expect(third).toMatchObject({ sent: [], stopped: null, already: emailLetters.length });
  });

  it("stops when the run's time budget is spent, leaving the rest for a continuation", () => {
    const wb = demo();
    const clock = new FakeClock(NOW.getTime(), 20_000); // every look at the clock: 20 s later
    const res = sendLetters(
      { wb, lock: new CountingLock(), mailer: new FakeMailer(), clock, budgetMs: 5 * 60_000 },
      MONTH,
    );
    expect(res.stopped).toBe("time");
    expect(res.sent.length).toBeGreaterThan(0);
    expect(res.sent.length).toBeLessThan(20);
    expect(wb.sheets.get("Письма")!.length - 1).toBe(res.sent.length);
  });

  it("reports a refused address, records nothing for it, and goes on", () => {
    const wb = demo();
    const inner = new FakeMailer();
    const mailer: Mailer = {
      remainingQuota: () => inner.remainingQuota(),
      send: (to, subject, body) => {
        if (to.includes("parent002@mail.example")) throw new Error("Invalid email: parent002@mail.example");
        inner.send(to, subject, body);
      },
    };
    const res = sendLetters(
      { wb, lock: new CountingLock(), mailer, clock: new FakeClock(NOW.getTime()) },
      MONTH,
    );
    expect(res.sent).not.toContain("S002");
    expect(res.sent).toContain("S003");
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0].message.ru).toBe(
      "Письмо за 2026-10 для S002 (parent002@mail.example) не отправлено: Invalid email: parent002@mail.example",
    );
    expect(wb.sheets.get("Письма")!.some((r) => r[1] === "S002")).toBe(false);
  });

  it("checks «Письма» again under the lock: a letter recorded meanwhile by another run is not mailed", () => {
    const wb = demo();
    let n = 0;
    // The second lock taken (the first letter's send) finds S002 already recorded by someone else.
    const lock: Lock = {
      withLock: (fn) => {
        if (++n === 2)
          wb.write([
            {
              sheet: "Письма",
              create: true,
              cells: [
                {
                  row: 1,
                  col: 1,
                  values: [
                    ["Месяц", "Учащийся", "Отправлено", "Канал"],
                    ["2026-10", "S002", null, "email"],
                  ],
                },
              ],
            },
          ]);
        return fn();
      },
    };
    const mailer = new FakeMailer();
    const res = sendLetters({ wb, lock, mailer, clock: new FakeClock(NOW.getTime()) }, MONTH);
    expect(res.sent[0]).toBe("S001");
    expect(res.sent).not.toContain("S002");
    expect(mailer.sent.some((m) => m.to.includes("parent002@mail.example"))).toBe(false);
    expect(wb.sheets.get("Письма")!.filter((r) => r[1] === "S002")).toHaveLength(1);
  });
});
