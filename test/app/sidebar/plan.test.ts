/** Issue 17: the sidebar's «Индивидуальный план» and «Достижение» over the fakes. */
import { afterEach, describe, expect, it } from "vitest";
import type { PlanLineRequest } from "../../../src/rpc/contract.js";
import { type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

const line = (over: Partial<PlanLineRequest> = {}): PlanLineRequest => ({
  row: null,
  studentId: "S001",
  subject: "Английский язык",
  hours: 3,
  form: "очно",
  groupId: "",
  from: "2026-12-01",
  to: "2027-05-31",
  basis: "приказ № 51",
  note: "",
  reason: "",
  ...over,
});

describe("«Индивидуальный план»", () => {
  it("checks the load before saving and refuses an overload, writing nothing", () => {
    s = setup();
    const check = s.server.planCheck(line({ hours: 20 }));
    // S001 (5А) has 12 classroom hours; 20 more is 32 > 29.
    expect(check.load).toEqual({ total: 32, max: 29 });
    expect(check.issues.map((i) => i.severity + " " + i.message.ru)).toEqual([
      expect.stringMatching(/^error Недельная нагрузка S001 \(5 класс\) — 32 ч, больше допустимых 29/),
    ]);
    const before = s.read("ИУП").length;
    expect(thrown(() => s!.server.planSave(line({ hours: 20 }))).msg.ru).toMatch(
      /^Не сохранено: ИУП!C\d+: Недельная нагрузка/,
    );
    expect(s.read("ИУП").length).toBe(before);
  });

  it("adds a line that fits, audited", () => {
    s = setup();
    const before = s.read("ИУП").length;
    const r = s.server.planSave(line());
    expect(r.row).toBe(before + 1);
    expect(r.load).toEqual({ total: 15, max: 29 });
    expect(s.read("ИУП")[before].slice(0, 5)).toEqual(["S001", "Английский язык", 3, "очно", null]);
    expect(s.read("Аудит").at(-1)!.slice(1, 3)).toEqual([USER, "plan-add"]);
  });

  it("corrects a line: the changed cell, the stamp and reason, a log row and old → new in «Аудит»", () => {
    s = setup();
    const plan = s.read("ИУП");
    const row = plan.findIndex((r) => r[0] === "S001" && r[1] === "Русский язык") + 1;
    const [, subject, , form, , from, to, basis] = plan[row - 1];
    const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);
    const req = line({
      row,
      subject: String(subject),
      hours: 3,
      form: String(form),
      from: iso(from),
      to: iso(to),
      basis: String(basis),
      reason: "заявление родителей от 20.11.2026",
    });
    expect(thrown(() => s!.server.planSave({ ...req, reason: "" })).msg.ru).toBe(
      "Заполните поле «Причина корректировки»",
    );
    const r = s.server.planSave(req);
    expect(r.changed).toEqual(["Часов в неделю"]);
    const after = s.read("ИУП")[row - 1];
    expect(after[2]).toBe(3);
    expect(after[9]).toEqual(new Date("2026-11-23T00:00:00Z"));
    expect(after[10]).toBe("заявление родителей от 20.11.2026");
    expect(s.read("Корректировки ИУП").at(-1)).toEqual([
      new Date("2026-11-23T00:00:00Z"),
      "S001",
      "Русский язык",
      row,
      "Часов в неделю",
      "4",
      "3",
      "заявление родителей от 20.11.2026",
      USER,
    ]);
    const audit = s
      .read("Аудит")
      .slice(-3)
      .map((a) => a.slice(2, 7));
    expect(audit[0]).toEqual(["plan-correct", "ИУП", `C${row}`, "4", "3"]);
    expect(audit[2]).toEqual(["plan-correct", "ИУП", `K${row}`, null, "заявление родителей от 20.11.2026"]);
    expect(thrown(() => s!.server.planSave(req)).msg.ru).toBe("Ничего не изменилось");
  });
});

describe("«Достижение»", () => {
  it("appends a portfolio entry with the level and result in the workbook's words, audited", () => {
    s = setup();
    const before = s.read("Портфолио").length;
    const r = s.server.achievementAdd({
      studentId: "S002",
      date: "2026-11-21",
      kind: "конкурс",
      title: "Конкурс чтецов",
      level: "municipal",
      result: "призер",
      link: '=HYPERLINK("http://x")',
      confirmedBy: "T06",
    });
    expect(r.row).toBe(before + 1);
    const row = s.read("Портфолио")[before];
    expect(row.slice(0, 6)).toEqual([
      "S002",
      new Date("2026-11-21T00:00:00Z"),
      "конкурс",
      "Конкурс чтецов",
      "муниципальный",
      "призёр",
    ]);
    // Stored as the text typed (the adapter neutralises it), not as a formula.
    expect(row[6]).toBe('=HYPERLINK("http://x")');
    const sheet = s.fakes.spreadsheet._sheet("Портфолио")!;
    expect(sheet.getRange(before + 1, 7).getFormula()).toBe("");
    expect(s.read("Аудит").at(-1)!.slice(2, 4)).toEqual(["achievement", "Портфолио"]);
    const bad = thrown(() =>
      s!.server.achievementAdd({
        studentId: "S002",
        date: "2026-11-21",
        kind: "",
        title: "X",
        level: "галактический",
        result: "",
        link: "",
        confirmedBy: "",
      }),
    );
    expect(bad.msg.ru).toBe("«Уровень»: «галактический» — нет такого значения");
  });
});
