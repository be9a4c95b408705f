/**
 * The report's tables: every figure as «было / стало / Δ» in one cell, so a table stays one
 * row per class or group; category counts; absences by kind, lates, missed assignments and
 * movement; the at-risk list with names by «Имена в отчёте» and a place for absence reasons.
 */
import {
  type Change,
  formatChange,
  formatNumber,
  type MonthDynamics,
  type MonthFigures,
  type PairFigures,
  type SetFigures,
  type SetKey,
  setValue,
} from "../metrics/index.js";
import { riskText } from "../report/labels.js";
import type { TableBlock } from "../report/model.js";
import { shownName } from "../report/names.js";
import { shortLabel } from "./charts.js";
import type { Writer } from "./context.js";

type Kind = "pct" | "avg" | "int";
const DECIMALS: Record<Kind, number> = { pct: 1, avg: 2, int: 0 };

/** No-break spaces: a triple never wraps inside a table cell. */
const SEP = "\u00a0/\u00a0";

/** «85,0 / 80,6 / −4,4»; «— / 80,6 / —» without a previous month; «» without a value. */
export function triple(c: Change | undefined, value: number | null, kind: Kind, w: Writer): string {
  const d = DECIMALS[kind];
  const now = formatNumber(value, d, w.lang);
  if (!now) return "";
  if (!c || c.previous === null) return ["—", now, "—"].join(SEP);
  return [formatNumber(c.previous, d, w.lang), now, formatChange(c.change, d, w.lang).replace("-", "−")].join(
    SEP,
  );
}

const FIGURES: { key: SetKey; kind: Kind; ru: string; en: string }[] = [
  { key: "success", kind: "pct", ru: "Успеваемость, %", en: "Pass rate, %" },
  { key: "quality", kind: "pct", ru: "Качество, %", en: "Quality, %" },
  { key: "sou", kind: "pct", ru: "СОУ, %", en: "Mastery (SOU), %" },
  { key: "average", kind: "avg", ru: "Ср. балл", en: "Average" },
  { key: "attendance", kind: "pct", ru: "Посещаемость, %", en: "Attendance, %" },
];

const ABSENCES: { key: SetKey; ru: string; en: string }[] = [
  { key: "absences", ru: "Пропущено уроков", en: "Lessons missed" },
  { key: "unexcused", ru: "н (без причины)", en: "Unexcused" },
  { key: "excused", ru: "у (уважит.)", en: "Excused" },
  { key: "ill", ru: "б (болезнь)", en: "Ill" },
  { key: "late", ru: "Опоздания", en: "Late" },
  { key: "missedAssignments", ru: "Невыполн. задания", en: "Missed assignments" },
  { key: "arrived", ru: "Прибыло", en: "Arrived" },
  { key: "left", ru: "Выбыло", en: "Left" },
];

const note = (w: Writer) => (w.ru ? "в ячейке: было / стало / Δ" : "each cell: before / now / Δ");

type Row = { label: string; set: SetFigures; dyn: Record<string, Change> | undefined };

function rowsOf(f: MonthFigures, dyn: MonthDynamics, w: Writer, by: "class" | "group"): Row[] {
  if (by === "group") {
    const d = new Map(dyn.groups.map((g) => [g.groupId, g.figures]));
    return f.groups.map((g) => ({ label: w.group(g), set: g, dyn: d.get(g.groupId) }));
  }
  const d = new Map(dyn.classes.map((c) => [c.className, c.figures]));
  return [
    ...f.classes.map((c) => ({ label: c.className, set: c as SetFigures, dyn: d.get(c.className) })),
    { label: w.ru ? "Школа" : "School", set: f.school, dyn: dyn.school },
  ];
}

/** Students by category per class and for the school (counts of this month). */
export function categoriesTable(f: MonthFigures, dyn: MonthDynamics, w: Writer): TableBlock {
  const ru = w.ru;
  const header = ru
    ? [
        "Класс",
        "Учащихся",
        "Отличники",
        "Хорошисты",
        "Троечники",
        "из них с одной «3»",
        "Неуспевающие",
        "Не аттестованы",
      ]
    : ["Class", "Students", "Top marks", "Good", "Satisfactory", "of them one 3", "Failing", "Not assessed"];
  const rows = rowsOf(f, dyn, w, "class").map(({ label, set }) => {
    const c = set.categories;
    return [
      label,
      ...[set.students, c.excellent, c.good, c.satisfactory, c.oneThree, c.failing, c.notAssessed].map(
        String,
      ),
    ];
  });
  return {
    kind: "table",
    caption: ru ? "Учащиеся по категориям" : "Students by category",
    header,
    rows,
    align: header.map((_, i) => (i === 0 ? "left" : "right")),
    // On the landscape pages with the class tables that follow: no half-empty portrait page.
    wide: true,
  };
}

