/**
 * Schedule conflicts, each addressed to a cell of «Расписание» / «Изменения расписания»:
 * overlapping lessons of one group, of one teacher or tutor, of one student (through the
 * enrollments valid on the date); bad times; changes on holidays, of unknown groups, or
 * cancelling/moving a lesson that is not there. Repeated weekly overlaps of the same two
 * rows are one issue (first date + how many times).
 */
import { a1 } from "../cells.js";
import { minutesOf, ruDate } from "../dates.js";
import { plural } from "../i18n.js";
import { type Issue, type IssueCode, issue } from "../issues.js";
import type { Lesson, Model } from "../model.js";
import type { Enrollment, Holiday, IsoDate } from "../records.js";
import { SHEETS } from "../schema.js";
import { enrollmentCovers, holidayOn, unmatchedChanges, usableSlot } from "./expand.js";

type Key = "schedule" | "changes";

/** Where a row of a known sheet is: tab name and the A1 cell of one of its columns. */
function locator(model: Model) {
  const lang = model.settings.language;
  const sheet = (key: Key | "holidays") => model.tabs[key] ?? SHEETS[key][lang];
  const cell = (key: Key | "holidays", row: number, col: string) => a1(row, model.columns[key]?.[col] ?? 1);
  /** "Расписание!A5" (quoted when the tab name has spaces), as a person types it in the Name box. */
  const ref = (key: Key | "holidays", row: number, col: string) => {
    const name = sheet(key);
    return `${/^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name}'`}!${cell(key, row, col)}`;
  };
  return { sheet, cell, ref };
}

const day = (d: IsoDate, ru: boolean) => (ru ? ruDate(d) : d);
const span = (l: Lesson) => `${l.start}–${l.end}`;

function holidayName(h: Holiday, ru: boolean): string {
  return h.name ? (ru ? ` «${h.name}»` : ` "${h.name}"`) : "";
}

const KIND_RU = { cancel: "Отмена", move: "Перенос", extra: "Доп. урок", consultation: "Консультация" };
const KIND_EN = { cancel: "Cancel", move: "Move", extra: "Extra lesson", consultation: "Consultation" };

/** Checks of single rows: times, date ranges, holidays, unknown groups, changes that match no lesson. */
function rowChecks(model: Model): Issue[] {
  const out: Issue[] = [];
  const at = locator(model);
  const add = (
    key: Key,
    row: number,
    col: string,
    ru: string,
    en: string,
    code: IssueCode = "schedule-conflict",
  ) => out.push(issue(at.sheet(key), at.cell(key, row, col), code, { ru, en }));
  for (const s of model.slots) {
    if (s.from !== null && s.to !== null && s.from > s.to)
      add(
        "schedule",
        s.row,
        "to",
        `Группа ${s.groupId}: дата «По» (${ruDate(s.to)}) раньше даты «С» (${ruDate(s.from)}) — по этой строке уроков нет`,
        `Group ${s.groupId}: "To" (${s.to}) is before "From" (${s.from}) — this row gives no lessons`,
      );
    if (usableSlot(s) && minutesOf(s.end!) <= minutesOf(s.start!))
      add(
        "schedule",
        s.row,
        "end",
        `Группа ${s.groupId}: урок заканчивается (${s.end}) не позже, чем начинается (${s.start})`,
        `Group ${s.groupId}: the lesson ends (${s.end}) no later than it starts (${s.start})`,
      );
  }
  const groups = new Set(model.groups.map((g) => g.id));
  const unmatched = new Set(unmatchedChanges(model));
  for (const c of model.changes) {
    if (c.date === null || c.kind === null || c.groupId === "") continue;
    const kindRu = KIND_RU[c.kind];
    const kindEn = KIND_EN[c.kind];
    const groupsTab = model.tabs.groups ?? SHEETS.groups[model.settings.language];
    if (!groups.has(c.groupId)) {
      add(
        "changes",
        c.row,
        "groupId",
        `${kindRu}: группы «${c.groupId}» нет на листе «${groupsTab}» — изменение не применить к расписанию`,
        `${kindEn}: group "${c.groupId}" is not on sheet "${groupsTab}" — the change applies to no schedule`,
      );
      continue;
    }
    const adds = c.kind === "extra" || c.kind === "consultation";
    if (adds && (c.start === null || c.end === null))
      add(
        "changes",
        c.row,
        c.start === null ? "start" : "end",
        `${kindRu} ${c.groupId} ${ruDate(c.date)}: нужно указать начало и окончание — пока урок не добавлен`,
        `${kindEn} ${c.groupId} on ${c.date}: Start and End are needed — the lesson is not added yet`,
        "required",
      );
    if (c.kind === "move" && c.newDate === null)
      add(
        "changes",
        c.row,
        "newDate",
        `Перенос ${c.groupId} ${ruDate(c.date)}: не указана новая дата — урок остаётся на месте`,
        `Move ${c.groupId} on ${c.date}: New date is empty — the lesson stays where it was`,
        "required",
      );
    if (
      (adds || c.kind === "move") &&
      c.start !== null &&
      c.end !== null &&
      minutesOf(c.end) <= minutesOf(c.start)
    )
      add(
        "changes",
        c.row,
        "end",
        `${kindRu} ${c.groupId} ${ruDate(c.date)}: окончание (${c.end}) не позже начала (${c.start})`,
        `${kindEn} ${c.groupId} on ${c.date}: End (${c.end}) is not after Start (${c.start})`,
      );
    const lands = adds ? c.date : c.kind === "move" && !unmatched.has(c) ? c.newDate : null;
    const h = lands ? holidayOn(model.holidays, lands) : undefined;
    if (lands && h)
      add(
        "changes",
        c.row,
        adds ? "date" : "newDate",
        `${kindRu} ${c.groupId}: ${ruDate(lands)} — каникулы${holidayName(h, true)} (см. ${at.ref("holidays", h.row, "from")})`,
        `${kindEn} ${c.groupId}: ${lands} is a holiday${holidayName(h, false)} (see ${at.ref("holidays", h.row, "from")})`,
      );
    if (unmatched.has(c)) {
      const hol = holidayOn(model.holidays, c.date);
      const at2 = c.start ? ` в ${c.start}` : "";
      const at2en = c.start ? ` at ${c.start}` : "";
      add(
        "changes",
        c.row,
        c.start && c.kind === "cancel" ? "start" : "date",
        `${kindRu}: у группы ${c.groupId} нет урока ${ruDate(c.date)}${at2}${hol ? ` (каникулы${holidayName(hol, true)})` : ""} — изменение ничего не меняет`,
        `${kindEn}: group ${c.groupId} has no lesson on ${c.date}${at2en}${hol ? ` (holiday${holidayName(hol, false)})` : ""} — the change changes nothing`,
      );
    }
  }
  return out;
}

interface Overlap {
  kind: "group" | "staff" | "students";
  /** staff: "ID\u0000roleA\u0000roleB" */
  who: string;
  /** The first source (by sheet and row) of the pair; the issue points at it. */
  a: Lesson;
  b: Lesson;
  count: number;
  last: IsoDate;
  students: Set<string>;
}

/** What two rows of the schedule have in common, computed once per pair of rows. */
interface PairInfo {
  group: Overlap | null;
  staff: Overlap[];
  /** Students enrolled in both groups at some time, with their enrollments in each. */
  students: { id: string; inA: Enrollment[]; inB: Enrollment[] }[];
  studentOverlap: Overlap | null;
}

const sourceOrder = (l: Lesson) => (l.source.sheet === "schedule" ? 0 : 1e9) + l.source.row;

/** Overlapping lesson pairs of one group, one staff member, one student; aggregated per pair of rows. */
function overlaps(model: Model, lessons: readonly Lesson[]): Issue[] {
  const at = locator(model);
  const groupOf = new Map(model.groups.map((g) => [g.id, g]));
  const staffName = new Map(model.staff.map((s) => [s.id, s.name]));
  const studentName = new Map(model.students.map((s) => [s.id, s.name]));
  // group -> student -> enrollments
  const enrolled = new Map<string, Map<string, Enrollment[]>>();
  for (const e of model.enrollments) {
    if (!e.studentId || !e.groupId || e.from === null) continue;
    let m = enrolled.get(e.groupId);
    if (!m) {
      m = new Map();
      enrolled.set(e.groupId, m);
    }
    const list = m.get(e.studentId);
    if (list) list.push(e);
    else m.set(e.studentId, [e]);
  }
  const found: Overlap[] = [];
  const start = (kind: Overlap["kind"], who: string, a: Lesson, b: Lesson): Overlap => {
    const o = { kind, who, a, b, count: 0, last: a.date, students: new Set<string>() };
    found.push(o);
    return o;
  };
  const bump = (o: Overlap, date: IsoDate) => {
    o.count++;
    o.last = date;
  };
  const pairInfo = (a: Lesson, b: Lesson): PairInfo => {
    if (a.groupId === b.groupId)
      return { group: start("group", a.groupId, a, b), staff: [], students: [], studentOverlap: null };
    const info: PairInfo = { group: null, staff: [], students: [], studentOverlap: null };
    const ga = groupOf.get(a.groupId);
    const gb = groupOf.get(b.groupId);
    if (ga && gb) {
      const roles = (g: typeof ga): [string, string][] =>
        (
          [
            [g.teacherId, "teacher"],
            [g.tutorId, "tutor"],
          ] as [string, string][]
        ).filter(([id]) => id);
      for (const [idA, roleA] of roles(ga))
        for (const [idB, roleB] of roles(gb))
          if (idA === idB) info.staff.push(start("staff", `${idA}\u0000${roleA}\u0000${roleB}`, a, b));
    }
    const ma = enrolled.get(a.groupId);
    const mb = enrolled.get(b.groupId);
    if (ma && mb)
      for (const [id, inA] of ma) {
        const inB = mb.get(id);
        if (inB) info.students.push({ id, inA, inB });
      }
    return info;
  };

  // Each row's lessons get a small number, so a pair of rows is one numeric key.
  const sourceId = new Map<number, number>();
  const byDate = new Map<IsoDate, { l: Lesson; s: number; e: number; src: number; order: number }[]>();
  for (const l of lessons) {
    const s = minutesOf(l.start);
    const e = minutesOf(l.end);
    if (e <= s) continue; // reported as a bad time instead
    const order = sourceOrder(l);
    let src = sourceId.get(order);
    if (src === undefined) {
      src = sourceId.size;
      sourceId.set(order, src);
    }
    const list = byDate.get(l.date);
    const item = { l, s, e, src, order };
    if (list) list.push(item);
    else byDate.set(l.date, [item]);
  }
  const pairs = new Map<number, PairInfo>();
  const n = sourceId.size;
  for (const date of [...byDate.keys()].sort()) {
    const list = byDate.get(date)!.sort((x, y) => x.s - y.s);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].s < list[i].e; j++) {
        const [x, y] = list[i].order <= list[j].order ? [list[i], list[j]] : [list[j], list[i]];
        const key = x.src * n + y.src;
        let info = pairs.get(key);
        if (!info) {
          info = pairInfo(x.l, y.l);
          pairs.set(key, info);
        }
        if (info.group) bump(info.group, date);
        for (const o of info.staff) bump(o, date);
        if (info.students.length === 0) continue;
        const both = info.students.filter(
          (st) =>
            st.inA.some((e) => enrollmentCovers(e, date)) && st.inB.some((e) => enrollmentCovers(e, date)),
        );
        if (both.length === 0) continue;
        if (!info.studentOverlap) info.studentOverlap = start("students", "", x.l, y.l);
        bump(info.studentOverlap, date);
        for (const st of both) info.studentOverlap.students.add(st.id);
      }
    }
  }
  found.sort((p, q) => (p.a.date < q.a.date ? -1 : p.a.date > q.a.date ? 1 : 0));

  const out: Issue[] = [];
  for (const o of found) {
    const { kind, a, b } = o;
    const when = (r: boolean) => `${day(a.date, r)} ${span(a)} ${r ? "и" : "and"} ${span(b)}`;
    const seeRu = `(см. ${at.ref(b.source.sheet, b.source.row, "groupId")})`;
    const seeEn = `(see ${at.ref(b.source.sheet, b.source.row, "groupId")})`;
    const again =
      o.count > 1
        ? {
            ru: `; повторяется ${plural("ru", o.count, { one: "раз", few: "раза", many: "раз", other: "раза" })}, последний — ${ruDate(o.last)}`,
            en: `; happens ${plural("en", o.count, { one: "time", other: "times" })}, last on ${o.last}`,
          }
        : { ru: "", en: "" };
    let ruText: string;
    let enText: string;
    if (kind === "group") {
      ruText = `Группа ${a.groupId}: уроки пересекаются — ${when(true)} ${seeRu}`;
      enText = `Group ${a.groupId}: lessons overlap — ${when(false)} ${seeEn}`;
    } else if (kind === "staff") {
      const [id, roleA, roleB] = o.who.split("\u0000");
      const name = staffName.get(id);
      const who = name ? `${id} (${name})` : id;
      if (roleA === roleB && roleA === "teacher") {
        ruText = `Преподаватель ${who} ведёт ${a.groupId} и ${b.groupId} одновременно: ${when(true)} ${seeRu}`;
        enText = `Teacher ${who} teaches ${a.groupId} and ${b.groupId} at the same time: ${when(false)} ${seeEn}`;
      } else if (roleA === roleB) {
        ruText = `Тьютор ${who} сопровождает ${a.groupId} и ${b.groupId} одновременно: ${when(true)} ${seeRu}`;
        enText = `Tutor ${who} supports ${a.groupId} and ${b.groupId} at the same time: ${when(false)} ${seeEn}`;
      } else {
        const r = (role: string, ruLang: boolean) =>
          role === "teacher" ? (ruLang ? "преподаватель" : "teacher") : ruLang ? "тьютор" : "tutor";
        ruText = `Сотрудник ${who} занят в ${a.groupId} (${r(roleA, true)}) и ${b.groupId} (${r(roleB, true)}) одновременно: ${when(true)} ${seeRu}`;
        enText = `Staff member ${who} is busy in ${a.groupId} (${r(roleA, false)}) and ${b.groupId} (${r(roleB, false)}) at the same time: ${when(false)} ${seeEn}`;
      }
    } else {
      const ids = [...o.students].sort();
      const shown = ids.slice(0, 5);
      const rest = ids.length - shown.length;
      if (ids.length === 1) {
        const name = studentName.get(ids[0]);
        const who = name ? `${ids[0]} (${name})` : ids[0];
        ruText = `Учащийся ${who} записан в ${a.groupId} и ${b.groupId}, уроки идут одновременно: ${when(true)} ${seeRu}`;
        enText = `Student ${who} is enrolled in ${a.groupId} and ${b.groupId}, whose lessons overlap: ${when(false)} ${seeEn}`;
      } else {
        const more = (r: boolean) => (rest > 0 ? (r ? ` и ещё ${rest}` : ` and ${rest} more`) : "");
        ruText = `Учащиеся ${shown.join(", ")}${more(true)} записаны в ${a.groupId} и ${b.groupId}, уроки идут одновременно: ${when(true)} ${seeRu}`;
        enText = `Students ${shown.join(", ")}${more(false)} are enrolled in ${a.groupId} and ${b.groupId}, whose lessons overlap: ${when(false)} ${seeEn}`;
      }
    }
    out.push(
      issue(at.sheet(a.source.sheet), at.cell(a.source.sheet, a.source.row, "groupId"), "schedule-conflict", {
        ru: ruText + again.ru,
        en: enText + again.en,
      }),
    );
  }
  return out;
}

/**
 * Every schedule conflict: row checks over the model's slots and changes (whatever the
 * period), then overlaps among `lessons` (usually expandLessons over the school year).
 */
export function findScheduleConflicts(model: Model, lessons: readonly Lesson[]): Issue[] {
  return [...rowChecks(model), ...overlaps(model, lessons)];
}
