import { describe, expect, it } from "vitest";
import { changesOf, editsOf, firstInvalid, peopleOf } from "../../sidebar/src/week-state.js";
import type { LessonSheet } from "../../src/rpc/contract.js";

const CTX = {
  lang: "ru" as const,
  tokens: { absent: "н", excused: "у", ill: "б", late: "оп" },
  attendanceWords: { н: "absent", у: "excused", б: "ill", оп: "late" } as const,
  words: ["н", "у", "б", "оп", "нз", "зач"],
};

const lesson = (date: string, cells: [string, string, string][]): LessonSheet => ({
  groupId: "G1",
  sheet: "Журнал G1",
  date,
  index: 1,
  options: [],
  known: true,
  column: "C",
  students: cells.map(([id, name, cell]) => ({ id, name, className: "9А", cell, reason: "" })),
  topicCell: "",
  topic: "",
  homework: "",
  hasTopicRow: true,
});

describe("the week view's changes", () => {
  it("sends only what changed, per lesson: cells with what was loaded, reasons of absences, topics", () => {
    const lessons = [
      lesson("2026-11-16", [
        ["S2", "Борисов", ""],
        ["S1", "Антонов", "5"],
      ]),
      lesson("2026-11-18", [["S1", "Антонов", ""]]),
    ];
    expect(peopleOf(lessons)).toEqual([
      ["S1", "Антонов"],
      ["S2", "Борисов"],
    ]);
    const e = editsOf({ groupId: "G1", monday: "2026-11-16", lessons });
    expect(changesOf(lessons, e, CTX)).toEqual([]);
    e.cells["0:S2"] = "н";
    e.reasons["0:S2"] = " болел ";
    e.reasons["1:S1"] = "не отсутствовал"; // a reason for a present cell is not sent
    e.topics[1] = { topic: "Дроби", homework: "" };
    expect(changesOf(lessons, e, CTX)).toEqual([
      {
        date: "2026-11-16",
        index: 1,
        values: { S2: "н" },
        expected: { S2: "" },
        reasons: { S2: "болел" },
        topic: null,
      },
      {
        date: "2026-11-18",
        index: 1,
        values: {},
        expected: {},
        reasons: {},
        topic: { expected: "", topic: "Дроби", homework: "" },
      },
    ]);
    expect(firstInvalid(lessons, e, CTX)).toBeNull();
    e.cells["1:S1"] = "7";
    expect(firstInvalid(lessons, e, CTX)).toEqual({ name: "Антонов", date: "2026-11-18", value: "7" });
  });
});
