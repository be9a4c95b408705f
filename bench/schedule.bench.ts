/**
 * Schedule and journals at school size: 150 groups × 2 weekly slots, 2,000 students in 1–3
 * groups each, a school year expanded, conflicts and notices found, 150 journals planned from
 * nothing and then again on their own output.
 */
import type { CellValue } from "../src/core/cells.js";
import { addDays } from "../src/core/dates.js";
import { planJournalUpdate } from "../src/core/journal/update.js";
import { emptyModel, type Lesson, type Model } from "../src/core/model.js";
import { DEFAULT_SETTINGS } from "../src/core/records.js";
import { findScheduleConflicts } from "../src/core/schedule/conflicts.js";
import { expandLessons, lessonsByGroup } from "../src/core/schedule/expand.js";
import { pendingNotices } from "../src/core/schedule/notices.js";
import type { SheetWrite } from "../src/ports.js";
import { studentRecord } from "../test/support/records.js";
import { type Bench, type Figure, timeMs } from "./harness.js";

const FROM = "2026-09-01";
const TO = "2027-06-30";

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function schoolModel(): Model {
  const r = rng(42);
  const pick = (n: number) => Math.floor(r() * n);
  const m = emptyModel(DEFAULT_SETTINGS);
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  for (let i = 1; i <= 60; i++)
    m.staff.push({
      row: i + 1,
      id: `T${pad(i, 2)}`,
      name: `Учитель ${i}`,
      role: "teacher",
      email: `t${i}@school.ru`,
      phone: "",
      subjects: "",
    });
  for (let g = 1; g <= 150; g++) {
    const id = `G${pad(g, 3)}`;
    m.groups.push({
      row: g + 1,
      id,
      title: `Группа ${g}`,
      subject: "",
      teacherId: `T${pad(1 + pick(60), 2)}`,
      tutorId: `T${pad(1 + pick(60), 2)}`,
      link: "",
      note: "",
    });
    for (let k = 0; k < 2; k++) {
      const h = 8 + pick(9);
      m.slots.push({
        row: m.slots.length + 2,
        groupId: id,
        weekday: 1 + pick(5),
        start: `${pad(h, 2)}:00`,
        end: `${pad(h, 2)}:45`,
        mode: "online",
        from: null,
        to: null,
      });
    }
  }
  for (let s = 1; s <= 2000; s++) {
    const id = `S${pad(s, 4)}`;
    m.students.push(studentRecord({ row: s + 1, id, name: `Учащийся ${pad(s, 4)}` }));
    const n = 1 + pick(3);
    for (let k = 0; k < n; k++) {
      const late = r() < 0.2;
      const left = r() < 0.1;
      m.enrollments.push({
        row: m.enrollments.length + 2,
        studentId: id,
        groupId: `G${pad(1 + pick(150), 3)}`,
        from: late ? addDays(FROM, 30 + pick(120)) : FROM,
        to: left ? addDays(FROM, 160 + pick(100)) : null,
      });
    }
  }
  m.holidays = [
    { row: 2, from: "2026-10-26", to: "2026-11-03", name: "осенние" },
    { row: 3, from: "2026-12-29", to: "2027-01-10", name: "зимние" },
    { row: 4, from: "2027-03-22", to: "2027-03-31", name: "весенние" },
  ];
  for (let c = 0; c < 200; c++) {
    const g = m.groups[pick(150)];
    const kind = (["cancel", "move", "extra", "consultation"] as const)[pick(4)];
    m.changes.push({
      row: c + 2,
      date: addDays(FROM, pick(280)),
      groupId: g.id,
      kind,
      start: kind === "cancel" ? null : "17:00",
      end: kind === "cancel" || kind === "move" ? null : "17:45",
      newDate: kind === "move" ? addDays(FROM, pick(280)) : null,
      reason: "",
      notified: null,
    });
  }
  return m;
}

/** The values a sheet holds after a write (what an adapter would read back). */
function applyWrite(grid: CellValue[][], w: SheetWrite): CellValue[][] {
  const out = grid.map((line) => [...line]);
  for (const b of w.cells ?? [])
    b.values.forEach((line, i) => {
      line.forEach((v, j) => {
        while (out.length < b.row + i) out.push([]);
        const row = out[b.row + i - 1];
        while (row.length < b.col + j) row.push(null);
        row[b.col + j - 1] = v as CellValue;
      });
    });
  return out;
}

export const scheduleBench: Bench = {
  name: "schedule and journals (150 groups, 2,000 students, one school year)",
  async run(): Promise<Figure[]> {
    const model = schoolModel();
    const expand = await timeMs(() => expandLessons(model, FROM, TO));
    const lessons = expand.result;
    const conflicts = await timeMs(() => findScheduleConflicts(model, lessons));
    const notices = await timeMs(() => pendingNotices(model, lessons, "ru"));
    const byGroup = lessonsByGroup(lessons);
    const enrollmentsOf = new Map<string, typeof model.enrollments>();
    for (const e of model.enrollments)
      enrollmentsOf.set(e.groupId, [...(enrollmentsOf.get(e.groupId) ?? []), e]);
    const plan = (existing: (g: string) => CellValue[][] | null) =>
      model.groups.map((g) =>
        planJournalUpdate({
          groupId: g.id,
          sheetName: `Журнал ${g.id}`,
          lang: "ru",
          lessons: byGroup.get(g.id) ?? ([] as Lesson[]),
          students: model.students,
          enrollments: enrollmentsOf.get(g.id) ?? [],
          existing: existing(g.id),
          staffEmails: ["coordinator@school.ru"],
        }),
      );
    const first = await timeMs(() => plan(() => null));
    const grids = new Map(model.groups.map((g, i) => [g.id, applyWrite([], first.result[i].write)]));
    const again = await timeMs(() => plan((g) => grids.get(g)!));
    const unchanged = again.result.every((p) => !p.changed);
    const total = expand.ms + conflicts.ms + first.ms + again.ms;
    return [
      { name: "lessons in the year", value: lessons.length },
      { name: "expandLessons, school year", value: expand.ms, unit: "ms" },
      { name: `findScheduleConflicts (${conflicts.result.length} issues)`, value: conflicts.ms, unit: "ms" },
      { name: `pendingNotices (${notices.result.length} notices)`, value: notices.ms, unit: "ms" },
      { name: "150 journal plans from nothing", value: first.ms, unit: "ms" },
      {
        name: `150 journal plans on their output (all unchanged: ${unchanged})`,
        value: again.ms,
        unit: "ms",
      },
      {
        name: "expand + conflicts + 2 × 150 journal plans",
        value: Math.round(total * 10) / 10,
        unit: "ms",
        target: "< 1000 ms",
      },
    ];
  },
};
