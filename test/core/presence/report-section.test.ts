import { describe, expect, it } from "vitest";
import { loadWorkbook } from "../../../src/app/load.js";
import { importPresence, presenceRowsIn } from "../../../src/app/presence.js";
import { compileMonth } from "../../../src/app/report.js";
import { presenceReportBlocks } from "../../../src/core/presence/report-section.js";
import type { TableBlock } from "../../../src/core/report/model.js";
import { presenceWorkbook, weekFiles } from "../../support/presence-school.js";

function week() {
  const wb = presenceWorkbook();
  importPresence(wb, weekFiles(), { apply: false, now: new Date("2026-12-05T09:00:00Z"), who: "t" });
  const loaded = loadWorkbook(wb);
  return { ...loaded, rows: presenceRowsIn(loaded.model, loaded.tables) };
}

describe("«Присутствие преподавателей по расписанию»", () => {
  it("November: the teacher late on the 30th; G01's journal agrees with the log on 2 of 4 marks", () => {
    const { model, rows } = week();
    const blocks = presenceReportBlocks(model, rows, "2026-11", "ru");
    expect(blocks[0]).toEqual({
      kind: "heading",
      level: 2,
      text: "Присутствие преподавателей по расписанию",
    });
    const [staff, groups] = blocks.filter((b): b is TableBlock => b.kind === "table");
    expect(staff.rows).toEqual([
      ["Смирнова Ольга", "преподаватель", "1", "1", "0", "30.11 G01 +12 мин"],
      ["Орлов Илья", "тьютор", "1", "0", "0", ""],
    ]);
    expect(groups.rows).toEqual([["G01", "1", "4", "50,0", "1", "1", "0"]]);
  });

  it("December, in English: Thursday's G02 lesson has no journal column", () => {
    const { model, rows } = week();
    const [staff, groups] = presenceReportBlocks(model, rows, "2026-12", "en").filter(
      (b): b is TableBlock => b.kind === "table",
    );
    expect(staff.header[0]).toBe("Staff member");
    expect(staff.rows).toEqual([
      ["Смирнова Ольга", "teacher", "2", "1", "0", "12-04 G03 +20 min"],
      ["Орлов Илья", "tutor", "1", "0", "0", ""],
      ["Волков Андрей", "teacher", "2", "0", "0", ""],
    ]);
    expect(groups.rows).toEqual([
      ["G01", "1", "4", "100.0", "0", "0", "0"],
      ["G02", "2", "4", "75.0", "1", "0", "1"],
      ["G03", "1", "2", "50.0", "1", "0", "0"],
    ]);
  });

  it("a month without logs gives no section; the monthly report carries it when rows are passed", () => {
    const { model, names, rows } = week();
    expect(presenceReportBlocks(model, rows, "2026-10", "ru")).toEqual([]);
    const run = compileMonth(model, names, "2026-12", new Date("2026-12-05T09:00:00Z"), {
      lang: "ru",
      presence: rows,
    });
    const at = run.doc.blocks.findIndex(
      (b) => b.kind === "heading" && b.text === "Присутствие преподавателей по расписанию",
    );
    expect(at).toBeGreaterThan(0);
    const without = compileMonth(model, names, "2026-12", new Date("2026-12-05T09:00:00Z"), { lang: "ru" });
    expect(without.doc.blocks).toHaveLength(at);
  });
});
