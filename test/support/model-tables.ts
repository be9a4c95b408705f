/**
 * A Model written back as sheet tables (Russian headers): the synthetic school as a workbook,
 * for the Apps Script fakes, the .xlsx benches and the rollup.
 */
import type { CellValue } from "../../src/core/cells.js";
import { ruDate } from "../../src/core/dates.js";
import type { Model } from "../../src/core/model.js";
import { enumLabel, SETTINGS, SHEETS } from "../../src/core/schema.js";

const date = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function modelTables(m: Model): Record<string, CellValue[][]> {
  const h = (key: keyof typeof SHEETS) => SHEETS[key].columns.map((c) => c.ru);
  const s = m.settings;
  const settings: CellValue[][] = [
    ["Параметр", "Значение"],
    ...SETTINGS.map((x) => {
      const v = (s as unknown as Record<string, unknown>)[x.key];
      return [x.ru, Array.isArray(v) ? v.join(", ") : (v as CellValue)];
    }),
  ];
  const out: Record<string, CellValue[][]> = {
    Настройки: settings,
    Учащиеся: [
      h("students"),
      ...m.students.map((x) => [
        x.id,
        x.name,
        x.className,
        x.status ? enumLabel("status", x.status, "ru") : null,
        x.parent,
        x.parentEmail,
        x.parentPhone,
        x.channel,
        x.consent === null ? null : x.consent ? "да" : "нет",
        x.needs,
        x.note,
      ]),
    ],
    Сотрудники: [
      h("staff"),
      ...m.staff.map((x) => [
        x.id,
        x.name,
        x.role ? enumLabel("role", x.role, "ru") : null,
        x.email,
        x.phone,
        x.subjects,
      ]),
    ],
    Группы: [
      h("groups"),
      ...m.groups.map((x) => [x.id, x.title, x.subject, x.teacherId, x.tutorId, x.link, x.note]),
    ],
    Зачисления: [
      h("enrollments"),
      ...m.enrollments.map((x) => [x.studentId, x.groupId, date(x.from), date(x.to)]),
    ],
    Расписание: [
      h("schedule"),
      ...m.slots.map((x) => [
        x.groupId,
        x.weekday ? enumLabel("weekday", String(x.weekday), "ru") : null,
        x.start,
        x.end,
        x.mode ? enumLabel("mode", x.mode, "ru") : null,
        date(x.from),
        date(x.to),
      ]),
    ],
    Контакты: [
      h("contacts"),
      ...m.contacts.map((x) => [date(x.date), x.staffId, x.groupId, x.studentId, x.channel, x.summary]),
    ],
  };
  for (const j of m.journals) {
    const header: CellValue[] = [
      "ID",
      "Учащийся",
      ...j.columns.map((c) => (c.index > 1 ? `${ruDate(c.date)} (${c.index})` : ruDate(c.date))),
    ];
    out[j.sheet] = [header, ...j.rows.map((r) => [r.studentId, r.name, ...r.cells])];
  }
  return out;
}
