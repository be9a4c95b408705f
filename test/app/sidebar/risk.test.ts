import { afterEach, describe, expect, it } from "vitest";
import { demoSheets, type Setup, setup } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

describe("the at-risk list", () => {
  it("lists the tutor's groups only, with the reason, and drafts only with consent and a contact", () => {
    s = setup();
    const r = s.server.riskList({ date: "2026-10-15" });
    expect(r).toMatchObject({ month: "2026-10", until: "2026-10-31", all: false });
    expect(r.items.length).toBeGreaterThan(0);
    const own = s.server
      .context({})
      .groups.filter((g) => g.mine)
      .map((g) => g.id);
    expect(r.items.every((x) => own.includes(x.groupId))).toBe(true);
    for (const x of r.items) {
      expect(x.why.ru.length).toBeGreaterThan(5);
      const st = s.server.context({}).students.find((y) => y.id === x.studentId)!;
      if (st.consent !== "yes")
        expect([x.draft, x.noDraft?.ru]).toEqual([null, expect.stringContaining("нет согласия")]);
      else if (x.draft) {
        expect(x.draft.to).toBe(st.parentEmail || st.parentPhone);
        expect(x.draft.text).toContain(x.why.ru);
      }
    }
    if (r.items.some((x) => x.reasons.includes("absences")))
      expect(r.items.find((x) => x.reasons.includes("absences"))!.why.ru).toMatch(
        /пропущено \d+ из \d+ уроков/,
      );
  });

  it("lists every group for a coordinator", () => {
    s = setup(demoSheets(), "k01@school7.example");
    const r = s.server.riskList({ date: "2026-10-15" });
    expect(r.all).toBe(true);
    expect(new Set(r.items.map((x) => x.groupId)).size).toBeGreaterThan(3);
  });
});
