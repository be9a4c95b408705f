import { describe, expect, it } from "vitest";
import { lettersTabOf, parseSent, sentStudents, sentWrite } from "../../../src/core/letters/sent.js";

const AT = new Date("2026-11-24T12:30:00Z");

describe("«Письма»: the record of sent letters", () => {
  it("is found in either language and read in any column order; a typed date month counts", () => {
    expect(lettersTabOf(["Учащиеся", " письма "])).toBe(" письма ");
    expect(lettersTabOf(["Letters"])).toBe("Letters");
    expect(lettersTabOf(["Письма родителям"])).toBeUndefined();
    const { rows, columns, issues } = parseSent("Письма", [
      ["Канал", "Учащийся", "Заметка", "Месяц", "Отправлено"],
      ["email", "S1", "x", "2026-11", AT],
      [null, null, null, null, null],
      ["csv", "S2", null, new Date("2026-11-01T00:00:00Z"), AT],
      ["email", "S3", null, "2026.10", AT],
    ]);
    expect(issues).toEqual([]);
    expect(columns).toEqual({ channel: 1, studentId: 2, month: 4, sentAt: 5 });
    expect(rows.map((r) => [r.row, r.month, r.studentId, r.channel])).toEqual([
      [2, "2026-11", "S1", "email"],
      [4, "2026-11", "S2", "csv"],
      [5, "2026-10", "S3", "email"],
    ]);
    expect([...sentStudents(rows, "2026-11")]).toEqual(["S1", "S2"]);
  });

  it("reports a sheet without its key columns instead of guessing", () => {
    const { rows, issues } = parseSent("Письма", [["Кому"], ["S1"]]);
    expect(rows).toEqual([]);
    expect(issues[0]).toMatchObject({ sheet: "Письма", cell: "A1", code: "missing-column" });
  });

  it("creates the hidden sheet with its header, or appends in the sheet's own order", () => {
    const letter = { month: "2026-11", studentId: "S1", sentAt: AT, channel: "email" as const };
    expect(sentWrite([], undefined, {}, "ru")).toBeNull();
    expect(sentWrite([letter], undefined, {}, "en")).toEqual({
      sheet: "Letters",
      create: true,
      hidden: true,
      frozenRows: 1,
      boldRows: 1,
      cells: [
        { row: 1, col: 1, values: [["Month"]] },
        { row: 1, col: 2, values: [["Student"]] },
        { row: 1, col: 3, values: [["Sent at"]] },
        { row: 1, col: 4, values: [["Channel"]] },
      ],
      append: [["2026-11", "S1", AT, "email"]],
    });
    expect(sentWrite([letter], "Письма", { channel: 1, studentId: 2, month: 4, sentAt: 5 }, "ru")).toEqual({
      sheet: "Письма",
      cells: [],
      append: [["email", "S1", null, "2026-11", AT]],
    });
  });
});
