import { describe, expect, it } from "vitest";
import { readAbsenceReasons, reasonLinesByPair, reasonsInMonth } from "../../../src/core/absence/reasons.js";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("absence reasons", () => {
  it("keeps the latest entry per student, group and date; a blank one withdraws it; any column order", () => {
    const r = readAbsenceReasons("Absence reasons", [
      ["Reason", "Student", "Group", "Date", "Entered by", "At"],
      ["болел", "S1", "G01", d("2026-11-16"), "a@x", null],
      ["соревнования", "S2", "G01", d("2026-11-18"), "a@x", null],
      ["справка", "S1", "G01", d("2026-11-16"), "b@x", null],
      ["", "S2", "G01", d("2026-11-18"), "b@x", null],
      ["уехал", "S3", "G02", d("2026-10-30"), "b@x", null],
    ]);
    expect(r.list.map((x) => [x.studentId, x.date, x.reason, x.enteredBy, x.row])).toEqual([
      ["S1", "2026-11-16", "справка", "b@x", 4],
      ["S3", "2026-10-30", "уехал", "b@x", 6],
    ]);
    expect(r.byKey.get("S1|G01|2026-11-16")?.reason).toBe("справка");
    expect(reasonsInMonth(r, "2026-10").map((x) => x.studentId)).toEqual(["S3"]);
    expect(readAbsenceReasons("x", []).list).toEqual([]);
  });

  it("gives the report's hook its lines per student and group, by date", () => {
    const r = readAbsenceReasons("Причины пропусков", [
      ["Учащийся", "Группа", "Дата", "Причина"],
      ["S1", "G01", d("2026-11-18"), "справка"],
      ["S1", "G01", d("2026-11-09"), "соревнования"],
      ["S1", "G02", d("2026-11-09"), "другое"],
      ["S1", "G01", d("2026-10-01"), "не тот месяц"],
    ]);
    const m = reasonLinesByPair(r, "2026-11", "ru");
    expect(m.get("S1|G01")).toEqual(["09.11 — соревнования", "18.11 — справка"]);
    expect(m.get("S1|G02")).toEqual(["09.11 — другое"]);
  });
});
