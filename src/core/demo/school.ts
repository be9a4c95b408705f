/**
 * The demo school behind `coordinator init --demo` and `npm start`: a realistic Russian
 * school's distance-learning year (September to May, with the quarter breaks and public
 * holidays), deterministic for a given year, seed and day so tests can rely on it. The
 * workbook is a snapshot as of `today`: students who left by then have the status «выбыл»,
 * students who arrive later are not in it yet. Rows follow the column order of SHEETS.
 */

import { defaultPeriodRows } from "../attestation/default-periods.js";
import type { WriteValue } from "../cells.js";
import { addDays, isoOf, isoWeekday } from "../dates.js";
import type { Lang } from "../i18n.js";
import { enumLabel, type SettingKey, type SheetKey } from "../schema.js";
import { demoAttestationRows } from "./attestation.js";
import { yearMovement } from "./movement.js";
import { FEMALE, MALE, patronymic, SURNAMES, surname } from "./names.js";
import { type Random, seeded } from "./random.js";

export interface DemoSchool {
  settings: Partial<Record<SettingKey, string>>;
  /** Data rows (no header) per sheet, columns in SHEETS order. */
  rows: Partial<Record<SheetKey, WriteValue[][]>>;
  /** First and last day of the demo's schedule. */
  from: string;
  to: string;
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

const STAFF: readonly [string, string, "teacher" | "tutor" | "coordinator" | "support", string][] = [
  ["T01", "Кузнецова Ольга Викторовна", "teacher", "Математика"],
  ["T02", "Лебедев Андрей Игоревич", "teacher", "Физика"],
  ["T03", "Соколова Елена Сергеевна", "teacher", "Информатика"],
  ["T04", "Морозова Наталья Андреевна", "teacher", "Химия, биология"],
  ["T05", "Белов Сергей Олегович", "teacher", "Английский язык"],
  ["T06", "Орлова Татьяна Николаевна", "teacher", "Русский язык, литература"],
  ["T07", "Григорьев Павел Александрович", "teacher", "История, обществознание"],
  ["R01", "Волкова Анастасия Игоревна", "tutor", ""],
  ["R02", "Захаров Денис Сергеевич", "tutor", ""],
  ["R03", "Яковлева Ирина Олеговна", "tutor", ""],
  ["K01", "Степанова Марина Викторовна", "coordinator", ""],
  ["A01", "Титов Олег Андреевич", "support", "техническая поддержка"],
];

/** id, title, subject, teacher, tutor, classes it serves, two weekly slots [weekday, start]. */
const GROUPS: readonly [string, string, string, string, string, string[], [number, string][]][] = [
  [
    "G01",
    "Математика 9 (углублённая)",
    "Математика",
    "T01",
    "R01",
    ["9А", "9Б"],
    [
      [1, "14:00"],
      [3, "14:00"],
    ],
  ],
  [
    "G02",
    "Физика 9",
    "Физика",
    "T02",
    "R01",
    ["9А", "9Б"],
    [
      [2, "14:00"],
      [4, "14:00"],
    ],
  ],
  [
    "G03",
    "Информатика 10",
    "Информатика",
    "T03",
    "R02",
    ["10А"],
    [
      [1, "15:00"],
      [4, "15:00"],
    ],
  ],
  [
    "G04",
    "Химия 10–11",
    "Химия",
    "T04",
    "R02",
    ["10А", "11А"],
    [
      [2, "15:00"],
      [5, "14:00"],
    ],
  ],
  [
    "G05",
    "Английский язык 7–8",
    "Английский язык",
    "T05",
    "R03",
    ["7А", "8А"],
    [
      [1, "16:00"],
      [3, "16:00"],
    ],
  ],
  [
    "G06",
    "Русский язык 11 (ЕГЭ)",
    "Русский язык",
    "T06",
    "R03",
    ["11А"],
    [
      [2, "16:00"],
      [4, "16:00"],
    ],
  ],
  [
    "G07",
    "Биология 11",
    "Биология",
    "T04",
    "R02",
    ["11А"],
    [
      [3, "15:00"],
      [5, "15:00"],
    ],
  ],
  [
    "G08",
    "История 7",
    "История",
    "T07",
    "R03",
    ["7А"],
    [
      [2, "17:00"],
      [5, "16:00"],
    ],
  ],
  [
    "G09",
    "Олимпиадная математика 5–6",
    "Математика",
    "T01",
    "R01",
    ["5А", "6А"],
    [
      [4, "17:00"],
      [5, "17:00"],
    ],
  ],
  [
    "G10",
    "Обществознание 11",
    "Обществознание",
    "T07",
    "R03",
    ["11А", "10А"],
    [
      [1, "17:00"],
      [3, "17:00"],
    ],
  ],
];

const TITLES_EN: Record<string, [string, string]> = {
  G01: ["Mathematics 9 (advanced)", "Mathematics"],
  G02: ["Physics 9", "Physics"],
  G03: ["Computer science 10", "Computer science"],
  G04: ["Chemistry 10–11", "Chemistry"],
  G05: ["English 7–8", "English"],
  G06: ["Russian 11 (exam prep)", "Russian"],
  G07: ["Biology 11", "Biology"],
  G08: ["History 7", "History"],
  G09: ["Olympiad mathematics 5–6", "Mathematics"],
  G10: ["Social studies 11", "Social studies"],
};

const CLASSES = ["5А", "6А", "7А", "8А", "9А", "9Б", "10А", "11А"];
const CHANNELS = ["Telegram", "VK", "телефон", "email", "Сферум"];

function addMinutes(t: string, m: number): string {
  const total = Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) + m;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

export function demoSchool(opts: { year: number; lang: Lang; seed?: number; today?: string }): DemoSchool {
  const { year, lang } = opts;
  const rnd: Random = seeded(opts.seed ?? 2026);
  const L = (ru: string, en: string) => (lang === "ru" ? ru : en);
  const from = isoOf(year, 9, 1);
  const to = isoOf(year + 1, 5, 26);
  const today = opts.today ?? to;
  const settings: Partial<Record<SettingKey, string>> = {
    school: L("МБОУ «Средняя школа № 7» г. Вологды", "School No. 7, Vologda"),
    schoolYear: `${year}/${year + 1}`,
    language: lang,
    timeZone: "Europe/Moscow",
    reportRecipients: "director@school7.example, zavuch@school7.example",
    schoolContact: L(
      "Степанова М. В., +7 (8172) 00-00-07, distant@school7.example",
      "M. Stepanova, +7 (8172) 00-00-07, distant@school7.example",
    ),
    // The report's title block and signatures, as a school files it.
    schoolCode: "35-007",
    director: L("Иванова Наталья Петровна", "N. Ivanova"),
    reportAddressee: L(
      "Начальнику управления образования Администрации г. Вологды",
      "Head of the Vologda Education Department",
    ),
    coordinator: L("Степанова Марина Викторовна", "M. Stepanova"),
    coordinatorPhone: "+7 (8172) 00-00-07",
  };

  const students: WriteValue[][] = [];
  const studentIds: { id: string; cls: string }[] = [];
  let n = 0;
  for (const cls of CLASSES) {
    const size = cls === "9А" || cls === "11А" ? 17 : 15;
    for (let i = 0; i < size; i++) {
      n++;
      const id = `S${String(n).padStart(3, "0")}`;
      const female = rnd.chance(0.5);
      const last = surname(rnd.pick(SURNAMES), female);
      const first = rnd.pick(female ? FEMALE : MALE);
      const parentFemale = rnd.chance(0.8);
      const parent = `${surname(last.replace(/а$/, "").replace(/ая$/, "ий"), parentFemale)} ${rnd.pick(parentFemale ? FEMALE : MALE)} ${patronymic(parentFemale, n)}`;
      const status = n === 37 ? "left" : n % 41 === 0 ? "applied" : "active";
      const consent = n % 23 !== 0;
      const email = n % 17 === 0 ? "" : `parent${String(n).padStart(3, "0")}@mail.example`;
      students.push([
        id,
        `${last} ${first}`,
        cls,
        enumLabel("status", status, lang),
        parent,
        email,
        `+7 9${String(10 + (n % 89)).padStart(2, "0")} ${String(100 + n).slice(-3)}-${String(10 + (n % 90)).padStart(2, "0")}-${String(n % 100).padStart(2, "0")}`,
        rnd.pick(CHANNELS),
        enumLabel("yesNo", consent ? "yes" : "no", lang),
        n % 29 === 0 ? L("ОВЗ: нужны субтитры", "needs subtitles") : "",
        status === "left" ? L("Переведён в другую школу", "Moved to another school") : "",
      ]);
      studentIds.push({ id, cls });
    }
  }

  const staff = STAFF.map(([id, name, role, subjects], i) => [
    id,
    name,
    enumLabel("role", role, lang),
    `${id.toLowerCase()}@school7.example`,
    `+7 921 000-0${String(i).padStart(1, "0")}-${String(10 + i)}`,
    subjects,
  ]);
  const groups = GROUPS.map(([id, title, subject, teacher, tutor]) => [
    id,
    lang === "ru" ? title : TITLES_EN[id][0],
    lang === "ru" ? subject : TITLES_EN[id][1],
    teacher,
    tutor,
    `https://meet.school7.example/${id.toLowerCase()}`,
    "",
  ]);

  // Enrollments: each active student joins the groups of their class with some probability;
  // a few join mid-term; the withdrawn student S037 leaves on 30 October.
  const enrollments: WriteValue[][] = [];
  const midTerm = isoOf(year, 10, 12);
  for (const s of studentIds) {
    const mine = GROUPS.filter((g) => g[5].includes(s.cls));
    let any = false;
    for (const g of mine) {
      if (!rnd.chance(0.75) && any) continue;
      any = true;
      const joinsLate = rnd.chance(0.06);
      const leaves = s.id === "S037";
      enrollments.push([
        s.id,
        g[0],
        date(joinsLate ? midTerm : from),
        leaves ? date(isoOf(year, 10, 30)) : null,
      ]);
    }
  }

  const schedule: WriteValue[][] = [];
  for (const g of GROUPS) {
    for (const [wd, start] of g[6]) {
      schedule.push([
        g[0],
        enumLabel("weekday", String(wd), lang),
        start,
        addMinutes(start, 45),
        enumLabel("mode", "online", lang),
        date(from),
        date(to),
      ]);
    }
  }

  const holidays: WriteValue[][] = [
    [date(isoOf(year, 10, 26)), date(isoOf(year, 11, 3)), L("Осенние каникулы", "Autumn break")],
    [date(isoOf(year, 11, 4)), date(isoOf(year, 11, 4)), L("День народного единства", "Unity Day")],
    ...laterHolidays(year, L),
  ];

  const firstWeekday = (iso: string, wd: number) => {
    let d = iso;
    while (isoWeekday(d) !== wd) d = addDays(d, 1);
    return d;
  };
  const kind = (k: string) => enumLabel("changeKind", k, lang);
  const g1Mon = firstWeekday(isoOf(year, 10, 5), 1);
  const g3Thu = firstWeekday(isoOf(year, 11, 12), 4);
  const changes: WriteValue[][] = [
    [
      date(g1Mon),
      "G01",
      kind("cancel"),
      "14:00",
      "",
      null,
      L("Болезнь преподавателя", "Teacher ill"),
      date(addDays(g1Mon, -1)),
    ],
    [
      date(g3Thu),
      "G03",
      kind("move"),
      "16:00",
      "16:45",
      date(addDays(g3Thu, 1)),
      L("Олимпиада по информатике", "Informatics olympiad"),
      null,
    ],
    [
      date(firstWeekday(isoOf(year, 9, 26), 6)),
      "G06",
      kind("extra"),
      "11:00",
      "11:45",
      null,
      L("Пробное сочинение", "Mock essay"),
      date(isoOf(year, 9, 24)),
    ],
    [
      date(firstWeekday(isoOf(year, 11, 21), 6)),
      "G01",
      kind("consultation"),
      "12:00",
      "12:45",
      null,
      L("Перед контрольной", "Before the test"),
      null,
    ],
    [
      date(firstWeekday(isoOf(year, 12, 7), 1)),
      "G05",
      kind("cancel"),
      "",
      "",
      null,
      L("Технические работы на платформе", "Platform maintenance"),
      null,
    ],
  ];

  // Contacts: notes by tutors and teachers on Tuesdays and Fridays; T07 (history) goes quiet
  // in November.
  const contacts: WriteValue[][] = [];
  const days: string[] = [];
  for (let d = firstWeekday(from, 2); d <= isoOf(year, 11, 30); d = addDays(d, 7))
    days.push(d, addDays(d, 3));
  for (const d of days) {
    for (const g of GROUPS) {
      if (rnd.chance(0.75))
        contacts.push([
          date(d),
          g[4],
          g[0],
          "",
          rnd.pick(CHANNELS),
          L("Напоминание о домашнем задании и ссылке на урок", "Homework reminder and lesson link"),
        ]);
      if (g[3] === "T07" && d >= isoOf(year, 11, 1)) continue;
      if (rnd.chance(0.45))
        contacts.push([
          date(d),
          g[3],
          g[0],
          "",
          rnd.pick(CHANNELS),
          L("Разбор контрольной работы", "Test review"),
        ]);
    }
  }
  contacts.push([
    date(isoOf(year, 10, 14)),
    "R01",
    "G01",
    "S012",
    L("телефон", "phone"),
    L("Беседа с родителем о пропусках", "Talk with a parent about absences"),
  ]);

  // The rest of the year comes from a second stream, so the autumn stays as it always was.
  const rest = seeded((opts.seed ?? 2026) + 7919);
  const groupsOf = (cls: string) => GROUPS.filter((g) => g[5].includes(cls)).map((g) => g[0]);
  const movement = yearMovement({
    year,
    lang,
    today,
    students,
    studentIds,
    enrollments,
    groupsOf,
    rnd: rest,
  });
  students.push(...movement.arrivals.students);
  enrollments.push(...movement.arrivals.enrollments);
  contacts.push(...laterContacts({ from: isoOf(year, 12, 1), until: [today, to].sort()[0], rnd: rest, L }));

  // Issue 16: the year's quarters and the attestation schedule.
  const periods = defaultPeriodRows(year, lang);
  const attestations = demoAttestationRows({ year, lang, groups: GROUPS, holidays, today });
  return {
    settings,
    rows: {
      students,
      staff,
      groups,
      enrollments,
      schedule,
      changes,
      holidays,
      contacts,
      periods,
      attestations,
    },
    from,
    to,
  };
}

type Say = (ru: string, en: string) => string;

/** Winter, February, March, spring and May holidays of the school year starting in `year`. */
function laterHolidays(year: number, L: Say): WriteValue[][] {
  const y = year + 1;
  return [
    [date(isoOf(year, 12, 29)), date(isoOf(y, 1, 11)), L("Зимние каникулы", "Winter break")],
    [
      date(isoOf(y, 2, 23)),
      date(isoOf(y, 2, 23)),
      L("День защитника Отечества", "Defender of the Fatherland Day"),
    ],
    [
      date(isoOf(y, 3, 8)),
      date(isoOf(y, 3, 8)),
      L("Международный женский день", "International Women's Day"),
    ],
    [date(isoOf(y, 3, 23)), date(isoOf(y, 3, 31)), L("Весенние каникулы", "Spring break")],
    [date(isoOf(y, 5, 1)), date(isoOf(y, 5, 3)), L("Праздник Весны и Труда", "Spring and Labour Day")],
    [date(isoOf(y, 5, 9)), date(isoOf(y, 5, 11)), L("День Победы", "Victory Day")],
  ];
}

/** Tutors' and teachers' notes from December on, twice a week, up to `until`. */
function laterContacts(p: { from: string; until: string; rnd: Random; L: Say }): WriteValue[][] {
  const out: WriteValue[][] = [];
  for (let d = p.from; d <= p.until; d = addDays(d, 1)) {
    const wd = isoWeekday(d);
    if (wd !== 2 && wd !== 5) continue;
    for (const g of GROUPS) {
      if (p.rnd.chance(0.7))
        out.push([
          date(d),
          g[4],
          g[0],
          "",
          p.rnd.pick(CHANNELS),
          p.L("Напоминание о домашнем задании и ссылке на урок", "Homework reminder and lesson link"),
        ]);
      if (p.rnd.chance(0.4))
        out.push([
          date(d),
          g[3],
          g[0],
          "",
          p.rnd.pick(CHANNELS),
          p.L("Разбор контрольной работы", "Test review"),
        ]);
    }
  }
  return out;
}
