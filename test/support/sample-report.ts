/**
 * Sample ReportDocs for renderer tests and for looking at the output: a monthly summary of a
 * school in Russian, with every kind of block, and a short English one.
 */
import type { ReportDoc, TableBlock } from "../../src/core/report/model.js";

const CLASSES: [string, number, number, number, number, number, number, number][] = [
  // class, students, n5, n4, n3, n2, n/a, absences %
  ["5А", 24, 6, 10, 6, 1, 1, 7.4],
  ["5Б", 23, 4, 9, 8, 2, 0, 9.1],
  ["6А", 25, 5, 11, 7, 0, 2, 6.2],
  ["6Б", 22, 3, 8, 8, 2, 1, 11.8],
  ["7А", 26, 4, 12, 8, 1, 1, 8.5],
  ["7Б", 21, 2, 7, 9, 3, 0, 14.3],
  ["8А", 24, 5, 9, 8, 1, 1, 10.0],
  ["9А", 20, 3, 8, 7, 1, 1, 12.6],
  ["10А", 18, 4, 8, 5, 0, 1, 5.9],
  ["11А", 15, 5, 6, 4, 0, 0, 4.7],
];

const pct = (x: number) => x.toFixed(1).replace(".", ",");

function classTable(): TableBlock {
  const rows = CLASSES.map(([name, students, n5, n4, n3, n2, na, absent]) => {
    const n = n5 + n4 + n3 + n2 + na;
    return [
      name,
      String(students),
      String(n5),
      String(n4),
      String(n3),
      String(n2),
      String(na),
      pct(((n5 + n4 + n3) * 100) / n),
      pct(((n5 + n4) * 100) / n),
      pct(100 - absent),
    ];
  });
  return {
    kind: "table",
    caption: "Таблица 1. Сводная ведомость успеваемости по классам за октябрь 2026 г.",
    header: [
      "Класс",
      "Учеников",
      "«5»",
      "«4»",
      "«3»",
      "«2»",
      "н/а",
      "Успеваемость, %",
      "Качество, %",
      "Посещаемость, %",
    ],
    rows,
    align: ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  };
}

const GROUPS: [string, number][] = [
  ["Математика 5А/5Б (Иванова Е. П.)", 93.4],
  ["Русский язык 6А (Петрова О. В.)", 91.2],
  ["Английский язык 6Б (Смирнов А. Н.)", 84.7],
  ["Информатика 7А (Кузнецов Д. С.)", 95.1],
  ["Физика 7Б (Соколова М. И.)", 78.9],
  ["История 8А (Волков И. Г.)", 88.0],
  ["Химия 9А (Морозова Т. А.)", 81.5],
  ["Биология 9А (Лебедева Н. Ю.)", 86.3],
  ["Алгебра 10А (Новиков П. Р.)", 94.6],
  ["Обществознание 11А (Фёдорова Ю. К.)", 97.2],
];

