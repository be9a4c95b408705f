/** The municipal workbook and report, from the combined figures (the same words in both). */

import type { SheetWrite } from "../../ports.js";
import type { WriteValue } from "../cells.js";
import { type Lang, plural } from "../i18n.js";
import { avg2, pct, roundTo } from "../metrics/index.js";
import { count, listJoin, ppChange } from "../narrative/words.js";
import { LEVELS, levelLabel } from "../plans/labels.js";
import type { SchoolActivity } from "../registries/activity.js";
import { monthName } from "../report/labels.js";
import type { Block, ReportDoc } from "../report/model.js";
import type { Municipal } from "./combine.js";

export interface FailedSource {
  source: string;
  message: string;
}

const r1 = (x: number | null) => (x === null ? null : roundTo(x, 1));
const r2 = (x: number | null) => (x === null ? null : roundTo(x, 2));

/** How many schools the report names as least filled. */
export const LEAST_FILLED = 5;

export function municipalReport(
  m: Municipal,
  failed: readonly FailedSource[],
  lang: Lang,
  generatedAt: string,
): ReportDoc {
  const ru = lang === "ru";
  const t = m.totals;
  const title = ru
    ? `Свод по школам: ${monthName(m.month, lang)}`
    : `Schools rollup: ${monthName(m.month, lang)}`;
  const blocks: Block[] = [{ kind: "heading", level: 1, text: title }];
  const schools = ru
    ? { one: "школа", few: "школы", many: "школ", other: "школы" }
    : { one: "school", other: "schools" };
  const nSchools = plural(lang, t.schools, schools);
  blocks.push({
    kind: "paragraph",
    style: "note",
    text: ru
      ? `Сформировано ${generatedAt}. Данные: ${nSchools}.`
      : `Generated ${generatedAt}. Data of ${nSchools}.`,
  });
  blocks.push({ kind: "heading", level: 2, text: ru ? "Итого" : "Totals" });
  blocks.push({
    kind: "bullets",
    items: [
      `${ru ? "Учащихся" : "Students"}: ${t.students} (${ru ? "отметок за месяц" : "month marks"}: ${t.N})`,
      `${ru ? "Успеваемость" : "Pass rate"}: ${pct(t.success, lang) || "—"} %`,
      `${ru ? "Качество знаний" : "Quality"}: ${pct(t.quality, lang) || "—"} %`,
      `${ru ? "СОУ" : "SOU"}: ${pct(t.sou, lang) || "—"} %`,
      `${ru ? "Средний балл" : "Average mark"}: ${avg2(t.average, lang) || "—"}`,
      `${ru ? "Посещаемость" : "Attendance"}: ${pct(t.attendance, lang) || "—"} %`,
      `${ru ? "Заполнение журналов" : "Journal fill"}: ${pct(t.journalFill, lang) || "—"} %`,
      `${ru ? "В группе риска" : "At risk"}: ${t.atRisk}`,
      // Students by category, summed over the schools (success and quality count students).
      ru
        ? `Отличников ${t.categories.excellent}, хорошистов ${t.categories.good}, троечников ${t.categories.satisfactory} (с одной «3» — ${t.categories.oneThree}), неуспевающих ${t.categories.failing}, не аттестованы ${t.categories.notAssessed}`
        : `${t.categories.excellent} with top marks, ${t.categories.good} good, ${t.categories.satisfactory} satisfactory (${t.categories.oneThree} with a single 3), ${t.categories.failing} failing, ${t.categories.notAssessed} not assessed`,
      ru
        ? `Пропуски: без причины ${t.unexcused}, по уважительной ${t.excused}, по болезни ${t.ill}; опозданий ${t.late}; прибыло ${t.arrived}, выбыло ${t.left}`
        : `Absences: ${t.unexcused} unexcused, ${t.excused} excused, ${t.ill} ill; ${t.late} late; arrived ${t.arrived}, left ${t.left}`,
    ],
  });
  if (failed.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Не получены данные" : "No data received" });
    blocks.push({ kind: "bullets", items: failed.map((f) => `${f.source}: ${f.message}`) });
  }
  blocks.push({ kind: "heading", level: 2, text: ru ? "Школы" : "Schools" });
  blocks.push({
    kind: "table",
    header: ru
      ? [
          "Школа",
          "Учащихся",
          "Успев., %",
          "Кач., %",
          "СОУ, %",
          "Ср. балл",
          "Посещ., %",
          "Журналы, %",
          "Риск",
          "Δ кач.",
          "Δ посещ.",
        ]
      : [
          "School",
          "Students",
          "Pass rate, %",
          "Quality, %",
          "SOU, %",
          "Average",
          "Attend., %",
          "Journals, %",
          "At risk",
          "Δ quality",
          "Δ attend.",
        ],
    rows: m.rows.map((r) => [
      r.school,
      String(r.students),
      pct(r.success, lang),
      pct(r.quality, lang),
      pct(r.sou, lang),
      avg2(r.average, lang),
      pct(r.attendance, lang),
      pct(r.journalFill, lang),
      String(r.atRisk),
      r.change.quality === null ? "" : ppChange(r.change.quality, lang),
      r.change.attendance === null ? "" : ppChange(r.change.attendance, lang),
    ]),
    align: ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  });
  const least = m.leastFilled.filter((x) => x.journalFill < 100).slice(0, LEAST_FILLED);
  if (least.length) {
    blocks.push({
      kind: "heading",
      level: 2,
      text: ru ? "Журналы заполнены меньше всего" : "Least filled journals",
    });
    blocks.push({ kind: "bullets", items: least.map((x) => `${x.school}: ${pct(x.journalFill, lang)} %`) });
  }
  const applicants = m.registries.reduce((a, r) => a + r.registry.applicants.length, 0);
  const teachers = m.registries.reduce((a, r) => a + r.registry.teachers.length, 0);
  const tutors = m.registries.reduce((a, r) => a + r.registry.tutors.length, 0);
  blocks.push({ kind: "heading", level: 2, text: ru ? "Списки" : "Lists" });
  blocks.push({
    kind: "paragraph",
    text: ru
      ? `Заявки на дистанционное обучение: ${count(applicants, "student", lang)}; сетевых преподавателей: ${teachers}; тьюторов: ${tutors}. Поимённо — в книге свода (учащиеся только по ID).`
      : `Applications for distance learning: ${count(applicants, "student", lang)}; network teachers: ${teachers}; tutors: ${tutors}. By name in the rollup workbook (students by ID only).`,
  });
  blocks.push(...activityBlocks(m, lang));
  blocks.push(...achievementsBlocks(m, lang));
  blocks.push({
    kind: "paragraph",
    style: "note",
    text: ru
      ? `Итоги пересчитаны из сумм по школам (${listJoin(["отметок", "уроков", "пропусков", "столбцов журналов"], lang)}), а не как среднее процентов.`
      : `Totals are recomputed from the schools' summed counts (${listJoin(["marks", "lessons", "absences", "journal columns"], lang)}), not as an average of percentages.`,
  });
  return { title, lang, blocks };
}

