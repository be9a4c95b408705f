import { describe, expect, it } from "vitest";
import { lessonWriteRefusal, writerOf } from "../../../src/core/access/lesson.js";
import type { Staff } from "../../../src/core/records.js";

const staff = (id: string, role: Staff["role"], email: string): Staff =>
  ({ id, role, email, name: id, phone: "", subjects: "", row: 2 }) as Staff;
const STAFF = [
  staff("T01", "teacher", "T01@x.ru"),
  staff("R01", "tutor", "r01@x.ru"),
  staff("K01", "coordinator", "k@x.ru"),
];
const G = { id: "G01", teacherId: "T01", tutorId: "R01" };
const TODAY = "2026-11-23";

describe("who may write a lesson", () => {
  it("lets the group's teacher and tutor save today and earlier, matching the email case-insensitively", () => {
    expect(lessonWriteRefusal(writerOf(STAFF, "t01@X.RU"), G, TODAY, TODAY)).toBeNull();
    expect(lessonWriteRefusal(writerOf(STAFF, "r01@x.ru"), G, "2026-09-01", TODAY)).toBeNull();
  });

  it("refuses another group and a later day, naming the rule", () => {
    const other = lessonWriteRefusal(
      writerOf(STAFF, "r01@x.ru"),
      { ...G, id: "G05", tutorId: "R02" },
      TODAY,
      TODAY,
    );
    expect(other?.ru).toMatch(
      /^Правило доступа: учитель и тьютор заполняют журнал только своих групп\. Группа G05/,
    );
    const ahead = lessonWriteRefusal(writerOf(STAFF, "r01@x.ru"), G, "2026-11-24", TODAY);
    expect(ahead?.en).toBe(
      "Access rule: a lesson is entered on its day or later. The lesson of 2026-11-24 is still ahead (today is 2026-11-23)",
    );
  });

  it("lets a coordinator save any group on any day; refuses someone not on the staff sheet", () => {
    expect(
      lessonWriteRefusal(
        writerOf(STAFF, "k@x.ru"),
        { ...G, id: "G09", teacherId: "", tutorId: "" },
        "2026-12-01",
        TODAY,
      ),
    ).toBeNull();
    expect(lessonWriteRefusal(writerOf(STAFF, ""), G, TODAY, TODAY)?.ru).toContain("(не известен) там нет");
  });
});
