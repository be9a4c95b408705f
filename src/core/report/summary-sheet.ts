/**
 * «Сводная YYYY-MM»: the сводная ведомость as one sheet, section under section, numbers as
 * numbers (rounded as shown) so coordinators can sort and filter. A rerun replaces it.
 */

import type { Rect, SheetWrite } from "../../ports.js";
import type { WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import {
  type Change,
  formatNumber,
  type MonthDynamics,
  type MonthFigures,
  roundTo,
  type SetFigures,
} from "../metrics/index.js";
import type { NamesInReport } from "../records.js";
import { monthName, riskText, roleText, summarySheetName, yes } from "./labels.js";
import { shownName } from "./names.js";

const r1 = (x: number | null | undefined) => (x === null || x === undefined ? null : roundTo(x, 1));
const r2 = (x: number | null | undefined) => (x === null || x === undefined ? null : roundTo(x, 2));
const delta = (c: Change | undefined, round: (x: number | null) => number | null) =>
  c ? round(c.change) : null;

/** Students by category, absences by kind and movement (WORKBOOK-FORMAT «Monthly figures»). */
function detailHeader(lang: Lang): string[] {
  return lang === "ru"
    ? [
        "Отличников",
        "Хорошистов",
        "С одной «3»",
        "Троечников",
        "Неуспевающих",
        "Не аттестованы",
        "Пропущено уроков",
        "н",
        "у",
        "б",
        "Опозданий",
        "Невыполн. заданий",
        "Прибыло",
        "Выбыло",
      ]
    : [
        "Top marks",
        "Good",
        "One 3",
        "Satisfactory",
        "Failing",
        "Not assessed",
        "Lessons missed",
        "Unexcused",
        "Excused",
        "Ill",
        "Late",
        "Missed assignments",
        "Arrived",
        "Left",
      ];
}

function detailRow(s: SetFigures): WriteValue[] {
  const c = s.categories;
  return [
    c.excellent,
    c.good,
    c.oneThree,
    c.satisfactory,
    c.failing,
    c.notAssessed,
    s.absences,
    s.unexcused,
    s.excused,
    s.ill,
    s.late,
    s.missedAssignments,
    s.arrived,
    s.left,
  ];
}

function setHeader(lang: Lang): string[] {
  return lang === "ru"
    ? [
        "Учащихся",
        "N",
        "«5»",
        "«4»",
        "«3»",
        "«2»",
        "«1»",
        "н/а",
        "Успеваемость, %",
        "Качество, %",
        "СОУ, %",
        "Средний балл",
        "Посещаемость, %",
        "В группе риска",
      ]
    : [
        "Students",
        "N",
        "5",
        "4",
        "3",
        "2",
        "1",
        "n/a",
        "Pass rate, %",
        "Quality, %",
        "SOU, %",
        "Average",
        "Attendance, %",
        "At risk",
      ];
}

function setRow(s: SetFigures): WriteValue[] {
  return [
    s.students,
    s.N,
    s.n5,
    s.n4,
    s.n3,
    s.n2,
    s.n1,
    s.nNa,
    r1(s.success),
    r1(s.quality),
    r1(s.sou),
    r2(s.average),
    r1(s.attendance),
    s.atRisk,
  ];
}

function dynHeader(lang: Lang): string[] {
  return lang === "ru"
    ? ["Δ успеваемость", "Δ качество", "Δ средний балл", "Δ посещаемость"]
    : ["Δ pass rate", "Δ quality", "Δ average", "Δ attendance"];
}

function dynRow(f: Record<string, Change> | undefined): WriteValue[] {
  return [delta(f?.success, r1), delta(f?.quality, r1), delta(f?.average, r2), delta(f?.attendance, r1)];
}

export interface SummarySection {
  title: string;
  header: string[];
  rows: WriteValue[][];
}

/** What every section of the sheet reads; one small function per section. */
interface SectionContext {
  f: MonthFigures;
  dyn: MonthDynamics;
  lang: Lang;
  ru: boolean;
  names: Map<string, string>;
  namesMode: NamesInReport;
  groupDyn: Map<string, Record<string, Change>>;
  classDyn: Map<string, Record<string, Change>>;
  mark: (m: MonthFigures["pairs"][number]["monthMark"]) => WriteValue;
}

function pairSection({ f, lang, ru, namesMode, mark }: SectionContext): SummarySection {
  return {
    title: ru ? "Учащиеся по группам" : "Students by group",
    header: ru
      ? [
          "Класс",
          "ID",
          "Учащийся",
          "Группа",
          "Уроков",
          "Пропусков",
          "н",
          "у",
          "б",
          "Опозданий",
          "Невыполн. заданий",
          "Пропущено, %",
          "Отметки",
          "Средний балл",
          "Отметка за месяц",
          "В группе риска",
        ]
      : [
          "Class",
          "ID",
          "Student",
          "Group",
          "Lessons",
          "Absences",
          "a",
          "e",
          "s",
          "Late",
          "Missed assignments",
          "Missed, %",
          "Marks",
          "Average",
          "Month mark",
          "At risk",
        ],
    rows: f.pairs
      .filter((p) => p.counted)
      .map((p) => [
        p.className,
        p.studentId,
        shownName(p, namesMode),
        p.groupId,
        p.lessons,
        p.absences,
        p.unexcused,
        p.excused,
        p.ill,
        p.late,
        p.missedAssignments,
        r1(p.missedShare * 100),
        p.marks.join(" "),
        r2(p.average),
        mark(p.monthMark),
        p.atRisk ? p.riskReasons.map((x) => riskText(x, lang)).join("; ") : "",
      ]),
  };
}

function groupSection({ f, lang, ru, names, groupDyn }: SectionContext): SummarySection {
  return {
    title: ru ? "Группы" : "Groups",
    header: [
      ...(ru ? ["Группа", "Название", "Преподаватель", "Тьютор"] : ["Group", "Title", "Teacher", "Tutor"]),
      ...setHeader(lang),
      ...(ru
        ? ["Уроков по плану", "Проведено", "Заполнение журнала, %"]
        : ["Planned", "Held", "Journal fill, %"]),
      ...dynHeader(lang),
    ],
    rows: f.groups.map((g) => [
      g.groupId,
      g.title,
      names.get(g.teacherId) ?? g.teacherId,
      names.get(g.tutorId) ?? g.tutorId,
      ...setRow(g),
      g.planned,
      g.columns,
      r1(g.journalFill),
      ...dynRow(groupDyn.get(g.groupId)),
    ]),
  };
}

function groupDetailSection({ f, lang, ru }: SectionContext): SummarySection {
  return {
    // Apart from the figures above, so that no section is too wide to print.
    title: ru
      ? "Группы: учащиеся по категориям, пропуски, движение"
      : "Groups: students by category, absences, movement",
    header: [ru ? "Группа" : "Group", ...detailHeader(lang)],
    rows: f.groups.map((g) => [g.groupId, ...detailRow(g)]),
  };
}

function classSection({ f, dyn, lang, ru, classDyn }: SectionContext): SummarySection {
  return {
    title: ru ? "Классы" : "Classes",
    header: [ru ? "Класс" : "Class", ...setHeader(lang), ...dynHeader(lang)],
    rows: [
      ...f.classes.map((c) => [c.className, ...setRow(c), ...dynRow(classDyn.get(c.className))]),
      [ru ? "Итого по школе" : "School total", ...setRow(f.school), ...dynRow(dyn.school)],
    ],
  };
}

function classDetailSection({ f, lang, ru }: SectionContext): SummarySection {
  return {
    title: ru
      ? "Классы: учащиеся по категориям, пропуски, движение"
      : "Classes: students by category, absences, movement",
    header: [ru ? "Класс" : "Class", ...detailHeader(lang)],
    rows: [
      ...f.classes.map((c) => [c.className, ...detailRow(c)]),
      [ru ? "Итого по школе" : "School total", ...detailRow(f.school)],
    ],
  };
}

function staffSection({ f, lang, ru }: SectionContext): SummarySection {
  return {
    title: ru ? "Сотрудники" : "Staff",
    header: ru
      ? [
          "ID",
          "ФИО",
          "Роль",
          "Группы",
          "Уроков по плану",
          "Проведено",
          "Контактов",
          "Последний контакт",
          "Дней без контакта",
          "Нет контакта дольше нормы",
          "Группы без контакта (дней)",
        ]
      : [
          "ID",
          "Name",
          "Role",
          "Groups",
          "Planned",
          "Held",
          "Contacts",
          "Last contact",
          "Days without contact",
          "Over the limit",
          "Groups without contact (days)",
        ],
    rows: f.staff.map((s) => [
      s.staffId,
      s.name,
      roleText(s.role, lang),
      s.groups.join(", "),
      s.planned,
      s.held,
      s.contacts,
      s.lastContact ? new Date(`${s.lastContact}T00:00:00Z`) : null,
      s.daysSinceContact,
      yes(s.noContact, lang),
      s.groupContacts
        .filter((c) => c.stale)
        .map((c) => `${c.groupId} (${c.days})`)
        .join(", "),
    ]),
  };
}

function riskSection({ f, lang, ru, namesMode }: SectionContext): SummarySection {
  return {
    title: ru ? "Группа риска" : "At risk",
    header: ru
      ? ["Класс", "ID", "Учащийся", "Группа", "Причины"]
      : ["Class", "ID", "Student", "Group", "Reasons"],
    rows: f.atRisk.map((p) => [
      p.className,
      p.studentId,
      shownName(p, namesMode),
      p.groupId,
      p.riskReasons.map((x) => riskText(x, lang)).join("; "),
    ]),
  };
}

export function summarySections(
  f: MonthFigures,
  dyn: MonthDynamics,
  lang: Lang,
  names: Map<string, string>,
  namesMode: NamesInReport = "consent",
): SummarySection[] {
  const ru = lang === "ru";
  const groupDyn = new Map(dyn.groups.map((g) => [g.groupId, g.figures]));
  const classDyn = new Map(dyn.classes.map((c) => [c.className, c.figures]));
  const mark = (m: (typeof f.pairs)[number]["monthMark"]) =>
    m === null ? null : m === "н/а" ? (ru ? "н/а" : "n/a") : m;
  const c: SectionContext = { f, dyn, lang, ru, names, namesMode, groupDyn, classDyn, mark };
  return [
    pairSection,
    groupSection,
    groupDetailSection,
    classSection,
    classDetailSection,
    staffSection,
    riskSection,
  ].map((section) => section(c));
}

/** The sheet write: cleared and rewritten, so a rerun never leaves a duplicate row. */
export function summarySheetWrite(
  f: MonthFigures,
  dyn: MonthDynamics,
  lang: Lang,
  opts: {
    school: string;
    names: Map<string, string>;
    existingTab?: string;
    generatedAt: string;
    namesMode?: NamesInReport;
  },
): SheetWrite {
  const ru = lang === "ru";
  const rows: WriteValue[][] = [
    [
      `${ru ? "Сводная ведомость успеваемости" : "Monthly progress summary"}: ${monthName(f.month, lang)}${opts.school ? ` — ${opts.school}` : ""}`,
    ],
    [
      ru
        ? `Сформировано ${opts.generatedAt}. Порог пропусков ${f.settings.absenceThreshold}%, порог округления ${formatNumber(f.settings.roundingThreshold, 1, lang)}, минимум отметок ${f.settings.minimumMarks}, вес н/а в СОУ ${f.settings.naWeight}.${dyn.previousMonth ? ` Δ — изменение к предыдущему месяцу (${monthName(dyn.previousMonth, lang)}).` : ""}`
        : `Generated ${opts.generatedAt}. Absence threshold ${f.settings.absenceThreshold}%, rounding threshold ${f.settings.roundingThreshold}, minimum marks ${f.settings.minimumMarks}, n/a weight in SOU ${f.settings.naWeight}.${dyn.previousMonth ? ` Δ is the change from the previous month (${monthName(dyn.previousMonth, lang)}).` : ""}`,
    ],
  ];
  const formats: { range: Rect; format: string }[] = [];
  const widths: number[] = [];
  for (const s of summarySections(f, dyn, lang, opts.names, opts.namesMode)) {
    rows.push([]);
    rows.push([s.title]);
    rows.push(s.header);
    const first = rows.length + 1;
    if (s.rows.length) rows.push(...s.rows);
    else rows.push([ru ? "нет данных" : "no data"]);
    widen(widths, [s.header], 12);
    widen(widths, s.rows, 40);
    s.header.forEach((h, i) => {
      const format = formatOf(h);
      if (format && s.rows.length)
        formats.push({ range: { row: first, col: i + 1, rows: s.rows.length, cols: 1 }, format });
    });
  }
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => [...r, ...Array(width - r.length).fill(null)]);
  return {
    sheet: opts.existingTab ?? summarySheetName(f.month, lang),
    create: !opts.existingTab,
    clear: true,
    cells: [{ row: 1, col: 1, values: grid }],
    boldRows: 1,
    // Printable: the title rows stay on screen and on every page, landscape, one page wide.
    frozenRows: 2,
    columnWidths: Array.from({ length: width }, (_, i) => widths[i] ?? 4),
    numberFormats: formats,
    print: { landscape: true, fitToWidth: true, repeatRows: 2 },
  };
}

/** One decimal for percentages, two for averages (Δ columns too); counts stay General. */
export function formatOf(header: string): string | null {
  if (/средний балл|ср\. балл|average/i.test(header)) return "0.00";
  if (/%|^Δ/.test(header)) return "0.0";
  return null;
}

/**
 * Characters per column from its widest cell, at most `cap` (headers count up to 12 and may be
 * cut on screen; section titles and notes overflow into empty neighbours and do not count).
 */
export function widen(widths: number[], rows: readonly (readonly WriteValue[])[], cap: number): void {
  for (const r of rows)
    r.forEach((v, i) => {
      const len = v === null || v === undefined ? 0 : v instanceof Date ? 10 : String(v).length;
      widths[i] = Math.max(widths[i] ?? 4, Math.min(cap, len + 1));
    });
}
