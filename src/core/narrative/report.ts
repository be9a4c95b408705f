/**
 * The monthly report as a school document, renderer-neutral: the title block, key figures
 * «было / стало / Δ», «Успехи» (above every threshold), «Проблемы» (by threshold and by change),
 * «Выводы и рекомендации» (who does what by when), tables per class and group, absences and
 * movement, charts, the at-risk list, signatures. Sections with nothing to say are left out.
 */
import { monthRange } from "../dates.js";
import type { Lang } from "../i18n.js";
import { formatNumber, type MonthDynamics, type MonthFigures, type PairFigures } from "../metrics/index.js";
import type { IsoDate, ScheduleChange } from "../records.js";
import { docDate, longDate } from "../report/labels.js";
import type { Block, ReportDoc } from "../report/model.js";
import { enumLabel } from "../schema.js";
import { attendanceChart, categoriesChart } from "./charts.js";
import { type ReportSettings, type Writer, writer } from "./context.js";
import { documentTitle, pageHeader, signatures, titleBlock } from "./document.js";
import type { FeedbackSummary } from "./feedback-summary.js";
import {
  capital,
  classProblems,
  contactProblems,
  DAYS,
  type Finding,
  groupProblems,
  mergeByPlace,
  sentence,
  successes,
} from "./findings.js";
import { keyFigures } from "./key-figures.js";
import { absenceTable, atRiskTable, categoriesTable, figuresTable } from "./tables.js";
import { count, markChange } from "./words.js";

export { CHART_GROUPS } from "./charts.js";
export { NOTABLE_PP } from "./findings.js";

export interface ReportInput {
  lang: Lang;
  figures: MonthFigures;
  dynamics: MonthDynamics;
  settings: ReportSettings;
  /** staff ID -> name */
  staffNames: Map<string, string>;
  /** Schedule changes dated in the month. */
  changes: readonly ScheduleChange[];
  feedback?: FeedbackSummary;
  /** The document's date (the workbook's today). */
  today: IsoDate;
  /** "YYYY-MM-DD HH:MM" in the workbook's time zone. */
  generatedAt: string;
  /** Absence reasons of a pair (issue 21, «Причины пропусков»); a column when it says anything. */
  absenceReason?: (p: PairFigures) => string;
}

function problems(f: MonthFigures, dyn: MonthDynamics, w: Writer, fb?: FeedbackSummary): Finding[] {
  const gd = new Map(dyn.groups.map((g) => [g.groupId, g.figures]));
  const out: Finding[] = [];
  for (const g of f.groups) out.push(...groupProblems(g, gd.get(g.groupId), w));
  for (const c of f.classes) out.push(...classProblems(c, w));
  out.push(...contactProblems(f, w));
  if (f.atRisk.length) {
    const students = new Set(f.atRisk.map((p) => p.studentId)).size;
    out.push({
      text: w.ru
        ? `В группе риска учащихся: ${students} (пар учащийся–группа: ${f.atRisk.length}). Список — в конце отчёта.`
        : `Students at risk: ${students} (${f.atRisk.length} student–group pairs). The list is at the end of the report.`,
      recommendation: w.ru
        ? `${capital(w.coordinator())}: обсудить список группы риска с преподавателями и тьюторами — до ${w.by(DAYS.talk)}`
        : `${capital(w.coordinator())}: go through the at-risk list with the teachers and tutors by ${w.by(DAYS.talk)}`,
    });
  }
  if (fb?.unlinked.length)
    out.push({
      text: w.ru
        ? `Отзывы родителей без семьи (код неизвестен или отозван): ${fb.unlinked.length} — не учтены в оценках и цитатах (строки ${fb.unlinked.map((u) => u.row).join(", ")}).`
        : `Parent responses with no family (unknown or revoked code): ${fb.unlinked.length}, left out of the ratings and quotes (rows ${fb.unlinked.map((u) => u.row).join(", ")}).`,
      recommendation: w.ru
        ? `${capital(w.coordinator())}: проверить эти отзывы и указать учащегося, если семья известна — до ${w.by(DAYS.quick)}`
        : `${capital(w.coordinator())}: review these responses and fill in the student where the family is known by ${w.by(DAYS.quick)}`,
    });
  return out;
}

function findingsBlocks(f: MonthFigures, dyn: MonthDynamics, w: Writer, fb?: FeedbackSummary): Block[] {
  const ru = w.ru;
  const out: Block[] = [];
  const good = successes(f, dyn, w);
  if (good.length)
    out.push(
      { kind: "heading", level: 2, text: ru ? "Успехи" : "Successes" },
      { kind: "bullets", items: good },
    );
  const bad = problems(f, dyn, w, fb);
  if (bad.length) {
    out.push({ kind: "heading", level: 2, text: ru ? "Проблемы" : "Problems" });
    out.push({ kind: "bullets", items: mergeByPlace(bad) });
    out.push({
      kind: "heading",
      level: 2,
      text: ru ? "Выводы и рекомендации" : "Conclusions and recommendations",
    });
    out.push({
      kind: "paragraph",
      text: ru
        ? `Выявлено проблем: ${bad.length}. Для каждой — кто, что и к какому сроку делает:`
        : `Problems found: ${bad.length}. For each, who does what, and by when:`,
    });
    out.push({ kind: "bullets", items: [...new Set(bad.map((p) => sentence(p.recommendation)))] });
  }
  return out;
}

