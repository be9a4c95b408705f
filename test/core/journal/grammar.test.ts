import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JOURNAL_CELL_PATTERN, parseJournalCell } from "../../../src/core/journal/grammar.js";
import { parseJournal } from "../../../src/core/journal/parse.js";

const ok = (v: Parameters<typeof parseJournalCell>[0]) => {
  const c = parseJournalCell(v);
  if (!c.ok) throw new Error(`not ok: ${String(v)}`);
  return [c.attendance, c.marks, c.pass];
};

describe("journal cell grammar", () => {
  it.each([
    [null, "present", [], null],
    ["", "present", [], null],
    ["   ", "present", [], null],
    ["5", "present", [5], null],
    [4, "present", [4], null],
    ["4+", "present", [4], null],
    [" 3- ", "present", [3], null],
    ["5/4", "present", [5, 4], null],
    ["5+ / 4-", "present", [5, 4], null],
    ["зач", "present", [], true],
    ["PASS", "present", [], true],
    ["незач", "present", [], false],
    ["fail", "present", [], false],
    ["н", "absent", [], null],
    ["Н", "absent", [], null],
    ["a", "absent", [], null],
    ["у", "excused", [], null],
    ["E", "excused", [], null],
    ["б", "ill", [], null],
    ["s", "ill", [], null],
    ["оп", "late", [], null],
    ["L", "late", [], null],
    ["осв", "exempt", [], null],
    ["x", "exempt", [], null],
    ["нз", "present", [], null],
    ["оп 4", "late", [4], null],
    ["L  5/4", "late", [5, 4], null],
  ])("%j reads as %s %j %j", (v, attendance, marks, pass) => {
    expect(ok(v)).toEqual([attendance, marks, pass]);
  });

  it.each([
    ["нз", true, []],
    ["M", true, []],
    ["нз 2", true, [2]],
    ["m 3-", true, [3]],
    ["оп 4", false, [4]],
    ["5", false, [5]],
    ["н", false, []],
  ])("%j: assignment missing %s, marks %j", (v, missing, marks) => {
    const c = parseJournalCell(v);
    expect(c.ok && [c.assignmentMissing, c.marks]).toEqual([missing, marks]);
  });

  it.each(["н 4", "осв 5", "оп нз", "4 оп", "нз зач"])("%j combines a code that cannot hold a mark", (v) => {
    expect(parseJournalCell(v)).toEqual({ ok: false, text: v });
  });

  it.each(["6", "0", "5//4", "нн", "4.5", "отл", "=1+1", "5/4/3", "++"])("%j is not in the grammar", (v) => {
    expect(parseJournalCell(v)).toEqual({ ok: false, text: v });
  });

  it("numbers that are not marks and booleans are invalid, kept as typed", () => {
    expect(parseJournalCell(4.5)).toEqual({ ok: false, text: "4.5" });
    expect(parseJournalCell(true)).toEqual({ ok: false, text: "true" });
  });

  it("the validation pattern accepts exactly the valid non-blank tokens", () => {
    const re = new RegExp(JOURNAL_CELL_PATTERN.replace("(?i)", ""), "i");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 5 }),
          fc.constantFrom(
            "5",
            "4-",
            "5/4",
            "зач",
            "Н",
            "осв",
            "x",
            " l ",
            "нн",
            "6",
            "нз",
            "оп 4",
            "нз 2/3",
            "н 4",
            "m5",
          ),
        ),
        (s) => {
          if (s.trim() === "") return;
          expect(re.test(s)).toBe(parseJournalCell(s).ok);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("fuzz: random cell text never throws; every unknown token becomes an issue at its address", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)), {
          minLength: 1,
          maxLength: 10,
        }),
        (cells) => {
          const values = [
            ["ID", "Учащийся", ...cells.map((_, i) => `${String(i + 1).padStart(2, "0")}.09.2026`)],
            ["S1", "A", ...cells],
          ];
          const j = parseJournal("Журнал G01", values);
          const bad = cells.map((c, i) => ({ c, i })).filter(({ c }) => !parseJournalCell(c).ok);
          expect(j.issues.filter((x) => x.code === "bad-token").map((x) => x.cell)).toEqual(
            bad.map(({ i }) => `${String.fromCharCode(67 + i)}2`),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("journal topic row", () => {
  it("is recognised under the ID column even when ID is not column A", () => {
    const j = parseJournal("Журнал G01", [
      ["Учащийся", "ID", "01.09.2026"],
      [null, "Тема", "Дроби"],
      ["Иванов", "S1", "5"],
    ]);
    expect(j.hasTopicRow).toBe(true);
    expect(j.rows.map((r) => r.studentId)).toEqual(["S1"]);
    expect(j.columns[0].topic).toBe("Дроби");
  });
});
