/**
 * The extract as the class teacher gets it: a sheet per class (students × lesson dates per
 * subject, the month mark, then «Исправления после переноса»), and the CSV electronic journals
 * import: one row per student, date, subject, mark or code.
 */
import type { SheetWrite } from "../../ports.js";
import type { WriteValue } from "../cells.js";
import { monthRange, ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { classKey } from "../metrics/klass.js";
import { monthName } from "../report/labels.js";
import type { Correction, SubjectBlock } from "./types.js";

const day = (iso: string, lang: Lang) => (lang === "ru" ? ruDate(iso) : iso);

function lessonLabel(key: string, lang: Lang): string {
  const m = /^(\d{4}-\d{2}-\d{2})(.*)$/.exec(key);
  return m ? day(m[1], lang) + m[2] : key;
}

export function correctionLesson(c: Correction, lang: Lang): string {
  if (c.lesson !== "month") return lessonLabel(c.lesson, lang);
  return lang === "ru" ? `за ${monthName(c.period, "ru")}` : `month mark, ${monthName(c.period, "en")}`;
}

const HEAD = {
  ru: [
    "Предмет",
    "Группа",
    "Период",
    "ID",
    "Учащийся",
    "Урок",
    "Ячейка журнала",
    "Было",
    "Стало",
    "Когда",
    "Кто",
  ],
  en: ["Subject", "Group", "Period", "ID", "Student", "Lesson", "Journal cell", "Old", "New", "When", "Who"],
};

export function correctionRows(list: readonly Correction[], lang: Lang): WriteValue[][] {
  const unknown = lang === "ru" ? "нет в «Аудите»" : "not in the Audit";
  return list.map((c) => [
    c.subject,
    c.groupId,
    c.period,
    c.studentId,
    c.name,
    correctionLesson(c, lang),
    c.cell ? `${c.sheet}!${c.cell}` : "",
    c.old,
    c.new,
    c.when || unknown,
    c.who || (c.when ? "" : unknown),
  ]);
}

export function correctionHeader(lang: Lang): string[] {
  return HEAD[lang];
}

/** The values of one class's sheet in the export workbook. */
export function classSheetValues(
  className: string,
  blocks: readonly SubjectBlock[],
  corrections: readonly Correction[],
  month: string,
  lang: Lang,
): WriteValue[][] {
  const ru = lang === "ru";
  const rows: WriteValue[][] = [
    [ru ? `Класс ${className}: ${monthName(month, "ru")}` : `Class ${className}: ${monthName(month, "en")}`],
  ];
  for (const b of blocks) {
    rows.push([]);
    rows.push([ru ? `${b.subject} (группа ${b.groupId})` : `${b.subject} (group ${b.groupId})`]);
    rows.push([
      "ID",
      ru ? "Учащийся" : "Student",
      ...b.lessons.map((l) => lessonLabel(l.key, lang)),
      ru ? "За месяц" : "Month mark",
      ...(b.terms ?? []).map((t) => (ru ? `Итоговая: ${t.period}` : `Final: ${t.period}`)),
    ]);
    for (const s of b.students)
      rows.push([s.studentId, s.name, ...s.cells.map((c) => c ?? "—"), s.monthMark, ...(s.termMarks ?? [])]);
  }
  rows.push([]);
  rows.push([ru ? "Исправления после переноса" : "Corrections after transfer"]);
  if (corrections.length) {
    rows.push(correctionHeader(lang));
    rows.push(...correctionRows(corrections, lang));
  } else rows.push([ru ? "нет" : "none"]);
  return rows;
}

/** CSV rows (header first): lesson cells that hold something, month marks, then corrections. */
export function csvRows(
  blocks: readonly SubjectBlock[],
  corrections: readonly Correction[],
  lang: Lang,
): string[][] {
  const ru = lang === "ru";
  const kind = ru
    ? { lesson: "урок", month: "за месяц", fix: "исправление" }
    : { lesson: "lesson", month: "month mark", fix: "correction" };
  const out: string[][] = [
    ru
      ? ["Класс", "ID", "Учащийся", "Дата", "Предмет", "Отметка", "Вид"]
      : ["Class", "ID", "Student", "Date", "Subject", "Mark", "Kind"],
  ];
  for (const b of blocks) {
    const last = day(monthRange(b.period).to, lang);
    for (const s of b.students) {
      b.lessons.forEach((l, i) => {
        const v = s.cells[i];
        if (v)
          out.push([b.className, s.studentId, s.name, lessonLabel(l.key, lang), b.subject, v, kind.lesson]);
      });
      if (s.monthMark) out.push([b.className, s.studentId, s.name, last, b.subject, s.monthMark, kind.month]);
      (b.terms ?? []).forEach((t, i) => {
        const mark = s.termMarks?.[i];
        const what = ru ? `за период: ${t.period}` : `period mark: ${t.period}`;
        if (mark) out.push([b.className, s.studentId, s.name, day(t.to, lang), b.subject, mark, what]);
      });
    }
  }
  for (const c of corrections) {
    const date = c.lesson === "month" ? day(monthRange(c.period).to, lang) : lessonLabel(c.lesson, lang);
    out.push([c.className, c.studentId, c.name, date, c.subject, c.new, kind.fix]);
  }
  return out;
}

/** A sheet name Excel and Google accept: no []:*?/\, at most 31 characters, unique. */
export function sheetNameFor(className: string, taken: Set<string>): string {
  const base = className.replace(/[[\]:*?/\\]/g, "-").slice(0, 28) || "-";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * One sheet per class: the class's blocks and its corrections. `nameOf` gives the tab (the
 * export workbook uses the class name; inside the master, «Выписка 9А 2026-11»); `existing`
 * tabs are replaced, not duplicated.
 */
export function exportWrites(
  blocks: readonly SubjectBlock[],
  corrections: readonly Correction[],
  month: string,
  lang: Lang,
  nameOf: (className: string, taken: Set<string>) => string = sheetNameFor,
  existing: readonly string[] = [],
): SheetWrite[] {
  const classes = [...new Set(blocks.map((b) => b.className))];
  for (const c of corrections)
    if (!classes.some((x) => classKey(x) === classKey(c.className))) classes.push(c.className);
  const taken = new Set<string>();
  return classes.map((name) => {
    const k = classKey(name);
    const values = classSheetValues(
      name,
      blocks.filter((b) => classKey(b.className) === k),
      corrections.filter((c) => classKey(c.className) === k),
      month,
      lang,
    );
    const sheet = nameOf(name, taken);
    const exists = existing.includes(sheet);
    return { sheet, create: !exists, clear: exists, cells: [{ row: 1, col: 1, values }], boldRows: 1 };
  });
}
