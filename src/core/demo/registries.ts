/**
 * The demo school's registries (issue 18), made from the workbook as of `today`: two events a
 * school month (a distance conference or a quiz for students, a seminar for a teacher), a small
 * course bank, a working workstation for every participant (two problems still open, one
 * solved), and the support technician's attendance notes on one lesson of the latest
 * month with lessons — one of them contradicting the journal. Nothing dated after `today`.
 */
import type { WriteValue } from "../cells.js";
import { addDays, isoOf } from "../dates.js";
import type { Lang } from "../i18n.js";
import { isAbsence } from "../journal/grammar.js";
import type { Model } from "../model.js";
import { enumLabel } from "../schema.js";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** School months from September of the demo's year up to `today` (May at the latest). */
function schoolMonths(year: number, today: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < 9; i++) {
    const y = year + Math.floor((8 + i) / 12);
    const m = ((8 + i) % 12) + 1;
    if (isoOf(y, m, 1) <= today) out.push(isoOf(y, m, 1).slice(0, 7));
  }
  return out;
}

function events(model: Model, year: number, today: string, lang: Lang): WriteValue[][] {
  const active = model.students.filter((s) => s.status === "active");
  const yes = (ru: string, en: string) => (lang === "ru" ? ru : en);
  const rows: WriteValue[][] = [];
  schoolMonths(year, today).forEach((month, i) => {
    const kids = [0, 1, 2, 3]
      .map((k) => active[(i * 7 + k * 11) % Math.max(1, active.length)]?.id)
      .filter(Boolean);
    const first = `${month}-12`;
    if (first <= today)
      rows.push([
        d(first),
        enumLabel("eventKind", i % 2 ? "quiz" : "conference", lang),
        i % 2
          ? yes("Интернет-викторина «Знатоки математики»", "Maths online quiz")
          : yes("Конференция «Шаг в науку»", "Step into science conference"),
        yes(i % 2 ? "муниципальный" : "региональный", i % 2 ? "municipal" : "regional"),
        yes("ИРО", "Regional institute"),
        "https://events.example/" + month,
        [...kids, "T01"].join(", "),
        `${kids[0]}: ${yes("победитель", "winner")}; ${kids[1]}: ${yes("призёр", "prize")}; ${kids[2]}: ${yes("участник", "participant")}`,
      ]);
    const second = `${month}-20`;
    if (second <= today)
      rows.push([
        d(second),
        enumLabel("eventKind", "seminar", lang),
        yes("Семинар сетевых преподавателей", "Network teachers' seminar"),
        yes("муниципальный", "municipal"),
        yes("ИМЦ", "Methods centre"),
        "",
        "T05, R01",
        `T05: ${yes("сертификат", "certificate")}`,
      ]);
  });
  return rows;
}

function courses(model: Model, lang: Lang): WriteValue[][] {
  const ids = model.students.filter((s) => s.status === "active").map((s) => s.id);
  const pick = (from: number, n: number) => ids.slice(from, from + n).join(", ");
  const l = (k: "courseKind" | "courseStatus", v: string) => enumLabel(k, v, lang);
  const ru = lang === "ru";
  return [
    [
      ru ? "Олимпиадная математика" : "Olympiad maths",
      l("courseKind", "olympiad"),
      ru ? "Сириус.Курсы" : "Sirius",
      "https://edu.example/olymp",
      34,
      "9–11",
      pick(0, 6),
      l("courseStatus", "running"),
    ],
    [
      ru ? "Основы робототехники" : "Robotics basics",
      l("courseKind", "elective"),
      ru ? "ЦДО «Кванториум»" : "Quantorium",
      "",
      17,
      "8–9",
      pick(10, 5),
      l("courseStatus", "running"),
    ],
    [
      ru ? "Профильная химия" : "Profile chemistry",
      l("courseKind", "profile"),
      ru ? "Школа № 7" : "School 7",
      "",
      68,
      "10–11",
      pick(20, 4),
      l("courseStatus", "planned"),
    ],
  ];
}

function workstations(model: Model, today: string, lang: Lang): WriteValue[][] {
  const enrolled = new Set(model.enrollments.map((e) => e.studentId));
  const teaching = new Set(model.groups.flatMap((g) => [g.teacherId, g.tutorId]));
  const people = [
    ...model.students.filter((s) => s.status === "active" && enrolled.has(s.id)).map((s) => s.id),
    ...model.staff.filter((s) => teaching.has(s.id)).map((s) => s.id),
  ];
  const y = enumLabel("yesNo", "yes", lang);
  const home = enumLabel("place", "home", lang);
  const school = enumLabel("place", "school", lang);
  const ru = lang === "ru";
  // Every participant works; two problems are open (they do not stop the lessons), one solved.
  return people.map((id, i) => {
    const staff = !id.startsWith("S");
    const row = (problem: string, reported: string | null, resolved: string | null): WriteValue[] => [
      id,
      y,
      y,
      y,
      staff ? school : home,
      staff ? "214" : "",
      problem,
      reported ? d(reported) : null,
      resolved ? d(resolved) : null,
    ];
    if (i === 4)
      return row(
        ru ? "медленный Интернет, обрывы связи" : "slow Internet, drop-outs",
        addDays(today, -3),
        null,
      );
    if (i === 9) return row(ru ? "гарнитура хрипит" : "headset crackles", addDays(today, -6), null);
    if (i === 12)
      return row(ru ? "не работала камера" : "camera did not work", addDays(today, -20), addDays(today, -15));
    return row("", null, null);
  });
}

/** The support technician's notes on the latest lesson of G01 before today (one contradicts the journal). */
function support(model: Model, today: string, lang: Lang): WriteValue[][] {
  const j = model.journals.find((x) => x.groupId === "G01") ?? model.journals[0];
  const reporter = model.staff.find((s) => s.role === "support")?.id;
  if (!j || !reporter) return [];
  const k = j.columns
    .map((c, i) => [c, i] as const)
    .filter(([c]) => c.date < today.slice(0, 7) + "-01")
    .pop();
  if (!k) return [];
  const [col, i] = k;
  const rows = j.rows.filter((r) => r.entries[i]?.ok).slice(0, 4);
  const ru = lang === "ru";
  return rows.map((r, n) => {
    const e = r.entries[i];
    const absent = e.ok && isAbsence(e.attendance);
    const present = n === 3 ? absent : !absent; // the fourth note says otherwise
    return [
      d(col.date),
      reporter,
      j.groupId,
      r.studentId,
      enumLabel("yesNo", present ? "yes" : "no", lang),
      n === 0 ? (ru ? "подключился без камеры" : "joined without a camera") : "",
    ];
  });
}

export function demoRegistries(model: Model, year: number, today: string, lang: Lang) {
  return {
    events: events(model, year, today, lang),
    courses: courses(model, lang),
    workstations: workstations(model, today, lang),
    supportReports: support(model, today, lang),
  };
}
