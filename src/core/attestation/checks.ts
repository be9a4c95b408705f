/**
 * «Проверить расписание» / `coordinator attestation --check` for the attestation schedule.
 * Every problem names both rows it is about (as a person types them in the Name box):
 * - a student with two attestations overlapping, or more on one day than «Аттестаций в день»,
 *   or more in an ISO week than «Аттестаций в неделю»;
 * - an examiner or assistant in two attestations at once, or teaching a lesson then;
 * - an attestation on a holiday, outside its period, or on a date its group has nobody enrolled;
 * - a consultation after its exam;
 * - a student with no attestation in a subject the period requires;
 * - results missing once the date has passed.
 */
import { a1 } from "../cells.js";
import { addDays, isoWeekday, minutesOf, ruDate } from "../dates.js";
import { type Issue, type IssueCode, issue } from "../issues.js";
import type { Lesson, Model } from "../model.js";
import type { IsoDate } from "../records.js";
import { holidayOn } from "../schedule/expand.js";
import { norm, SHEETS, type SheetKey } from "../schema.js";
import { groupsOfAttestation, participants, subjectOf } from "./participants.js";
import { periodOf } from "./sheets.js";
import type { Attestation, Period, ResultSheet } from "./types.js";

export interface CheckInput {
  model: Model;
  periods: readonly Period[];
  attestations: readonly Attestation[];
  results: ReadonlyMap<string, ResultSheet>;
  /** Lessons over the attestations' dates (for staff teaching at the time). */
  lessons: readonly Lesson[];
  /** The workbook's today: results are due after the date. */
  today: IsoDate;
  /** The results tab of an attestation ID, as it is (or would be) named. */
  resultsTab: (id: string) => string;
}

const quote = (name: string) => (/^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name}'`);

function refs(m: Model) {
  const lang = m.settings.language;
  const tab = (k: SheetKey) => m.tabs[k] ?? SHEETS[k][lang];
  const col = (k: SheetKey, c: string) => m.columns[k]?.[c] ?? 1;
  return {
    tab,
    cell: (k: SheetKey, row: number, c = "id") => a1(row, col(k, c)),
    ref: (k: SheetKey, row: number, c = "id") => `${quote(tab(k))}!${a1(row, col(k, c))}`,
  };
}

const overlaps = (a: Attestation, b: Attestation) =>
  a.start !== null &&
  a.end !== null &&
  b.start !== null &&
  b.end !== null &&
  minutesOf(a.start) < minutesOf(b.end) &&
  minutesOf(b.start) < minutesOf(a.end);

/** The Monday of a date's ISO week: the key of «Аттестаций в неделю». */
const weekOf = (d: IsoDate) => addDays(d, 1 - isoWeekday(d));

const few = (ids: readonly string[]) =>
  ids.length > 5 ? `${ids.slice(0, 5).join(", ")}… (${ids.length})` : ids.join(", ");

type Ctx = ReturnType<typeof refs> & { ru: boolean; out: Issue[]; m: Model };
const add = (
  c: Ctx,
  row: number,
  col: string,
  code: IssueCode,
  ru: string,
  en: string,
  severity: "error" | "warning" = "error",
) => c.out.push(issue(c.tab("attestations"), c.cell("attestations", row, col), code, { ru, en }, severity));

function studentClashes(c: Ctx, input: CheckInput, who: Map<string, string[]>): void {
  const dated = input.attestations.filter((a) => a.id && a.date);
  const perDay = c.m.settings.attestationsPerDay;
  for (let i = 0; i < dated.length; i++)
    for (let j = i + 1; j < dated.length; j++) {
      const a = dated[i];
      const b = dated[j];
      if (a.date !== b.date) continue;
      const mine = new Set(who.get(a.id));
      const both = (who.get(b.id) ?? []).filter((s) => mine.has(s));
      if (!both.length) continue;
      const o = overlaps(a, b);
      if (!o && perDay >= 2) continue;
      const ra = c.ref("attestations", a.row);
      const rb = c.ref("attestations", b.row);
      const day = c.ru ? ruDate(a.date!) : a.date!;
      add(
        c,
        b.row,
        "date",
        "attestation-conflict",
        `${ra} (${a.id}) и ${rb} (${b.id}): ${o ? "пересекаются по времени" : "в один день"} ${day} у учащихся ${few(both)}${o ? "" : `; допустимо аттестаций в день: ${perDay}`}`,
        `${ra} (${a.id}) and ${rb} (${b.id}): ${o ? "overlap" : "on the same day"} ${day} for students ${few(both)}${o ? "" : `; attestations allowed a day: ${perDay}`}`,
      );
    }
  const perWeek = c.m.settings.attestationsPerWeek;
  const weeks = new Map<string, Attestation[]>();
  for (const a of dated)
    for (const s of who.get(a.id) ?? []) {
      const k = `${s}|${weekOf(a.date!)}`;
      weeks.set(k, [...(weeks.get(k) ?? []), a]);
    }
  const told = new Map<string, string[]>();
  for (const [k, list] of weeks)
    if (list.length > perWeek) {
      const rows = list.map((a) => a.row).join(",");
      told.set(rows, [...(told.get(rows) ?? []), k.split("|")[0]]);
    }
  for (const [rows, students] of told) {
    const list = rows.split(",").map(Number);
    const names = list.map((r) => c.ref("attestations", r)).join(c.ru ? ", " : ", ");
    add(
      c,
      list[list.length - 1],
      "date",
      "attestation-conflict",
      `${names}: больше ${perWeek} аттестаций за неделю у учащихся ${few(students)}`,
      `${names}: more than ${perWeek} attestations in a week for students ${few(students)}`,
    );
  }
}

