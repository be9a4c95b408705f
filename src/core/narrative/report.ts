/**
 * The monthly report as a renderer-neutral document: key figures, the text report of
 * successes and problems written from the figures, tables per class and group with dynamics,
 * and two charts. Sections with nothing to say are left out.
 */
import { monthRange } from "../dates.js";
import type { Lang } from "../i18n.js";
import {
  avg2,
  type Change,
  formatNumber,
  type GroupFigures,
  type MonthDynamics,
  type MonthFigures,
  pct,
  type RiskReason,
} from "../metrics/index.js";
import type { ScheduleChange } from "../records.js";
import { longDate, monthName, riskText } from "../report/labels.js";
import type { Block, ReportDoc } from "../report/model.js";
import { enumLabel } from "../schema.js";
import type { FeedbackSummary } from "./feedback-summary.js";
import { count, listJoin, markChange, ppChange } from "./words.js";

export interface ReportInput {
  lang: Lang;
  figures: MonthFigures;
  dynamics: MonthDynamics;
  school: string;
  /** staff ID -> name */
  staffNames: Map<string, string>;
  /** Schedule changes dated in the month. */
  changes: readonly ScheduleChange[];
  feedback?: FeedbackSummary;
  /** "YYYY-MM-DD HH:MM" in the workbook's time zone. */
  generatedAt: string;
  /**
   * Optional (issue 21): «studentId|groupId» -> the month's absence reasons as lines
   * («16.11 — справка»), from «Причины пропусков» (core/absence/reasons.ts, reasonLinesByPair);
   * shown with the at-risk list's reasons when given.
   */
  absenceReasons?: ReadonlyMap<string, readonly string[]>;
}

/** Bars in the attendance chart at most (one page). */
export const CHART_GROUPS = 15;

/** A change large enough to mention, in percentage points. */
export const NOTABLE_PP = 5;

function withChange(value: string, c: Change | undefined, lang: Lang, kind: "pp" | "mark"): string {
  if (!value) return lang === "ru" ? "нет данных" : "no data";
  if (!c || c.change === null) return value;
  return `${value} (${kind === "pp" ? ppChange(c.change, lang) : markChange(c.change, lang)})`;
}

function groupLabel(g: GroupFigures, lang: Lang): string {
  if (!g.title) return g.groupId;
  return lang === "ru" ? `${g.groupId} «${g.title}»` : `${g.groupId} “${g.title}”`;
}