/** Issue 17: the month's achievements by level, per school and in total. */
function achievementRows(m: Municipal): (string | number)[][] {
  const rows = m.registries
    .filter((r) => r.registry.achievements)
    .map((r) => {
      const a = r.registry.achievements ?? {};
      const counts = LEVELS.map((l) => a[l] ?? 0);
      return [r.school, ...counts, counts.reduce((x, y) => x + y, 0)];
    });
  return rows;
}

function achievementsBlocks(m: Municipal, lang: Lang): Block[] {
  const rows = achievementRows(m);
  if (!rows.some((r) => Number(r[r.length - 1]) > 0)) return [];
  const sums = rows[0].slice(1).map((_, i) => rows.reduce((a, r) => a + Number(r[i + 1]), 0));
  const total = [lang === "ru" ? "Всего" : "Total", ...sums];
  return [
    {
      kind: "table",
      caption:
        lang === "ru"
          ? "Достижения учащихся за месяц по уровням"
          : "Students' achievements of the month by level",
      header: [
        lang === "ru" ? "Школа" : "School",
        ...LEVELS.map((l) => levelLabel(l, lang)),
        lang === "ru" ? "Всего" : "Total",
      ],
      rows: [...rows, total].map((r) => r.map(String)),
      align: ["left", ...LEVELS.map(() => "right" as const), "right"],
    },
  ];
}

