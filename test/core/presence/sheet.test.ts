import { describe, expect, it } from "vitest";
import { emptyModel } from "../../../src/core/model.js";
import {
  mergePresence,
  presenceValues,
  readPresence,
  verdictText,
} from "../../../src/core/presence/sheet.js";
import type { PresenceRow } from "../../../src/core/presence/types.js";
import { DEFAULT_SETTINGS } from "../../../src/core/records.js";

const base: PresenceRow = {
  date: "2026-11-30",
  groupId: "G01",
  index: 1,
  start: "10:00",
  end: "10:45",
  personId: "S001",
  role: "student",
  login: "",
  minutes: 30,
  firstJoin: "10:15",
  lastLeave: "10:45",
  verdict: "late",
  lateBy: 15,
  sources: "zoom",
};

describe("«Присутствие в СДО»", () => {
  it("merging the same rows again gives the same rows", () => {
    const once = mergePresence([], [base]);
    expect(mergePresence(once, [base])).toEqual(once);
  });

  it("a second service's log of the same lesson keeps the earliest join and the longest stay", () => {
    const moodle: PresenceRow = {
      ...base,
      minutes: 10,
      firstJoin: "10:02",
      lastLeave: "10:12",
      lateBy: 0,
      verdict: "present",
      sources: "moodle",
    };
    const [m] = mergePresence([base], [moodle]);
    expect(m).toMatchObject({
      firstJoin: "10:02",
      lastLeave: "10:45",
      minutes: 30,
      verdict: "present",
      sources: "moodle, zoom",
    });
  });

  it("an absence in one log does not undo a presence in another", () => {
    const absent: PresenceRow = {
      ...base,
      minutes: 0,
      firstJoin: "",
      lastLeave: "",
      verdict: "absent",
      lateBy: 0,
      sources: "",
    };
    expect(mergePresence([base], [absent])[0]).toMatchObject({ verdict: "late", lateBy: 15 });
    expect(mergePresence([absent], [base])[0]).toMatchObject({ verdict: "late", lateBy: 15 });
  });

  it("reads back what it writes, in either language; a student's name only with consent", () => {
    const model = emptyModel(DEFAULT_SETTINGS);
    model.students = [
      {
        row: 2,
        id: "S001",
        name: "Иванов Иван",
        className: "",
        status: null,
        parent: "",
        parentEmail: "",
        parentPhone: "",
        channel: "",
        consent: false,
        needs: "",
        note: "",
      },
    ];
    for (const lang of ["ru", "en"] as const) {
      const values = presenceValues([base], model, lang);
      expect(values[1][7]).toBe("");
      expect(values[1][12]).toBe(verdictText(base, lang));
      expect(readPresence("P", values as never).rows).toEqual([base]);
    }
    expect(verdictText(base, "ru")).toBe("опоздал на 15 мин");
    expect(verdictText(base, "en")).toBe("late by 15 min");
  });
});