/** A monthly summary of a school in Russian: every kind of block, realistic lengths. */
export function sampleReportRu(): ReportDoc {
  return {
    title: "Отчёт о дистанционном обучении за октябрь 2026 г.",
    lang: "ru",
    blocks: [
      { kind: "heading", level: 1, text: "Отчёт о дистанционном обучении за октябрь 2026 г." },
      {
        kind: "paragraph",
        style: "note",
        text: "МБОУ «Средняя общеобразовательная школа № 7», г. Вологда. Период: 01.10.2026–31.10.2026. Сформировано 02.11.2026.",
      },
      { kind: "heading", level: 2, text: "Основные показатели" },
      {
        kind: "paragraph",
        lead: "Обучаются дистанционно:",
        text: "218 учеников из 10 классов в 34 группах; проведено 1 146 уроков из 1 180 запланированных (97,1 %).",
      },
      {
        kind: "paragraph",
        lead: "Успеваемость:",
        text: "95,8 % (в сентябре — 94,1 %, +1,7 п. п.); качество знаний — 54,3 %; средний балл — 3,82; СОУ — 58,9 %.",
      },
      {
        kind: "paragraph",
        lead: "Посещаемость:",
        text: "91,1 %. Пропущено 1 872 урока, из них по болезни — 604, по уважительной причине — 415, без причины — 853.",
      },
      {
        kind: "paragraph",
        lead: "Группа риска:",
        text: "17 учеников (7,8 %): 9 — из-за пропусков более 30 % уроков, 5 — с отметкой «2» за месяц, 3 — без отметки (н/а).",
      },
      { kind: "heading", level: 2, text: "Успеваемость по классам" },
      classTable(),
      {
        kind: "paragraph",
        style: "note",
        text: "Успеваемость — доля отметок «5», «4» и «3»; качество — доля «5» и «4»; н/а — меньше трёх отметок за месяц.",
      },
      { kind: "heading", level: 2, text: "Посещаемость и отметки" },
      {
        kind: "chart",
        chart: "bar",
        title: "Посещаемость по группам, %",
        categories: GROUPS.map(([g]) => g),
        series: [{ name: "Посещаемость, %", values: GROUPS.map(([, v]) => v) }],
        max: 100,
        alt: "Посещаемость по группам: от 78,9 % (Физика 7Б) до 97,2 % (Обществознание 11А), в среднем 89,1 %.",
      },
      {
        kind: "chart",
        chart: "column",
        title: "Распределение отметок за месяц",
        categories: ["5", "4", "3", "2", "н/а"],
        series: [{ name: "Учеников", values: [41, 88, 70, 11, 8] }],
        alt: "Отметки за месяц: «5» — 41, «4» — 88, «3» — 70, «2» — 11, н/а — 8 учеников.",
      },
      { kind: "heading", level: 2, text: "Успехи и проблемы" },
      { kind: "heading", level: 3, text: "Успехи" },
      {
        kind: "bullets",
        items: [
          "Посещаемость выросла на 2,4 п. п. по сравнению с сентябрём, больше всего — в 10А и 11А.",
          "Все журналы групп заполнены не менее чем на 95 %; у 28 групп из 34 — полностью.",
          "Родители 46 учеников оставили отзывы через форму; 39 отзывов положительные.",
        ],
      },
      { kind: "heading", level: 3, text: "Проблемы" },
      {
        kind: "bullets",
        items: [
          "В группе «Физика 7Б» посещаемость 78,9 %: 6 учеников пропустили более трети уроков.",
          "11 учеников получили «2» за месяц; с родителями 4 из них связаться не удалось.",
          "Тьютор группы «Химия 9А» не выходил на связь с группой 16 дней.",
        ],
      },
      {
        kind: "paragraph",
        text: "Классным руководителям 6Б и 7Б предложено до 10 ноября провести встречи с родителями учеников группы риска.",
      },
    ],
  };
}

/** A short English report: headings, a lead paragraph, a small table and a column chart. */
export function sampleReportEn(): ReportDoc {
  return {
    title: "Distance learning report, October 2026",
    lang: "en",
    blocks: [
      { kind: "heading", level: 1, text: "Distance learning report, October 2026" },
      { kind: "paragraph", lead: "Attendance:", text: "91.1% (September: 88.7%)." },
      {
        kind: "table",
        header: ["Class", "Students", "Success, %", "Quality, %"],
        rows: [
          ["5A", "24", "95.8", "66.7"],
          ["5B", "23", "91.3", "56.5"],
          ["6A", "25", "92.0", "64.0"],
        ],
        align: ["left", "right", "right", "right"],
      },
      {
        kind: "chart",
        chart: "column",
        title: "Month marks",
        categories: ["5", "4", "3", "2", "n/a"],
        series: [{ name: "Students", values: [14, 29, 21, 3, 2] }],
        alt: "Month marks: 5 — 14, 4 — 29, 3 — 21, 2 — 3, n/a — 2 students.",
      },
      { kind: "bullets", items: ["Every journal was filled in.", "Two tutors missed a contact."] },
    ],
  };
}