function staffClashes(c: Ctx, input: CheckInput): void {
  const dated = input.attestations.filter((a) => a.id && a.date && a.start && a.end);
  const people = (a: Attestation) => [a.examinerId, a.assistantId].filter(Boolean);
  for (let i = 0; i < dated.length; i++)
    for (let j = i + 1; j < dated.length; j++) {
      const a = dated[i];
      const b = dated[j];
      if (a.date !== b.date || !overlaps(a, b)) continue;
      const shared = people(a).filter((p) => people(b).includes(p));
      for (const p of new Set(shared))
        add(
          c,
          b.row,
          "examinerId",
          "attestation-conflict",
          `${c.ref("attestations", a.row, "examinerId")} (${a.id}) и ${c.ref("attestations", b.row, "examinerId")} (${b.id}): ${p} в двух местах одновременно`,
          `${c.ref("attestations", a.row, "examinerId")} (${a.id}) and ${c.ref("attestations", b.row, "examinerId")} (${b.id}): ${p} in two places at once`,
        );
    }
  const staffOf = new Map(c.m.groups.map((g) => [g.id, [g.teacherId, g.tutorId].filter(Boolean)]));
  for (const a of dated) {
    // The group's own lesson at that hour is where its attestation is held: no clash.
    const own = new Set(groupsOfAttestation(a, c.m).map((g) => g.id));
    for (const l of input.lessons) {
      if (l.date !== a.date || l.kind === "consultation" || own.has(l.groupId)) continue;
      if (!(minutesOf(a.start!) < minutesOf(l.end) && minutesOf(l.start) < minutesOf(a.end!))) continue;
      for (const p of people(a).filter((x) => staffOf.get(l.groupId)?.includes(x))) {
        const lesson = c.ref(
          l.source.sheet,
          l.source.row,
          l.source.sheet === "schedule" ? "groupId" : "date",
        );
        add(
          c,
          a.row,
          "examinerId",
          "attestation-conflict",
          `${c.ref("attestations", a.row, "examinerId")} (${a.id}) и ${lesson}: ${p} ведёт урок ${l.groupId} ${l.start}–${l.end} в это время`,
          `${c.ref("attestations", a.row, "examinerId")} (${a.id}) and ${lesson}: ${p} teaches ${l.groupId} ${l.start}–${l.end} at that time`,
        );
      }
    }
  }
}