function changesBlocks(changes: readonly ScheduleChange[], w: Writer): Block[] {
  if (!changes.length) return [];
  const items = changes.map((c) => {
    const kind = c.kind ? enumLabel("changeKind", c.kind, w.lang) : "";
    const date = c.date ? longDate(c.date, w.lang) : "";
    const moved =
      c.kind === "move" && c.newDate ? `${w.ru ? " на" : " to"} ${longDate(c.newDate, w.lang)}` : "";
    return `${date}, ${c.groupId}: ${kind}${moved}${c.reason ? ` — ${c.reason}` : ""}.`;
  });
  return [
    { kind: "heading", level: 2, text: w.ru ? "Изменения расписания" : "Schedule changes" },
    { kind: "bullets", items },
  ];
}

function feedbackBlocks(fb: FeedbackSummary | undefined, w: Writer): Block[] {
  if (!fb || fb.responses === 0) return [];
  const ru = w.ru;
  const avg = fb.average === null ? "" : formatNumber(fb.average, 2, w.lang);
  const ch =
    fb.average !== null && fb.previousAverage !== null
      ? ` (${markChange(fb.average - fb.previousAverage, w.lang)})`
      : "";
  const out: Block[] = [
    { kind: "heading", level: 2, text: ru ? "Отзывы родителей" : "Parent feedback" },
    {
      kind: "paragraph",
      text: ru
        ? `Получено ${count(fb.responses, "response", "ru")}${avg ? `, средняя оценка ${avg} из 5${ch}` : ""}. Без ответа: ${count(fb.unanswered, "question", "ru")}.`
        : `${count(fb.responses, "response", "en")} received${avg ? `, average rating ${avg} of 5${ch}` : ""}. Unanswered: ${count(fb.unanswered, "question", "en")}.`,
    },
  ];
  if (fb.problems.length)
    out.push(
      {
        kind: "paragraph",
        text: ru ? "Что мешает, по словам родителей:" : "What gets in the way, in the parents' words:",
      },
      { kind: "bullets", items: fb.problems.map((p) => (ru ? `«${p}»` : `“${p}”`)) },
    );
  return out;
}

export function buildReport(input: ReportInput): ReportDoc {
  const { lang, figures: f, dynamics: dyn } = input;
  const w = writer(lang, f.month, input.settings, input.staffNames, input.today);
  const ru = w.ru;
  const { from, to } = monthRange(f.month);
  const blocks: Block[] = [...titleBlock(w, input.today)];
  blocks.push({
    kind: "paragraph",
    style: "note",
    text: ru
      ? `Период: с ${docDate(from, lang)} по ${docDate(to, lang)} Сформировано ${input.generatedAt}.`
      : `Period: ${longDate(from, lang)} to ${longDate(to, lang)}. Generated ${input.generatedAt}.`,
  });
  blocks.push(...keyFigures(f, dyn, w));
  blocks.push(...findingsBlocks(f, dyn, w, input.feedback));
  blocks.push(...changesBlocks(input.changes, w));
  blocks.push(...feedbackBlocks(input.feedback, w));
  if (f.classes.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "По классам" : "By class" });
    blocks.push(
      categoriesTable(f, dyn, w),
      figuresTable(f, dyn, w, "class"),
      absenceTable(f, dyn, w, "class"),
    );
  }
  if (f.groups.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "По группам" : "By group" });
    blocks.push(figuresTable(f, dyn, w, "group"), absenceTable(f, dyn, w, "group"));
  }
  for (const chart of [attendanceChart(f, dyn, w), categoriesChart(f, dyn, w)]) if (chart) blocks.push(chart);
  if (f.atRisk.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Группа риска" : "Students at risk" });
    blocks.push(atRiskTable(f, w, input.absenceReason));
  }
  blocks.push({ kind: "paragraph", style: "note", text: rulesNote(f, w) });
  blocks.push(...signatures(w));
  return { title: documentTitle(w), lang, header: pageHeader(w), blocks };
}

function rulesNote(f: MonthFigures, w: Writer): string {
  const s = f.settings;
  const t = w.settings.thresholds;
  const r = formatNumber(s.roundingThreshold, 1, w.lang);
  return w.ru
    ? `Показатели рассчитаны по правилам формата книги: порог пропусков ${s.absenceThreshold} %, порог округления ${r}, отметка за месяц — не менее чем из ${count(s.minimumMarks, "mark", "ru")}, вес н/а в СОУ ${s.naWeight}. Пороги проблем: успеваемость ${t.success} %, качество ${t.quality} %, посещаемость ${t.attendance} %, заполнение журнала ${t.journalFill} %, н/а не более ${t.notAssessed}, без контакта не дольше ${count(t.daysWithoutContact, "dayOf", "ru")}.`
    : `Figures follow the workbook format's rules: absence threshold ${s.absenceThreshold} %, rounding threshold ${r}, at least ${count(s.minimumMarks, "mark", "en")} for a month mark, n/a weight in SOU ${s.naWeight}. Problem thresholds: pass rate ${t.success} %, quality ${t.quality} %, attendance ${t.attendance} %, journal fill ${t.journalFill} %, at most ${t.notAssessed} n/a, contact at least every ${count(t.daysWithoutContact, "day", "en")}.`;
}
