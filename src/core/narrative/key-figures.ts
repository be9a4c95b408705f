/** «Основные показатели»: the school's figures, each «было / стало / Δ», and students by category. */
import { avg2, type Change, type MonthDynamics, type MonthFigures, pct } from "../metrics/index.js";
import { monthName } from "../report/labels.js";
import type { Block } from "../report/model.js";
import type { Writer } from "./context.js";
import { count, markChange, ppChange } from "./words.js";

function dynamicLine(
  label: string,
  value: string,
  c: Change,
  kind: "pp" | "mark" | "int",
  w: Writer,
): string {
  if (!value) return `${label}: ${w.ru ? "нет данных" : "no data"}`;
  if (c.previous === null || c.change === null) return `${label}: ${value}`;
  const before =
    kind === "mark"
      ? avg2(c.previous, w.lang)
      : kind === "int"
        ? String(c.previous)
        : `${pct(c.previous, w.lang)} %`;
  const delta =
    kind === "pp"
      ? ppChange(c.change, w.lang)
      : kind === "mark"
        ? markChange(c.change, w.lang)
        : c.change === 0
          ? w.ru
            ? "без изменений"
            : "no change"
          : `${c.change > 0 ? "+" : "−"}${Math.abs(c.change)}`;
  return w.ru
    ? `${label}: было ${before}, стало ${value} (${delta})`
    : `${label}: was ${before}, now ${value} (${delta})`;
}

export function keyFigures(f: MonthFigures, dyn: MonthDynamics, w: Writer): Block[] {
  const s = f.school;
  const d = dyn.school;
  const ru = w.ru;
  const held = f.groups.reduce((a, g) => a + g.columns, 0);
  const planned = f.groups.reduce((a, g) => a + g.planned, 0);
  const p = (x: number | null) => (x === null ? "" : `${pct(x, w.lang)} %`);
  const c = s.categories;
  const vs = dyn.previousMonth
    ? ru
      ? ` «Было» — ${monthName(dyn.previousMonth, "ru")}.`
      : ` “Was” is ${monthName(dyn.previousMonth, "en")}.`
    : "";
  return [
    { kind: "heading", level: 2, text: ru ? "Основные показатели" : "Key figures" },
    {
      kind: "paragraph",
      text: ru
        ? `Учащихся в расчёте: ${s.students}; групп с отметками: ${f.groups.filter((g) => g.N > 0).length} из ${f.groups.length}; проведено ${held} из ${count(planned, "lessonOf", "ru")} по расписанию. Успеваемость и качество считаются по учащимся, СОУ и средний балл — по отметкам.${vs}`
        : `${count(s.students, "student", "en")} counted in ${f.groups.filter((g) => g.N > 0).length} of ${count(f.groups.length, "group", "en")}; ${held} of ${count(planned, "lesson", "en")} held as scheduled. Pass rate and quality count students; SOU and the average count marks.${vs}`,
    },
    {
      kind: "bullets",
      items: [
        dynamicLine(ru ? "Успеваемость" : "Pass rate", p(s.success), d.success, "pp", w),
        dynamicLine(ru ? "Качество знаний" : "Quality", p(s.quality), d.quality, "pp", w),
        dynamicLine(ru ? "СОУ" : "Degree of mastery (SOU)", p(s.sou), d.sou, "pp", w),
        dynamicLine(ru ? "Средний балл" : "Average mark", avg2(s.average, w.lang), d.average, "mark", w),
        dynamicLine(ru ? "Посещаемость" : "Attendance", p(s.attendance), d.attendance, "pp", w),
        dynamicLine(ru ? "Пропущено уроков" : "Lessons missed", String(s.absences), d.absences, "int", w),
        dynamicLine(
          ru ? "В группе риска (учащийся–группа)" : "At risk (student–group)",
          String(s.atRisk),
          d.atRisk,
          "int",
          w,
        ),
        ru
          ? `Отличников ${c.excellent}, хорошистов ${c.good}, троечников ${c.satisfactory} (из них с одной «3» — ${c.oneThree}), неуспевающих ${c.failing}, не аттестованы ${c.notAssessed}.`
          : `${c.excellent} with top marks, ${c.good} good, ${c.satisfactory} satisfactory (${c.oneThree} with a single 3), ${c.failing} failing, ${c.notAssessed} not assessed.`,
        ru
          ? `Пропуски: без причины ${s.unexcused}, по уважительной ${s.excused}, по болезни ${s.ill}; опозданий ${s.late}; невыполненных заданий ${s.missedAssignments}. Прибыло ${s.arrived}, выбыло ${s.left}.`
          : `Absences: ${s.unexcused} unexcused, ${s.excused} excused, ${s.ill} ill; ${s.late} late; ${s.missedAssignments} missed assignments. Arrived ${s.arrived}, left ${s.left}.`,
      ],
    },
  ];
}
