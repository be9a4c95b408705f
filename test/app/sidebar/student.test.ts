import { afterEach, describe, expect, it } from "vitest";
import { normalizeClass } from "../../../src/app/sidebar/student.js";
import type { StudentFields } from "../../../src/rpc/contract.js";
import { type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

const NEW: StudentFields = {
  name: "Новикова Вера",
  className: "9a",
  status: "active",
  parent: "Новикова Анна Петровна",
  parentEmail: "anna@mail.example",
  parentPhone: "+7 921 555-01-02",
  channel: "Telegram",
  consent: "yes",
  needs: "",
  note: "",
};

const row = (t: Setup, id: string) => t.read("Учащиеся").find((r) => r[0] === id);

describe("add a student", () => {
  it("appends one row under the suggested ID with the class as «9А», and audits it", () => {
    s = setup();
    const ctx = s.server.context({});
    const before = s.read("Учащиеся").length;
    const r = s.server.studentSave({ id: ctx.nextStudentId, fields: NEW, expected: null });
    expect(r.created).toBe(true);
    expect(r.student).toMatchObject({ id: ctx.nextStudentId, row: before + 1, className: "9А" });
    expect(r.nextStudentId).not.toBe(ctx.nextStudentId);
    expect(s.read("Учащиеся")[before]).toEqual([
      ctx.nextStudentId,
      "Новикова Вера",
      "9А",
      "обучается",
      "Новикова Анна Петровна",
      "anna@mail.example",
      "+7 921 555-01-02",
      "Telegram",
      "да",
      null,
      null,
      null,
    ]);
    const audit = s.read("Аудит").at(-1)!;
    expect(audit.slice(1, 5)).toEqual([USER, "student-add", "Учащиеся", `A${before + 1}:L${before + 1}`]);
    expect(audit[6]).toBe(`${ctx.nextStudentId} Новикова Вера`);
    // The next load sees the student.
    expect(s.server.context({}).students.find((x) => x.id === ctx.nextStudentId)?.name).toBe("Новикова Вера");
  });

  it("refuses a taken ID and suggests a free one", () => {
    s = setup();
    const e = thrown(() => s!.server.studentSave({ id: "S001", fields: NEW, expected: null }));
    expect(e.code).toBe("exists");
    expect(e.msg.ru).toMatch(/ID «S001» уже занят .*свободный: S\d+/);
  });

  it("checks the class, email and phone before writing anything", () => {
    s = setup();
    const n = s.read("Учащиеся").length;
    for (const bad of [
      { className: "13Б" },
      { parentEmail: "anna@" },
      { parentPhone: "звонить маме" },
      { name: " " },
    ])
      expect(
        thrown(() => s!.server.studentSave({ id: "S900", fields: { ...NEW, ...bad }, expected: null })).code,
      ).toBe("bad-args");
    expect(s.read("Учащиеся").length).toBe(n);
  });

  it("keeps a name that looks like markup or a formula as plain text in the sheet", () => {
    s = setup();
    const xss = "<img src=x onerror=alert(1)>";
    s.server.studentSave({
      id: "S900",
      fields: { ...NEW, name: xss, parent: '=HYPERLINK("http://evil","x")' },
      expected: null,
    });
    const r = row(s, "S900")!;
    expect(r[1]).toBe(xss);
    expect(r[4]).toBe('=HYPERLINK("http://evil","x")');
    const sheet = s.fakes.spreadsheet._sheet("Учащиеся")!;
    const at = s.read("Учащиеся").findIndex((x) => x[0] === "S900") + 1;
    expect(sheet.getRange(at, 5).getFormula()).toBe("");
    expect(sheet.getRange(at, 5).getValue()).toBe('=HYPERLINK("http://evil","x")');
    // The audit row's «Стало» is text too.
    const audit = s.fakes.spreadsheet._sheet("Аудит")!;
    expect(audit.getDataRange().getFormulas().flat().join("")).toBe("");
  });
});

describe("edit a student", () => {
  it("writes only the changed cells and audits old -> new", () => {
    s = setup();
    const st = s.server.context({}).students.find((x) => x.id === "S012")!;
    const { id: _id, row: at, ...loaded } = st;
    s.fakes.reset();
    const r = s.server.studentSave({
      id: "S012",
      fields: { ...loaded, parentPhone: "+7 900 000-00-00", consent: "no" },
      expected: loaded,
    });
    expect(r.changed).toBe(2);
    expect(s.fakes.calls.count("Range.setValues")).toBe(3); // two cells + the audit rows
    const after = row(s, "S012")!;
    expect(after[6]).toBe("+7 900 000-00-00");
    expect(after[8]).toBe("нет");
    expect(after[1]).toBe(st.name);
    const audit = s.read("Аудит").slice(-2);
    expect(audit.map((x) => x.slice(2, 7))).toEqual([
      ["student-edit", "Учащиеся", `G${at}`, st.parentPhone, "+7 900 000-00-00"],
      [
        "student-edit",
        "Учащиеся",
        `I${at}`,
        st.consent === "yes" ? "да" : st.consent === "no" ? "нет" : null,
        "нет",
      ],
    ]);
  });

  it("refuses when the row changed in the sheet since the sidebar loaded it", () => {
    s = setup();
    const st = s.server.context({}).students.find((x) => x.id === "S012")!;
    const { id: _id, row: at, ...loaded } = st;
    s.fakes.spreadsheet._sheet("Учащиеся")!.getRange(at, 2).setValue("Другое Имя");
    const e = thrown(() =>
      s!.server.studentSave({ id: "S012", fields: { ...loaded, note: "x" }, expected: loaded }),
    );
    expect(e.code).toBe("conflict");
    expect(e.msg.ru).toContain("«ФИО»");
    expect(e.msg.ru).toContain(`Учащиеся!B${at}`);
    expect(row(s, "S012")![10]).toBe(st.note || null);
  });

  it("does not re-check a value kept as loaded (a hand-typed class stays)", () => {
    s = setup();
    const st = s.server.context({}).students.find((x) => x.id === "S012")!;
    s.fakes.spreadsheet._sheet("Учащиеся")!.getRange(st.row, 3).setValue("9 класс");
    const { id: _id, row: _r, ...loaded } = s.server.context({}).students.find((x) => x.id === "S012")!;
    const r = s.server.studentSave({
      id: "S012",
      fields: { ...loaded, note: "переведён" },
      expected: loaded,
    });
    expect(r.changed).toBe(1);
    expect(row(s, "S012")![2]).toBe("9 класс");
  });
});

describe("class format", () => {
  it("accepts «9а», «9 А», Latin look-alikes and a bare number; refuses the rest", () => {
    expect(["9а", "9 А", "9A", "11б", "5"].map((x) => normalizeClass(x, true))).toEqual([
      "9А",
      "9А",
      "9А",
      "11Б",
      "5",
    ]);
    expect(normalizeClass("9a", false)).toBe("9A");
    for (const bad of ["0А", "12А", "9АБ", "А9", "девятый"])
      expect(() => normalizeClass(bad, true)).toThrow();
  });
});