export function buildReport(input: ReportInput): ReportDoc {
  const { lang, figures: f, dynamics: dyn } = input;
  const ru = lang === "ru";
  const blocks: Block[] = [];
  const { from, to } = monthRange(f.month);
  const title = ru
    ? `Сводная ведомость успеваемости: ${monthName(f.month, lang)}`
    : `Monthly progress summary: ${monthName(f.month, lang)}`;
  blocks.push({ kind: "heading", level: 1, text: title });
  blocks.push({
    kind: "paragraph",
    text: ru
      ? `${input.school ? `${input.school}. ` : ""}Период: с ${longDate(from, lang)} по ${longDate(to, lang)}. Сформировано ${input.generatedAt}.`
      : `${input.school ? `${input.school}. ` : ""}Period: ${longDate(from, lang)} to ${longDate(to, lang)}. Generated ${input.generatedAt}.`,
    style: "note",
  });

  // Key figures
  const s = f.school;
  const sd = dyn.school;
  const held = f.groups.reduce((a, g) => a + g.columns, 0);
  const planned = f.groups.reduce((a, g) => a + g.planned, 0);
  const vs = dyn.previousMonth
    ? ru
      ? ` В скобках — изменение к предыдущему месяцу (${monthName(dyn.previousMonth, lang)}).`
      : ` In brackets: the change from the previous month (${monthName(dyn.previousMonth, lang)}).`
    : "";
  blocks.push({ kind: "heading", level: 2, text: ru ? "Основные показатели" : "Key figures" });
  blocks.push({
    kind: "paragraph",
    text: ru
      ? `Учтено ${count(s.students, "student", lang)} в ${f.groups.filter((g) => g.N > 0).length} из ${count(f.groups.length, "group", lang)}; проведено ${count(held, "lesson", lang)} из ${planned} по расписанию.${vs}`
      : `${count(s.students, "student", lang)} counted in ${f.groups.filter((g) => g.N > 0).length} of ${count(f.groups.length, "group", lang)}; ${count(held, "lesson", lang)} held of ${planned} scheduled.${vs}`,
  });
  blocks.push({
    kind: "bullets",
    items: [
      `${ru ? "Успеваемость" : "Success"}: ${withChange(pct(s.success, lang) && `${pct(s.success, lang)} %`, sd.success, lang, "pp")}`,
      `${ru ? "Качество знаний" : "Quality"}: ${withChange(pct(s.quality, lang) && `${pct(s.quality, lang)} %`, sd.quality, lang, "pp")}`,
      `${ru ? "СОУ" : "SOU"}: ${withChange(pct(s.sou, lang) && `${pct(s.sou, lang)} %`, sd.sou, lang, "pp")}`,
      `${ru ? "Средний балл" : "Average mark"}: ${withChange(avg2(s.average, lang), sd.average, lang, "mark")}`,
      `${ru ? "Посещаемость" : "Attendance"}: ${withChange(pct(s.attendance, lang) && `${pct(s.attendance, lang)} %`, sd.attendance, lang, "pp")}`,
      `${ru ? "В группе риска" : "At risk"}: ${s.atRisk}${sd.atRisk.change !== null && sd.atRisk.change !== 0 ? ` (${sd.atRisk.change > 0 ? "+" : "−"}${Math.abs(sd.atRisk.change)})` : ""}`,
    ],
  });

  // Successes
  const gd = new Map(dyn.groups.map((g) => [g.groupId, g.figures]));
  const successes: string[] = [];
  for (const g of f.groups) {
    const d = gd.get(g.groupId);
    const parts: string[] = [];
    if (d?.quality.change !== null && d?.quality.change !== undefined && d.quality.change >= NOTABLE_PP)
      parts.push(
        ru
          ? `качество выросло до ${pct(g.quality, lang)} % (${ppChange(d.quality.change, lang)})`
          : `quality rose to ${pct(g.quality, lang)} % (${ppChange(d.quality.change, lang)})`,
      );
    if (
      d?.attendance.change !== null &&
      d?.attendance.change !== undefined &&
      d.attendance.change >= NOTABLE_PP
    )
      parts.push(
        ru
          ? `посещаемость выросла до ${pct(g.attendance, lang)} % (${ppChange(d.attendance.change, lang)})`
          : `attendance rose to ${pct(g.attendance, lang)} % (${ppChange(d.attendance.change, lang)})`,
      );
    if (g.N > 0 && g.success === 100 && g.atRisk === 0)
      parts.push(ru ? "все учащиеся успевают" : "every student passes");
    if (parts.length) successes.push(`${groupLabel(g, lang)}: ${parts.join("; ")}.`);
  }
  const fullJournals = f.groups.filter((g) => g.columns > 0 && g.journalFill === 100).map((g) => g.groupId);
  if (fullJournals.length)
    successes.push(
      ru
        ? `Журналы заполнены полностью: ${listJoin(fullJournals, lang)}.`
        : `Journals filled completely: ${listJoin(fullJournals, lang)}.`,
    );
  if (successes.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Успехи" : "Successes" });
    blocks.push({ kind: "bullets", items: successes });
  }

  // Problems
  const problems: string[] = [];
  for (const g of f.groups) {
    const d = gd.get(g.groupId);
    const parts: string[] = [];
    if (d?.quality.change !== null && d?.quality.change !== undefined && d.quality.change <= -NOTABLE_PP)
      parts.push(
        ru
          ? `качество снизилось до ${pct(g.quality, lang)} % (${ppChange(d.quality.change, lang)})`
          : `quality fell to ${pct(g.quality, lang)} % (${ppChange(d.quality.change, lang)})`,
      );
    if (
      d?.attendance.change !== null &&
      d?.attendance.change !== undefined &&
      d.attendance.change <= -NOTABLE_PP
    )
      parts.push(
        ru
          ? `посещаемость снизилась до ${pct(g.attendance, lang)} % (${ppChange(d.attendance.change, lang)})`
          : `attendance fell to ${pct(g.attendance, lang)} % (${ppChange(d.attendance.change, lang)})`,
      );
    if (parts.length) problems.push(`${groupLabel(g, lang)}: ${parts.join("; ")}.`);
  }
  if (f.atRisk.length) {
    const byReason = new Map<RiskReason, number>();
    for (const p of f.atRisk) for (const r of p.riskReasons) byReason.set(r, (byReason.get(r) ?? 0) + 1);
    const reasons = [...byReason].map(([r, n]) => `${riskText(r, lang)} — ${n}`).join("; ");
    const students = new Set(f.atRisk.map((p) => p.studentId)).size;
    problems.push(
      ru
        ? `В группе риска ${count(students, "student", lang)} (${f.atRisk.length} по группам): ${reasons}. Список — в конце отчёта.`
        : `${count(students, "student", lang)} at risk (${f.atRisk.length} student–group pairs): ${reasons}. The list is at the end of the report.`,
    );
  }
  const unfilled = f.groups.filter((g) => g.columns > 0 && g.journalFill !== null && g.journalFill < 100);
  if (unfilled.length)
    problems.push(
      ru
        ? `Журналы заполнены не полностью: ${unfilled.map((g) => `${g.groupId} — ${pct(g.journalFill, lang)} %`).join(", ")}.`
        : `Journals not filled completely: ${unfilled.map((g) => `${g.groupId} — ${pct(g.journalFill, lang)} %`).join(", ")}.`,
    );
  const noJournal = f.groups.filter((g) => g.planned > 0 && g.columns === 0).map((g) => g.groupId);
  if (noJournal.length)
    problems.push(
      ru
        ? `Нет уроков в журнале при уроках в расписании: ${listJoin(noJournal, lang)}.`
        : `No lessons in the journal although lessons were scheduled: ${listJoin(noJournal, lang)}.`,
    );
  const behind = f.groups.filter((g) => g.columns > 0 && g.columns < g.planned);
  if (behind.length)
    problems.push(
      ru
        ? `Проведено меньше уроков, чем запланировано: ${behind.map((g) => `${g.groupId} (${g.columns} из ${g.planned})`).join(", ")}.`
        : `Fewer lessons held than planned: ${behind.map((g) => `${g.groupId} (${g.columns} of ${g.planned})`).join(", ")}.`,
    );
  const silent = f.staff.filter((p) => p.noContact && p.groups.length > 0);
  if (silent.length) {
    const who = silent.map((p) =>
      p.daysSinceContact === null
        ? `${p.name} (${ru ? "контактов нет" : "no contacts"})`
        : `${p.name} (${count(p.daysSinceContact, "day", lang)})`,
    );
    problems.push(
      ru
        ? `Нет контакта с группами дольше ${count(f.settings.daysWithoutContact, "day", lang)}: ${who.join(", ")}.`
        : `No contact with their groups for more than ${count(f.settings.daysWithoutContact, "day", lang)}: ${who.join(", ")}.`,
    );
  }
  if (problems.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Проблемы" : "Problems" });
    blocks.push({ kind: "bullets", items: problems });
  }

  // Schedule changes
  if (input.changes.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Изменения расписания" : "Schedule changes" });
    blocks.push({
      kind: "bullets",
      items: input.changes.map((c) => {
        const kind = c.kind ? enumLabel("changeKind", c.kind, lang) : "";
        const date = c.date ? longDate(c.date, lang) : "";
        const moved =
          c.kind === "move" && c.newDate
            ? ru
              ? ` на ${longDate(c.newDate, lang)}`
              : ` to ${longDate(c.newDate, lang)}`
            : "";
        const reason = c.reason ? ` — ${c.reason}` : "";
        return `${date}, ${c.groupId}: ${kind}${moved}${reason}.`;
      }),
    });
  }

  // Parent feedback
  const fb = input.feedback;
  if (fb && fb.responses > 0) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Отзывы родителей" : "Parent feedback" });
    const avg = fb.average === null ? "" : avg2(fb.average, lang);
    const ch =
      fb.average !== null && fb.previousAverage !== null
        ? ` (${markChange(fb.average - fb.previousAverage, lang)})`
        : "";
    blocks.push({
      kind: "paragraph",
      text: ru
        ? `Получено ${count(fb.responses, "response", lang)}${avg ? `, средняя оценка ${avg} из 5${ch}` : ""}. Без ответа: ${count(fb.unanswered, "question", lang)}.`
        : `${count(fb.responses, "response", lang)} received${avg ? `, average rating ${avg} of 5${ch}` : ""}. Unanswered: ${count(fb.unanswered, "question", lang)}.`,
    });
    if (fb.problems.length) {
      blocks.push({
        kind: "paragraph",
        text: ru ? "Что мешает, по словам родителей:" : "What gets in the way, in the parents' words:",
      });
      blocks.push({ kind: "bullets", items: fb.problems.map((p) => `«${p}»`) });
    }
  }

  // Tables with dynamics
  const cd = new Map(dyn.classes.map((c) => [c.className, c.figures]));
  const setHeader = ru
    ? ["N", "Успев., %", "Кач., %", "СОУ, %", "Ср. балл", "Посещ., %", "Δ кач.", "Δ посещ."]
    : ["N", "Success, %", "Quality, %", "SOU, %", "Average", "Attend., %", "Δ quality", "Δ attend."];
  const num = (c: Change | undefined) =>
    c?.change === null || c?.change === undefined ? "" : ppChange(c.change, lang).replace(/ п\.п\.| pp/, "");
  if (f.classes.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "По классам" : "By class" });
    blocks.push({
      kind: "table",
      header: [ru ? "Класс" : "Class", ...setHeader],
      rows: [
        ...f.classes.map((c) => {
          const d = cd.get(c.className);
          return [
            c.className,
            String(c.N),
            pct(c.success, lang),
            pct(c.quality, lang),
            pct(c.sou, lang),
            avg2(c.average, lang),
            pct(c.attendance, lang),
            num(d?.quality),
            num(d?.attendance),
          ];
        }),
        [
          ru ? "Школа" : "School",
          String(s.N),
          pct(s.success, lang),
          pct(s.quality, lang),
          pct(s.sou, lang),
          avg2(s.average, lang),
          pct(s.attendance, lang),
          num(sd.quality),
          num(sd.attendance),
        ],
      ],
      align: ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
    });
  }
  if (f.groups.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "По группам" : "By group" });
    blocks.push({
      kind: "table",
      header: [ru ? "Группа" : "Group", ...setHeader, ru ? "Журнал, %" : "Journal, %"],
      rows: f.groups.map((g) => {
        const d = gd.get(g.groupId);
        return [
          groupLabel(g, lang),
          String(g.N),
          pct(g.success, lang),
          pct(g.quality, lang),
          pct(g.sou, lang),
          avg2(g.average, lang),
          pct(g.attendance, lang),
          num(d?.quality),
          num(d?.attendance),
          pct(g.journalFill, lang),
        ];
      }),
      align: ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
    });
  }

  // Charts
  // More bars than fit on a page say nothing: a large school sees its lowest groups, in group order.
  const attended = f.groups.filter((g) => g.attendance !== null);
  const lowest = new Set(
    [...attended]
      .sort((a, b) => a.attendance! - b.attendance! || a.groupId.localeCompare(b.groupId))
      .slice(0, CHART_GROUPS)
      .map((g) => g.groupId),
  );
  const withAttendance = attended.filter((g) => lowest.has(g.groupId));
  const cut = attended.length > CHART_GROUPS;
  if (withAttendance.length) {
    blocks.push({
      kind: "chart",
      chart: "bar",
      title: cut
        ? ru
          ? `Посещаемость: ${CHART_GROUPS} групп с самой низкой, %`
          : `Attendance: the ${CHART_GROUPS} lowest groups, %`
        : ru
          ? "Посещаемость по группам, %"
          : "Attendance by group, %",
      categories: withAttendance.map((g) => g.groupId),
      series: [
        {
          name: ru ? "Посещаемость, %" : "Attendance, %",
          values: withAttendance.map((g) => Math.round(g.attendance! * 10) / 10),
        },
      ],
      max: 100,
      alt: withAttendance.map((g) => `${g.groupId}: ${pct(g.attendance, lang)} %`).join("; "),
    });
  }
  if (s.N > 0) {
    const cats = ["5", "4", "3", "2", "1", ru ? "н/а" : "n/a"];
    const vals = [s.n5, s.n4, s.n3, s.n2, s.n1, s.nNa];
    blocks.push({
      kind: "chart",
      chart: "column",
      title: ru ? "Распределение отметок за месяц" : "Month marks",
      categories: cats,
      series: [{ name: ru ? "Отметок" : "Marks", values: vals }],
      alt: cats.map((c, i) => `${c}: ${vals[i]}`).join("; "),
    });
  }

  // At-risk list
  if (f.atRisk.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Группа риска" : "Students at risk" });
    blocks.push({
      kind: "table",
      header: ru
        ? ["Класс", "ID", "Учащийся", "Группа", "Пропущено, %", "Отметка", "Причины"]
        : ["Class", "ID", "Student", "Group", "Missed, %", "Mark", "Reasons"],
      rows: f.atRisk.map((p) => [
        p.className,
        p.studentId,
        p.name,
        p.groupId,
        pct(p.missedShare * 100, lang),
        p.monthMark === null ? "" : p.monthMark === "н/а" ? (ru ? "н/а" : "n/a") : String(p.monthMark),
        [
          p.riskReasons.map((r) => riskText(r, lang)).join("; "),
          ...(input.absenceReasons?.get(`${p.studentId}|${p.groupId}`) ?? []),
        ].join("; "),
      ]),
      align: ["left", "left", "left", "left", "right", "center", "left"],
    });
  }
  blocks.push({
    kind: "paragraph",
    style: "note",
    text: ru
      ? `Показатели рассчитаны по правилам формата книги: порог пропусков ${f.settings.absenceThreshold} %, порог округления ${formatNumber(f.settings.roundingThreshold, 1, lang)}, не меньше ${count(f.settings.minimumMarks, "mark", lang)} для отметки за месяц, вес н/а в СОУ ${f.settings.naWeight}.`
      : `Figures follow the workbook format's rules: absence threshold ${f.settings.absenceThreshold} %, rounding threshold ${formatNumber(f.settings.roundingThreshold, 1, lang)}, at least ${count(f.settings.minimumMarks, "mark", lang)} for a month mark, n/a weight in SOU ${f.settings.naWeight}.`,
  });
  return { title, lang, blocks };
}
