/**
 * The sidebar: the size of the one HTML file HtmlService serves, and the Apps Script service
 * calls of one lesson save (through the fakes, SheetsWorkbook and the document lock) for a
 * group of 10 and of 200 students — the number must not grow with the group.
 */
import { stat } from "node:fs/promises";
import { demoSheets, setup } from "../test/app/sidebar/school.js";
import type { Bench, Figure } from "./harness.js";

const HTML = new URL("../dist/Sidebar.html", import.meta.url).pathname;

/** Service calls of saving one lesson's marks for every student of a group of `n`. */
function callsPerSave(n: number, date: string): { calls: number; setValues: number } {
  const t = setup(demoSheets({ group: n }));
  try {
    const l = t.server.lessonLoad({ groupId: "G99", date });
    const expected: Record<string, string> = {};
    const values: Record<string, string> = {};
    l.students.forEach((s, i) => {
      expected[s.id] = s.cell;
      values[s.id] = ["5", "4", "н", "3"][i % 4];
    });
    t.fakes.reset();
    t.server.lessonSave({ groupId: "G99", date, index: l.index, expected, values });
    return { calls: t.fakes.calls.total, setValues: t.fakes.calls.count("Range.setValues") };
  } finally {
    t.restore();
  }
}

export const sidebarBench: Bench = {
  name: "sidebar (HTML size, service calls per lesson save)",
  async run(): Promise<Figure[]> {
    const bytes = (await stat(HTML)).size;
    const existing = [10, 200].map((n) => callsPerSave(n, "2026-11-18"));
    const created = [10, 200].map((n) => callsPerSave(n, "2026-11-23"));
    return [
      {
        name: "dist/Sidebar.html (JS and CSS inlined)",
        value: Math.round(bytes / 102.4) / 10,
        unit: "KB",
        target: "< 100 KB",
      },
      { name: "service calls per save, 10 students (existing column)", value: existing[0].calls },
      {
        name: "service calls per save, 200 students (existing column)",
        value: existing[1].calls,
        target: "= 10 students",
      },
      { name: "  of which Range.setValues (block + audit), 200 students", value: existing[1].setValues },
      { name: "service calls per save, 10 students (new column)", value: created[0].calls },
      {
        name: "service calls per save, 200 students (new column)",
        value: created[1].calls,
        target: "= 10 students",
      },
    ];
  },
};
