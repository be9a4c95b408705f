/**
 * The demo school's individual students (issue 17): an ИУП for the first active student of
 * four classes (the distance groups they attend, as many hours as the schedule has, and the
 * subjects they study in person), one line corrected in November with its log row, and a
 * portfolio of achievements across the levels. Only what has happened by `today` is in it.
 */
import type { WriteValue } from "../cells.js";
import { isoOf } from "../dates.js";
import type { Lang } from "../i18n.js";
import { enumLabel } from "../schema.js";
import type { DemoSchool } from "./school.js";

const iso = (v: WriteValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : "");
const date = (d: string) => new Date(`${d}T00:00:00Z`);

function planOf(
  demo: DemoSchool,
  sid: string,
  lang: Lang,
  year: number,
  today: string,
  corrects: boolean,
): WriteValue[][] {
  const L = (ru: string, en: string) => (lang === "ru" ? ru : en);
  const basis = L(`заявление родителей от 25.08.${year}`, `parents' application of 25.08.${year}`);
  const end = date(isoOf(year + 1, 5, 31));
  const groups = demo.rows.groups ?? [];
  const slots = (g: string) => (demo.rows.schedule ?? []).filter((r) => r[0] === g).length;
  const used = new Set<string>();
  const distance = enumLabel("planForm", "distance", lang);
  const inPerson = enumLabel("planForm", "inPerson", lang);
  const out: WriteValue[][] = [];
  for (const e of (demo.rows.enrollments ?? []).filter((r) => r[0] === sid)) {
    const g = groups.find((x) => x[0] === e[1]);
    if (!g) continue;
    const subject = used.has(String(g[2])) ? String(g[1]) : String(g[2]);
    used.add(subject);
    out.push([sid, subject, slots(String(g[0])), distance, g[0], e[2], e[3] ?? end, basis, "", "", ""]);
  }
  const base: [string, string, number][] = [
    ["Русский язык", "Russian", 4],
    ["Литература", "Literature", 2],
    ["История", "History", 2],
    ["Физическая культура", "Physical education", 2],
  ];
  for (const [ru, en, h] of base) {
    if (used.has(L(ru, en))) continue; // studied at a distance already
    const corrected = corrects && ru === "Физическая культура" && today >= isoOf(year, 11, 16);
    out.push([
      sid,
      L(ru, en),
      h,
      inPerson,
      "",
      date(isoOf(year, 9, 1)),
      end,
      basis,
      "",
      corrected ? date(isoOf(year, 11, 16)) : "",
      corrected ? L("справка о медицинской группе", "a medical group certificate") : "",
    ]);
  }
  return out;
}

export function withDemoIndividual(demo: DemoSchool, lang: Lang, today: string): DemoSchool {
  const year = Number(demo.from.slice(0, 4));
  const L = (ru: string, en: string) => (lang === "ru" ? ru : en);
  const active = enumLabel("status", "active", lang);
  const chosen: string[] = [];
  const classes = new Set<string>();
  for (const s of demo.rows.students ?? []) {
    const [id, , cls, status] = s.map(String);
    if (status !== active || classes.has(cls) || chosen.length >= 4) continue;
    if (!(demo.rows.enrollments ?? []).some((e) => e[0] === id)) continue;
    classes.add(cls);
    chosen.push(id);
  }
  const plans = chosen.flatMap((sid, i) => planOf(demo, sid, lang, year, today, i === 0));
  const first = chosen[0];
  const pe = plans.findIndex((r) => r[0] === first && r[9] instanceof Date);
  const corrections: WriteValue[][] =
    pe >= 0
      ? [
          [
            date(isoOf(year, 11, 16)),
            first,
            plans[pe][1],
            pe + 2,
            L("Часов в неделю", "Hours a week"),
            "3",
            "2",
            plans[pe][10],
            "k01@school7.example",
          ],
        ]
      : [];
  const level = (v: string) => enumLabel("achievementLevel", v, lang);
  const result = (v: string) => enumLabel("achievementResult", v, lang);
  const portfolio: WriteValue[][] = [
    [
      chosen[0],
      date(isoOf(year, 9, 28)),
      L("олимпиада", "olympiad"),
      L("Школьный этап ВсОШ по математике", "School round of the national maths olympiad"),
      level("school"),
      result("winner"),
      "https://olimpiada.example/s/1",
      "T01",
    ],
    [
      chosen[1],
      date(isoOf(year, 10, 19)),
      L("конкурс", "contest"),
      L("Конкурс «Юный физик»", "Young physicist contest"),
      level("municipal"),
      result("prizewinner"),
      "https://contest.example/2",
      "T02",
    ],
    [
      chosen[0],
      date(isoOf(year, 11, 13)),
      L("проект", "project"),
      L("Проект «Птицы нашего города»", "Project: Birds of our town"),
      level("regional"),
      result("participant"),
      "",
      "R01",
    ],
    [
      chosen[2],
      date(isoOf(year, 11, 24)),
      L("викторина", "quiz"),
      L("Онлайн-викторина по информатике", "Online informatics quiz"),
      level("national"),
      result("participant"),
      "https://quiz.example/3",
      "T03",
    ],
    [
      chosen[3],
      date(isoOf(year + 1, 2, 10)),
      L("конференция", "conference"),
      L("Конференция «Шаг в науку»", "Step into science conference"),
      level("regional"),
      result("winner"),
      "",
      "T04",
    ],
  ].filter((r) => r[0] && iso(r[1]) <= today);
  demo.rows.plans = plans;
  demo.rows.planCorrections = corrections;
  demo.rows.portfolio = portfolio;
  return demo;
}
