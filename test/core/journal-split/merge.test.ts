import { describe, expect, it } from "vitest";
import { mergeCells } from "../../../src/core/journal-split/merge.js";

describe("mergeCells: the three-way merge of journal cells", () => {
  const base = new Map([
    ["a", "5"],
    ["b", "4"],
    ["c", "н"],
    ["d", "3"],
  ]);
  const master = new Map<string, string | number | null>([
    ["a", 5], // same as base and journal (number vs text)
    ["b", "4"], // unchanged here, changed in the journal
    ["c", "б"], // changed here only
    ["d", "2"], // changed here…
    ["e", "5"], // new in the master: the journal has no such cell
    ["f", null], // blank everywhere
  ]);
  const journal = new Map<string, string | number | null>([
    ["a", "5"],
    ["b", "3"],
    ["c", "н"],
    ["d", "1"], // …and there: conflict
    ["f", null],
    ["z", "5"], // unknown to the master: ignored
  ]);
  const m = mergeCells(base, master, journal);

  it("applies journal-only changes, pushes master-only changes and new cells", () => {
    expect(m.toMaster).toEqual([{ key: "b", old: "4", value: "3" }]);
    expect(m.toJournal).toEqual([
      { key: "c", old: "н", value: "б" },
      { key: "e", old: null, value: "5" },
    ]);
  });

  it("lists a cell changed on both sides, keeps its base, drops blanks and unknown keys from the base", () => {
    expect(m.conflicts).toEqual([{ key: "d", base: "3", master: "2", journal: "1" }]);
    expect([...m.base]).toEqual([
      ["a", "5"],
      ["b", "3"],
      ["c", "б"],
      ["d", "3"],
      ["e", "5"],
    ]);
  });

  it("a blank base and two different values is a conflict, the same value is not", () => {
    const r = mergeCells(
      new Map(),
      new Map([
        ["x", "5"],
        ["y", "4"],
      ]),
      new Map([
        ["x", "4"],
        ["y", "4"],
      ]),
    );
    expect(r.conflicts.map((c) => c.key)).toEqual(["x"]);
    expect(r.toMaster).toEqual([]);
    expect(r.toJournal).toEqual([]);
  });
});
