import { afterEach, describe, expect, it } from "vitest";
import type { ChangeRequest } from "../../../src/rpc/contract.js";
import { type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

const EXTRA: ChangeRequest = {
  date: "2026-11-24",
  groupId: "G01",
  kind: "extra",
  start: "14:00",
  end: "14:45",
  newDate: "",
  reason: "Подготовка к контрольной",
};

describe("a schedule change", () => {
  it("shows the conflicts it adds and the notice text before anything is saved", () => {
    s = setup();
    const before = s.read("Изменения расписания").length;
    // Tuesday 14:00 is G02's lesson: tutor R01 and the 9th-graders in both groups are busy.
    const r = s.server.changeCheck(EXTRA);
    expect(r.conflicts.length).toBeGreaterThan(0);
    const texts = r.conflicts.map((c) => c.message.ru).join("\n");
    expect(texts).toContain("R01");
    expect(texts).toMatch(/G01 и G02|G02 и G01/);
    expect(r.conflicts[0].cell).toMatch(/^(Расписание|'Изменения расписания')?.*![A-Z]+\d+$/);
    expect(r.notice).toBe(
      "Группа G01 «Математика 9 (углублённая)»: дополнительный урок 24.11.2026, 14:00–14:45. Причина: Подготовка к контрольной. " +
        `Касается: преподаватель Кузнецова Ольга Викторовна, тьютор Волкова Анастасия Игоревна, ${
          s.server.lessonLoad({ groupId: "G01", date: "2026-11-24" }).students.length
        } учащихся.`,
    );
    expect(s.read("Изменения расписания").length).toBe(before);
  });

  it("reports none for a change that fits, and a cancel of a lesson that is not there", () => {
    s = setup();
    expect(s.server.changeCheck({ ...EXTRA, start: "19:00", end: "19:45" }).conflicts).toEqual([]);
    const none = s.server.changeCheck({ ...EXTRA, kind: "cancel", start: "", end: "" });
    expect(none.conflicts.map((c) => c.message.en).join()).toContain("group G01 has no lesson on 2026-11-24");
  });

  it("saves one row (kind in the workbook's language, «Сообщено» blank) and audits the notice", () => {
    s = setup();
    const before = s.read("Изменения расписания").length;
    const r = s.server.changeSave({
      ...EXTRA,
      kind: "move",
      date: "2026-11-25",
      newDate: "2026-11-26",
      start: "",
      end: "",
    });
    expect(r.row).toBe(before + 1);
    expect(s.read("Изменения расписания")[before]).toEqual([
      new Date("2026-11-25T00:00:00Z"),
      "G01",
      "перенос",
      null,
      null,
      new Date("2026-11-26T00:00:00Z"),
      "Подготовка к контрольной",
      null,
    ]);
    expect(r.notice).toContain("урок 25.11.2026 (14:00–14:45) перенесён на 26.11.2026, 14:00–14:45");
    expect(s.read("Аудит").at(-1)!.slice(1, 7)).toEqual([
      USER,
      "schedule-change",
      "Изменения расписания",
      `A${before + 1}:H${before + 1}`,
      null,
      r.notice,
    ]);
    // The lesson moved: the journal's lesson list now offers 26.11 and not 25.11.
    const opts = s.server.lessonLoad({ groupId: "G01" }).options.map((o) => o.date);
    expect(opts).toContain("2026-11-26");
    expect(opts).not.toContain("2026-11-25");
  });

  it("checks what each kind needs", () => {
    s = setup();
    expect(thrown(() => s!.server.changeCheck({ ...EXTRA, start: "" })).msg.ru).toContain(
      "начало и окончание",
    );
    expect(thrown(() => s!.server.changeCheck({ ...EXTRA, kind: "move" })).msg.en).toContain("new date");
    expect(thrown(() => s!.server.changeCheck({ ...EXTRA, end: "13:00" })).msg.en).toContain(
      "after the start",
    );
    expect(thrown(() => s!.server.changeCheck({ ...EXTRA, start: "25:00" })).code).toBe("bad-args");
    expect(thrown(() => s!.server.changeCheck({ ...EXTRA, groupId: "G77" })).code).toBe("not-found");
    expect(thrown(() => s!.server.changeCheck({ ...EXTRA, kind: "holiday" as never })).code).toBe("bad-args");
  });
});