/** The figures with dynamics, per class (and the school) or per group. */
export function figuresTable(
  f: MonthFigures,
  dyn: MonthDynamics,
  w: Writer,
  by: "class" | "group",
): TableBlock {
  const ru = w.ru;
  const header = [ru ? (by === "class" ? "Класс" : "Группа") : by === "class" ? "Class" : "Group"];
  if (by === "group") header.push(ru ? "Уч-ся" : "Pupils", ru ? "Н/а" : "N/a");
  header.push(...FIGURES.map((x) => x[w.lang]));
  if (by === "group") header.push(ru ? "Журн., %" : "Journ., %");
  const rows = rowsOf(f, dyn, w, by).map(({ label, set, dyn: d }) => {
    const row = [by === "group" ? shortLabel(label, 26) : label];
    if (by === "group") row.push(String(set.students), String(set.categories.notAssessed));
    row.push(...FIGURES.map((x) => triple(d?.[x.key], setValue(set, x.key), x.kind, w)));
    if (by === "group")
      row.push(formatNumber((set as { journalFill?: number | null }).journalFill ?? null, 1, w.lang));
    return row;
  });
  return {
    kind: "table",
    caption: ru
      ? `${by === "class" ? "Показатели по классам" : "Показатели по группам"} (${note(w)})`
      : `${by === "class" ? "Figures by class" : "Figures by group"} (${note(w)})`,
    header,
    rows,
    align: header.map((_, i) => (i === 0 ? "left" : "right")),
    wide: true,
  };
}

/** Absences all / н / у / б, lates, missed assignments and movement, each «было / стало / Δ». */
export function absenceTable(
  f: MonthFigures,
  dyn: MonthDynamics,
  w: Writer,
  by: "class" | "group",
): TableBlock {
  const ru = w.ru;
  const header = [ru ? (by === "class" ? "Класс" : "Группа") : by === "class" ? "Class" : "Group"];
  header.push(...ABSENCES.map((x) => x[w.lang]));
  const rows = rowsOf(f, dyn, w, by).map(({ label, set, dyn: d }) => [
    by === "group" ? shortLabel(label, 26) : label,
    ...ABSENCES.map((x) => triple(d?.[x.key], setValue(set, x.key), "int", w)),
  ]);
  return {
    kind: "table",
    caption: ru
      ? `Пропуски и движение ${by === "class" ? "по классам" : "по группам"} (${note(w)})`
      : `Absences and movement by ${by} (${note(w)})`,
    header,
    rows,
    align: header.map((_, i) => (i === 0 ? "left" : "right")),
    wide: true,
  };
}

/**
 * The at-risk list. Names follow «Имена в отчёте»; `reason` (issue 21's «Причины пропусков»)
 * adds a column when given and says something for at least one row.
 */
export function atRiskTable(f: MonthFigures, w: Writer, reason?: (p: PairFigures) => string): TableBlock {
  const ru = w.ru;
  const reasons = f.atRisk.map((p) => reason?.(p) ?? "");
  const withReasons = reasons.some(Boolean);
  const header = ru
    ? ["Класс", "ID", "Учащийся", "Группа", "Пропущено, %", "Отметка", "Почему в группе риска"]
    : ["Class", "ID", "Student", "Group", "Missed, %", "Mark", "Why at risk"];
  if (withReasons) header.push(ru ? "Причины пропусков" : "Absence reasons");
  return {
    kind: "table",
    header,
    rows: f.atRisk.map((p, i) => {
      const row = [
        p.className,
        p.studentId,
        shownName(p, w.settings.names),
        p.groupId,
        formatNumber(p.missedShare * 100, 1, w.lang),
        p.monthMark === null ? "" : p.monthMark === "н/а" ? (ru ? "н/а" : "n/a") : String(p.monthMark),
        p.riskReasons.map((r) => riskText(r, w.lang)).join("; "),
      ];
      if (withReasons) row.push(reasons[i]);
      return row;
    }),
    align: ["left", "left", "left", "left", "right", "center", "left", "left"],
  };
}
