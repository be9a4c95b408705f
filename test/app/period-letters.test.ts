/** Period letters on the hand-made two-quarter workbook: own child only, quota-aware, never twice. */
import { describe, expect, it } from "vitest";
import { planPeriodLetters, sendPeriodLetters } from "../../src/app/period-letters.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../fixtures/attestation/two-quarters.xlsx", import.meta.url).pathname;

function mailer(quota: number) {
  const sent: { to: readonly string[]; subject: string; body: string }[] = [];
  return {
    sent,
    remainingQuota: () => quota - sent.length,
    send: (to: readonly string[], subject: string, body: string) => {
      sent.push({ to, subject, body });
    },
  };
}

describe("period letters to parents", () => {
  it("tell a family only their own child's marks and results", async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const plan = planPeriodLetters(wb, "1 четверть")!;
    // S3 has no data consent: no letter.
    expect(plan.letters.map((l) => l.recipient.studentId)).toEqual(["S1", "S2"]);
    const s1 = plan.letters[0];
    expect(s1.subject).toBe("Итоги периода «1 четверть» — Антонов Антон");
    expect(s1.body).toContain("• Математика — За период: 4; Аттестация: 5; Итоговая: 5");
    expect(s1.body).toContain("• Физика — За период: 5; Аттестация: 4; Итоговая: 4");
    for (const other of ["S2", "Борисова", "S3", "Волков", "borisova@"]) expect(s1.body).not.toContain(other);
    // The override typed by the coordinator is what the family sees.
    expect(plan.letters[1].body).toContain("• Математика — За период: 3; Аттестация: 2; Итоговая: 4");
  });

  it("stop at the mail quota, record the sent-at, and never mail a family twice", async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const clock = { now: () => new Date("2026-12-20T09:00:00Z") };
    const lock = { withLock: <T>(fn: () => T) => fn() };
    const first = mailer(1);
    const r1 = sendPeriodLetters({ wb, lock, clock, mailer: first }, "1 четверть")!;
    expect(r1).toMatchObject({ sent: ["S1"], remaining: 1, stopped: "quota" });
    expect(first.sent.map((m) => m.to)).toEqual([["antonov@parents.example"]]);
    const second = mailer(10);
    const r2 = sendPeriodLetters({ wb, lock, clock, mailer: second }, "1 четверть")!;
    expect(r2).toMatchObject({ sent: ["S2"], remaining: 0, stopped: null, already: 1 });
    const third = mailer(10);
    expect(sendPeriodLetters({ wb, lock, clock, mailer: third }, "1 четверть")!.sent).toEqual([]);
    expect(third.sent).toEqual([]);
    const rows = wb.read(["Письма"]).get("Письма")!.values;
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ["Итоги 1 четверть", "S1", "email"],
      ["Итоги 1 четверть", "S2", "email"],
    ]);
    // The sent-at is the workbook's wall-clock time (Europe/Moscow).
    expect((rows[1][2] as Date).toISOString()).toBe("2026-12-20T12:00:00.000Z");
    // The second quarter is a letter of its own.
    expect(planPeriodLetters(wb, "2 четверть")!.letters.map((l) => l.recipient.studentId)).toEqual([
      "S1",
      "S2",
    ]);
  });
});