function dateChecks(c: Ctx, input: CheckInput, who: Map<string, string[]>): void {
  for (const a of input.attestations) {
    if (!a.id || !a.date) continue;
    const here = c.ref("attestations", a.row, "date");
    const day = c.ru ? ruDate(a.date) : a.date;
    const h = holidayOn(c.m.holidays, a.date);
    if (h)
      add(
        c,
        a.row,
        "date",
        "attestation-conflict",
        `${here} (${a.id}) и ${c.ref("holidays", h.row, "from")}: ${day} — каникулы или праздник${h.name ? ` «${h.name}»` : ""}`,
        `${here} (${a.id}) and ${c.ref("holidays", h.row, "from")}: ${day} is a holiday${h.name ? ` "${h.name}"` : ""}`,
      );
    const p = periodOf(a, input.periods);
    if (a.period && !p)
      add(
        c,
        a.row,
        "period",
        "unknown-ref",
        `${c.ref("attestations", a.row, "period")} (${a.id}): периода «${a.period}» нет на листе «${c.tab("periods")}»`,
        `${c.ref("attestations", a.row, "period")} (${a.id}): no period "${a.period}" on sheet "${c.tab("periods")}"`,
      );
    else if (p?.from && p.to && (a.date < p.from || a.date > p.to))
      add(
        c,
        a.row,
        "date",
        "attestation-conflict",
        `${here} (${a.id}) и ${c.ref("periods", p.row, "name")}: ${day} вне периода «${p.name}» (${ruDate(p.from)}–${ruDate(p.to)})`,
        `${here} (${a.id}) and ${c.ref("periods", p.row, "name")}: ${day} is outside period "${p.name}" (${p.from} to ${p.to})`,
      );
    const groups = groupsOfAttestation(a, c.m);
    if (!groups.length && a.groupId)
      add(
        c,
        a.row,
        "groupId",
        "unknown-ref",
        `${c.ref("attestations", a.row, "groupId")} (${a.id}): «${a.groupId}» — ни группа, ни класс`,
        `${c.ref("attestations", a.row, "groupId")} (${a.id}): "${a.groupId}" is neither a group nor a class`,
      );
    else if (groups.length && !(who.get(a.id) ?? []).length)
      add(
        c,
        a.row,
        "date",
        "attestation-conflict",
        `${here} (${a.id}) и ${c.ref("groups", groups[0].row)}: ${day} в ${a.groupId} никто не зачислен`,
        `${here} (${a.id}) and ${c.ref("groups", groups[0].row)}: nobody is enrolled in ${a.groupId} on ${day}`,
      );
    if (a.consultationDate) {
      const after =
        a.consultationDate > a.date ||
        (a.consultationDate === a.date &&
          a.consultationTime !== null &&
          a.start !== null &&
          a.consultationTime >= a.start);
      if (after)
        add(
          c,
          a.row,
          "consultationDate",
          "attestation-conflict",
          `${c.ref("attestations", a.row, "consultationDate")} и ${here} (${a.id}): консультация после экзамена`,
          `${c.ref("attestations", a.row, "consultationDate")} and ${here} (${a.id}): the consultation comes after the exam`,
        );
    }
  }
}

function requiredChecks(c: Ctx, input: CheckInput, who: Map<string, string[]>): void {
  for (const p of input.periods) {
    if (!p.required.length || !p.from || !p.to) continue;
    for (const subject of p.required) {
      const sitting = new Set<string>();
      for (const a of input.attestations)
        if (periodOf(a, input.periods) === p && norm(subjectOf(a, c.m)) === norm(subject))
          for (const s of who.get(a.id) ?? []) sitting.add(s);
      const groups = new Set(c.m.groups.filter((g) => norm(g.subject) === norm(subject)).map((g) => g.id));
      const missing = new Map<number, string[]>();
      for (const e of c.m.enrollments) {
        if (!groups.has(e.groupId) || sitting.has(e.studentId) || !e.from) continue;
        if (e.from > p.to || (e.to !== null && e.to < p.from)) continue;
        missing.set(e.row, [e.studentId, e.groupId]);
      }
      for (const [row, [sid, gid]] of missing)
        c.out.push(
          issue(c.tab("enrollments"), c.cell("enrollments", row, "studentId"), "attestation-required", {
            ru: `${c.ref("enrollments", row, "studentId")} и ${c.ref("periods", p.row, "required")}: у ${sid} (${gid}) нет аттестации по предмету «${subject}» в периоде «${p.name}»`,
            en: `${c.ref("enrollments", row, "studentId")} and ${c.ref("periods", p.row, "required")}: ${sid} (${gid}) has no attestation in "${subject}" in period "${p.name}"`,
          }),
        );
    }
  }
}

function resultChecks(c: Ctx, input: CheckInput, who: Map<string, string[]>): void {
  for (const a of input.attestations) {
    if (!a.id || !a.date || a.date >= input.today) continue;
    const sheet = input.results.get(a.id);
    const tab = input.resultsTab(a.id);
    const here = c.ref("attestations", a.row, "date");
    const blank = (who.get(a.id) ?? []).filter((s) => !sheet?.lines.find((l) => l.studentId === s)?.value);
    if (!blank.length) continue;
    const first = sheet?.lines.find((l) => blank.includes(l.studentId) && !l.value);
    const where = `${quote(tab)}!${first ? a1(first.row, 3) : "A1"}`;
    add(
      c,
      a.row,
      "date",
      "attestation-results-missing",
      `${here} (${a.id}) и ${where}: ${sheet ? "нет результатов" : "нет листа результатов"} после ${ruDate(a.date)} у ${few(blank)}`,
      `${here} (${a.id}) and ${where}: ${sheet ? "results missing" : "no results sheet"} after ${a.date} for ${few(blank)}`,
      "warning",
    );
  }
}

export function attestationChecks(input: CheckInput): Issue[] {
  const m = input.model;
  const c: Ctx = { ...refs(m), ru: m.settings.language === "ru", out: [], m };
  const who = new Map(
    input.attestations.filter((a) => a.id).map((a) => [a.id, participants(a, m).map((s) => s.id)]),
  );
  studentClashes(c, input, who);
  staffClashes(c, input);
  dateChecks(c, input, who);
  requiredChecks(c, input, who);
  resultChecks(c, input, who);
  return c.out;
}