export function municipalSheets(m: Municipal, failed: readonly FailedSource[], lang: Lang): SheetWrite[] {
  const ru = lang === "ru";
  const sheet = (name: string, header: string[], rows: WriteValue[][]): SheetWrite => ({
    sheet: name,
    create: true,
    cells: [{ row: 1, col: 1, values: [header, ...rows] }],
    frozenRows: 1,
    boldRows: 1,
  });
  const t = m.totals;
  return [
    sheet(
      ru ? "Школы" : "Schools",
      ru
        ? [
            "Школа",
            "Источник",
            "Учащихся",
            "N",
            "Успеваемость, %",
            "Качество, %",
            "СОУ, %",
            "Средний балл",
            "Посещаемость, %",
            "Заполнение журналов, %",
            "В группе риска",
            "Δ успеваемость",
            "Δ качество",
            "Δ средний балл",
            "Δ посещаемость",
          ]
        : [
            "School",
            "Source",
            "Students",
            "N",
            "Pass rate, %",
            "Quality, %",
            "SOU, %",
            "Average",
            "Attendance, %",
            "Journal fill, %",
            "At risk",
            "Δ pass rate",
            "Δ quality",
            "Δ average",
            "Δ attendance",
          ],
      [
        ...m.rows.map((r) => [
          r.school,
          r.source,
          r.students,
          r.N,
          r1(r.success),
          r1(r.quality),
          r1(r.sou),
          r2(r.average),
          r1(r.attendance),
          r1(r.journalFill),
          r.atRisk,
          r1(r.change.success),
          r1(r.change.quality),
          r2(r.change.average),
          r1(r.change.attendance),
        ]),
        [
          ru ? "Итого" : "Total",
          "",
          t.students,
          t.N,
          r1(t.success),
          r1(t.quality),
          r1(t.sou),
          r2(t.average),
          r1(t.attendance),
          r1(t.journalFill),
          t.atRisk,
        ],
      ],
    ),
    sheet(
      ru ? "Заявки на ДО" : "Applications",
      ru ? ["Школа", "ID учащегося", "Класс"] : ["School", "Student ID", "Class"],
      m.registries.flatMap((r) => r.registry.applicants.map((a) => [r.school, a.id, a.className])),
    ),
    sheet(
      ru ? "Сетевые преподаватели" : "Network teachers",
      ru ? ["Школа", "ФИО", "Предметы"] : ["School", "Name", "Subjects"],
      m.registries.flatMap((r) => r.registry.teachers.map((x) => [r.school, x.name, x.subjects])),
    ),
    sheet(
      ru ? "Тьюторы" : "Tutors",
      ru ? ["Школа", "ФИО"] : ["School", "Name"],
      m.registries.flatMap((r) => r.registry.tutors.map((x) => [r.school, x.name])),
    ),
    sheet(
      ru ? "Мероприятия, курсы, АРМ" : "Events, courses, workstations",
      ACTIVITY_HEAD[lang],
      m.registries.map((r) => [r.school, ...activityCells(r.registry.activity)]),
    ),
    sheet(
      ru ? "Достижения" : "Achievements",
      [ru ? "Школа" : "School", ...LEVELS.map((l) => levelLabel(l, lang)), ru ? "Всего" : "Total"],
      achievementRows(m),
    ),
    sheet(
      ru ? "Не получены" : "Not received",
      ru ? ["Источник", "Причина"] : ["Source", "Reason"],
      failed.map((f) => [f.source, f.message]),
    ),
  ];
}

// Issue 18: events, courses and workstation coverage per school.
const ACTIVITY_HEAD = {
  ru: [
    "Школа",
    "Мероприятий",
    "Участий",
    "Курсов",
    "Записей на курсы",
    "Участников ДО",
    "С рабочим местом",
    "Охват АРМ, %",
  ],
  en: [
    "School",
    "Events",
    "Participations",
    "Courses",
    "Course enrolments",
    "Participants",
    "With a workstation",
    "Workstation coverage, %",
  ],
};

function activityCells(a: SchoolActivity | undefined): WriteValue[] {
  if (!a) return ["", "", "", "", "", "", ""];
  const cover =
    a.withWorkstation === null || !a.participants
      ? ""
      : Math.round((a.withWorkstation * 1000) / a.participants) / 10;
  return [
    a.events,
    a.participations,
    a.courses,
    a.courseEnrolments,
    a.participants,
    a.withWorkstation ?? "",
    cover,
  ];
}

function activityBlocks(m: Municipal, lang: Lang): Block[] {
  const rows = m.registries.filter((r) => r.registry.activity);
  if (!rows.length) return [];
  const ru = lang === "ru";
  return [
    {
      kind: "heading",
      level: 2,
      text: ru ? "Мероприятия, курсы, рабочие места" : "Events, courses, workstations",
    },
    {
      kind: "table",
      header: ACTIVITY_HEAD[lang],
      rows: rows.map((r) => [
        r.school,
        ...activityCells(r.registry.activity).map((v) =>
          typeof v === "number" && !Number.isInteger(v) && ru ? String(v).replace(".", ",") : String(v),
        ),
      ]),
      align: ["left", "right", "right", "right", "right", "right", "right", "right"],
      wide: true,
    },
  ];
}
