import { describe, expect, it } from "vitest";
import { mergeReload, parseCell, tokenOf, tokenOk } from "../../sidebar/src/cells.js";

const RU = {
  lang: "ru" as const,
  tokens: { absent: "н", excused: "у", ill: "б", late: "оп" },
  attendanceWords: {
    н: "absent",
    a: "absent",
    у: "excused",
    e: "excused",
    б: "ill",
    s: "ill",
    оп: "late",
    l: "late",
  } as const,
  words: ["зач", "незач", "pass", "fail", "н", "a", "у", "e", "б", "s", "оп", "l", "осв", "x", "нз", "m"],
};

describe("a journal cell in the lesson flow", () => {
  it("reads codes, marks, нз and a code with a mark, and writes the same token back", () => {
    for (const t of ["5", "н", "б", "оп", "оп 4", "нз", "нз 3", "4+", "зач", ""])
      expect(tokenOf(parseCell(t, RU), RU)).toBe(t);
    expect(parseCell("НЗ  2", RU)).toEqual({ att: "present", mark: "2", missing: true });
    expect(parseCell("l 5", RU)).toEqual({ att: "late", mark: "5", missing: false });
    // An away student has no mark and no «нз», whatever was typed before.
    expect(tokenOf({ att: "ill", mark: "5", missing: true }, RU)).toBe("б");
    expect(tokenOf({ att: "present", mark: "3", missing: true }, { ...RU, lang: "en" })).toBe("m 3");
  });

  it("accepts a whole typed token only when it is in the grammar", () => {
    for (const t of ["5", "5/4", "нз", "нз 2", "оп 4", "m 3", "осв"]) expect(tokenOk(t, RU), t).toBe(true);
    for (const t of ["6", "н 5", "нз нз", "=1+1", "оп4x"]) expect(tokenOk(t, RU), t).toBe(false);
  });

  it("keeps other edits on reload after a conflict; takes the other person's value where they wrote", () => {
    const row = (id: string, loaded: string, touched = false, reason = "") => ({
      id,
      loaded,
      loadedReason: "",
      touched,
      reason,
      value: touched ? "edited" : loaded,
    });
    const mine = [row("S1", "", true), row("S2", "", true), row("S3", "5"), row("S4", "н", false, "болел")];
    const fresh = [row("S1", ""), row("S2", "4"), row("S3", "3"), row("S4", "н")];
    const m = mergeReload(mine, fresh);
    expect(m.rows.map((r) => r.value)).toEqual(["edited", "4", "3", "н"]);
    expect(m.rows[3].reason).toBe("болел");
    expect([m.kept, m.replaced]).toEqual([2, ["S2"]]);
  });
});
