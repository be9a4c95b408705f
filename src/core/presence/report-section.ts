/**
 * The monthly report's presence section, as renderer-neutral blocks:
 * «Присутствие преподавателей по расписанию» — per teacher / tutor, the lessons the logs
 * cover, and those where they were late (beyond «Опоздание СДО, мин», already in the verdict)
 * or absent; and the agreement of the journals with the logs per group, over the
 * student-lessons both record. Students appear only as counts.
 */
import { isBlank } from "../cells.js";
import { monthRange, ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { isAbsence } from "../journal/grammar.js";
import type { Model } from "../model.js";
import type { Block } from "../report/model.js";
import type { PresenceRow } from "./types.js";

const pct = (n: number, d: number, lang: Lang) => {
  if (!d) return "";
  const s = ((n * 100) / d).toFixed(1);
  return lang === "ru" ? s.replace(".", ",") : s;
};

const day = (iso: string, lang: Lang) => (lang === "ru" ? ruDate(iso).slice(0, 5) : iso.slice(5));

function staffTable(model: Model, rows: readonly PresenceRow[], lang: Lang): Block {
  const ru = lang === "ru";
  const names = new Map(model.staff.map((s) => [s.id, s.name]));
  const byPerson = new Map<string, PresenceRow[]>();
  for (const r of rows)
    if (r.role === "teacher" || r.role === "tutor")
      byPerson.set(`${r.personId}\u0000${r.role}`, [
        ...(byPerson.get(`${r.personId}\u0000${r.role}`) ?? []),
        r,
      ]);
  const out: string[][] = [];
  for (const [key, list] of [...byPerson].sort(([a], [b]) => a.localeCompare(b))) {
    const [id, role] = key.split("\u0000");
    const late = list.filter((r) => r.verdict === "late");
    const absent = list.filter((r) => r.verdict === "absent");
    const when = [
      ...late.map((r) => `${day(r.date, lang)} ${r.groupId} ${ru ? `+${r.lateBy} мин` : `+${r.lateBy} min`}`),
      ...absent.map((r) => `${day(r.date, lang)} ${r.groupId} ${ru ? "нет" : "absent"}`),
    ];
    out.push([
      names.get(id) ?? id,
      role === "teacher" ? (ru ? "преподаватель" : "teacher") : ru ? "тьютор" : "tutor",
      String(list.length),
      String(late.length),
      String(absent.length),
      when.join("; "),
    ]);
  }
  return {
    kind: "table",
    header: ru
      ? ["Сотрудник", "Роль", "Уроков в СДО", "Опозданий", "Отсутствий", "Когда"]
      : ["Staff member", "Role", "Lessons in the LMS", "Late", "Absent", "When"],
    rows: out,
    align: ["left", "left", "right", "right", "right", "left"],
  };
}

interface Agreement {
  lessons: Set<string>;
  compared: number;
  agree: number;
  blankAbsent: number;
  markedNoLog: number;
  noColumn: number;
}

function agreement(model: Model, rows: readonly PresenceRow[]): Map<string, Agreement> {
  const out = new Map<string, Agreement>();
  for (const r of rows) {
    const a = out.get(r.groupId) ?? {
      lessons: new Set(),
      compared: 0,
      agree: 0,
      blankAbsent: 0,
      markedNoLog: 0,
      noColumn: 0,
    };
    out.set(r.groupId, a);
    const lesson = `${r.date}#${r.index}`;
    const j = model.journals.find((x) => x.groupId === r.groupId);
    const col = j?.columns.findIndex((c) => c.date === r.date && c.index === r.index) ?? -1;
    if (!a.lessons.has(lesson) && (!j || col < 0)) a.noColumn++;
    a.lessons.add(lesson);
    if (r.role !== "student" || !j || col < 0) continue;
    const jr = j.rows.find((x) => x.studentId === r.personId);
    const entry = jr?.entries[col];
    if (!jr || !entry?.ok || entry.attendance === "exempt") continue;
    const logPresent = r.verdict !== "absent";
    const journalPresent = !isAbsence(entry.attendance);
    a.compared++;
    if (logPresent === journalPresent) a.agree++;
    else if (!logPresent && isBlank(jr.cells[col])) a.blankAbsent++;
    else if (!logPresent) a.markedNoLog++;
  }
  return out;
}

function agreementTable(model: Model, rows: readonly PresenceRow[], lang: Lang): Block {
  const ru = lang === "ru";
  const byGroup = agreement(model, rows);
  return {
    kind: "table",
    caption: ru ? "Журналы и данные СДО по группам" : "Journals and LMS logs by group",
    header: ru
      ? [
          "Группа",
          "Уроков в СДО",
          "Сверено отметок",
          "Совпадает, %",
          "Пусто, а входа не было",
          "Отмечен, а входа не было",
          "Урок без столбца",
        ]
      : [
          "Group",
          "Lessons in the LMS",
          "Marks compared",
          "Agree, %",
          "Blank, no login",
          "Marked, no login",
          "Lesson with no column",
        ],
    rows: [...byGroup]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([g, a]) => [
        g,
        String(a.lessons.size),
        String(a.compared),
        pct(a.agree, a.compared, lang),
        String(a.blankAbsent),
        String(a.markedNoLog),
        String(a.noColumn),
      ]),
    align: ["left", "right", "right", "right", "right", "right", "right"],
  };
}

/** The section for `month` ("YYYY-MM"); empty when the logs cover no lesson of the month. */
export function presenceReportBlocks(
  model: Model,
  rows: readonly PresenceRow[],
  month: string,
  lang: Lang,
): Block[] {
  const { from, to } = monthRange(month);
  const inMonth = rows.filter((r) => r.date >= from && r.date <= to);
  if (!inMonth.length) return [];
  const ru = lang === "ru";
  return [
    {
      kind: "heading",
      level: 2,
      text: ru ? "Присутствие преподавателей по расписанию" : "Teachers' presence by the schedule",
    },
    {
      kind: "paragraph",
      style: "note",
      text: ru
        ? "По выгрузкам Google Meet, Zoom и Moodle (лист «Присутствие в СДО»): только уроки, о которых есть данные."
        : 'From the Google Meet, Zoom and Moodle exports (sheet "LMS presence"): only the lessons the logs cover.',
    },
    staffTable(model, inMonth, lang),
    agreementTable(model, inMonth, lang),
  ];
}
