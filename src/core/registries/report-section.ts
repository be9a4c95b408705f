/**
 * The monthly report's sections from the registries (issue 18), as renderer-neutral blocks:
 * events of the month (participation by class, results), course enrolments, open workstation
 * problems, support-staff reports the journals contradict, and the cells changed after their
 * transfer to the home-class journals. Students appear by ID only.
 */
import { monthRange, ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { classKey } from "../metrics/klass.js";
import type { Model } from "../model.js";
import type { Block } from "../report/model.js";
import { enumLabel } from "../schema.js";
import { correctionLesson } from "../transfer/export.js";
import type { Correction } from "../transfer/types.js";
import { openProblem, supportDiscrepancies, workstationGaps } from "./checks.js";
import type { Registries } from "./types.js";

const day = (iso: string | null, lang: Lang) => (!iso ? "" : lang === "ru" ? ruDate(iso) : iso);
const none = (lang: Lang): Block => ({
  kind: "paragraph",
  text: lang === "ru" ? "Нет." : "None.",
  style: "note",
});

function eventBlocks(model: Model, r: Registries, month: string, lang: Lang): Block[] {
  const ru = lang === "ru";
  const { from, to } = monthRange(month);
  const events = r.events.filter((e) => e.date && e.date >= from && e.date <= to);
  const out: Block[] = [
    { kind: "heading", level: 2, text: ru ? "Мероприятия месяца" : "Events of the month" },
  ];
  if (!events.length) return [...out, none(lang)];
  const students = new Map(model.students.map((s) => [s.id, s]));
  const staff = new Set(model.staff.map((s) => s.id));
  out.push({
    kind: "table",
    header: ru
      ? ["Дата", "Вид", "Название", "Уровень", "Учащихся", "Сотрудников", "Результаты"]
      : ["Date", "Kind", "Title", "Level", "Students", "Staff", "Results"],
    rows: events.map((e) => [
      day(e.date, lang),
      e.kind ? enumLabel("eventKind", e.kind, lang) : "",
      e.title,
      e.level,
      String(e.participants.filter((id) => students.has(id)).length),
      String(e.participants.filter((id) => staff.has(id)).length),
      Object.entries(e.results)
        .map(([id, res]) => `${id}: ${res}`)
        .join("; "),
    ]),
    align: ["left", "left", "left", "left", "right", "right", "left"],
  });
  const byClass = new Map<string, { name: string; people: Set<string>; times: number; results: number }>();
  for (const e of events)
    for (const id of e.participants) {
      const s = students.get(id);
      if (!s) continue;
      const k = classKey(s.className);
      const c = byClass.get(k) ?? { name: s.className, people: new Set(), times: 0, results: 0 };
      c.people.add(id);
      c.times++;
      if (e.results[id]) c.results++;
      byClass.set(k, c);
    }
  out.push({
    kind: "table",
    caption: ru ? "Участие по классам" : "Participation by class",
    header: ru
      ? ["Класс", "Учащихся", "Участий", "С результатом"]
      : ["Class", "Students", "Participations", "With a result"],
    rows: [...byClass.values()]
      .sort((a, b) => a.name.localeCompare(b.name, "ru", { numeric: true }))
      .map((c) => [c.name, String(c.people.size), String(c.times), String(c.results)]),
    align: ["left", "right", "right", "right"],
  });
  return out;
}

function courseBlocks(r: Registries, lang: Lang): Block[] {
  const ru = lang === "ru";
  const out: Block[] = [
    { kind: "heading", level: 2, text: ru ? "Курсы: записи учащихся" : "Course enrolments" },
  ];
  if (!r.courses.length) return [...out, none(lang)];
  out.push({
    kind: "table",
    header: ru
      ? ["Курс", "Вид", "Кто ведёт", "Часов", "Записано", "Статус"]
      : ["Course", "Kind", "Provider", "Hours", "Enrolled", "Status"],
    rows: r.courses.map((c) => [
      c.title,
      c.kind ? enumLabel("courseKind", c.kind, lang) : "",
      c.provider,
      c.hours === null ? "" : String(c.hours),
      String(c.students.length),
      c.status ? enumLabel("courseStatus", c.status, lang) : "",
    ]),
    align: ["left", "left", "left", "right", "right", "left"],
  });
  return out;
}

function workstationBlocks(model: Model, r: Registries, lang: Lang): Block[] {
  const ru = lang === "ru";
  const out: Block[] = [
    {
      kind: "heading",
      level: 2,
      text: ru ? "Рабочие места (АРМ): открытые проблемы" : "Workstations: open problems",
    },
  ];
  const gaps = workstationGaps(model, r);
  const open = r.workstations.filter(openProblem);
  out.push({
    kind: "paragraph",
    text: ru
      ? `Без рабочего места с Интернетом: ${gaps.length}${gaps.length ? ` (${gaps.map((g) => g.personId).join(", ")})` : ""}.`
      : `Without a working workstation with Internet: ${gaps.length}${gaps.length ? ` (${gaps.map((g) => g.personId).join(", ")})` : ""}.`,
  });
  if (open.length)
    out.push({
      kind: "table",
      header: ru ? ["Кто", "Где", "Проблема", "Сообщено"] : ["Who", "Where", "Problem", "Reported"],
      rows: open.map((w) => [
        w.personId,
        [w.place ? enumLabel("place", w.place, lang) : "", w.room].filter(Boolean).join(", "),
        w.problem,
        day(w.reported, lang),
      ]),
    });
  return out;
}

function supportBlocks(model: Model, r: Registries, month: string, lang: Lang): Block[] {
  const ru = lang === "ru";
  const { from, to } = monthRange(month);
  const list = supportDiscrepancies(model, r).filter(
    (d) => d.record.date && d.record.date >= from && d.record.date <= to,
  );
  const out: Block[] = [
    {
      kind: "heading",
      level: 2,
      text: ru
        ? "Сведения вспомогательного персонала: расхождения с журналом"
        : "Support staff reports against the journal",
    },
  ];
  if (!list.length) return [...out, none(lang)];
  out.push({
    kind: "table",
    header: ru
      ? ["Дата", "Группа", "Учащийся", "Сведения", "Журнал", "Сообщил"]
      : ["Date", "Group", "Student", "Reported", "Journal", "Reported by"],
    rows: list.map((d) => [
      day(d.record.date, lang),
      d.record.groupId,
      d.record.studentId,
      d.record.present ? (ru ? "присутствовал" : "present") : ru ? "отсутствовал" : "absent",
      `${d.sheet}!${d.cell}: ${d.journal || (ru ? "пусто" : "blank")}`,
      d.record.reporterId,
    ]),
  });
  return out;
}

function correctionBlocks(list: readonly Correction[], lang: Lang): Block[] {
  const ru = lang === "ru";
  const out: Block[] = [
    {
      kind: "heading",
      level: 2,
      text: ru
        ? "Исправления после переноса в классные журналы"
        : "Corrections after transfer to the class journals",
    },
  ];
  if (!list.length) return [...out, none(lang)];
  out.push({
    kind: "table",
    header: ru
      ? ["Класс", "Предмет", "Учащийся", "Урок", "Было → стало", "Когда", "Кто"]
      : ["Class", "Subject", "Student", "Lesson", "Old → new", "When", "Who"],
    rows: list.map((c) => [
      c.className,
      c.subject,
      c.studentId,
      correctionLesson(c, lang),
      `${c.old || "—"} → ${c.new || "—"}`,
      c.when,
      c.who,
    ]),
  });
  return out;
}

/** The sections of the registries a workbook keeps (a registry without its sheet is left out). */
export function registryReportBlocks(
  model: Model,
  r: Registries,
  corrections: readonly Correction[],
  hasTransfers: boolean,
  month: string,
  lang: Lang,
): Block[] {
  return [
    ...(r.tabs.events ? eventBlocks(model, r, month, lang) : []),
    ...(r.tabs.courses ? courseBlocks(r, lang) : []),
    ...(r.tabs.workstations ? workstationBlocks(model, r, lang) : []),
    ...(r.tabs.support ? supportBlocks(model, r, month, lang) : []),
    ...(hasTransfers ? correctionBlocks(corrections, lang) : []),
  ];
}
