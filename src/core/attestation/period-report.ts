/**
 * The period report (a quarter, trimester, half or the year) as a school document, in the same
 * renderer-neutral model and standard as the monthly report: the title block and signatures,
 * the key figures against the previous period, the final marks, the school's categories by
 * class and the figures by class and group (subject), the attestation results with their
 * distribution, problems with recommendations, and the admission list to the final attestation.
 */

import type { Lang } from "../i18n.js";
import type { Issue } from "../issues.js";
import { avg2, type MonthDynamics, pct, type SetFigures } from "../metrics/index.js";
import type { ReportSettings } from "../narrative/context.js";
import { writer } from "../narrative/context.js";
import { signatures, titleBlock } from "../narrative/document.js";
import { categoriesTable, figuresTable } from "../narrative/tables.js";
import type { IsoDate } from "../records.js";
import { docDate } from "../report/labels.js";
import type { Block, ReportDoc, TableBlock } from "../report/model.js";
import { shownName } from "../report/names.js";
import type { AdmissionLine } from "./admission.js";
import type { AttestationFigures } from "./summary.js";
import { ATTESTATION_HEAD, ATTESTATION_TABLE_ALIGN, attestationCells } from "./summary.js";
import type { PeriodMarks } from "./term.js";
import type { Attestation } from "./types.js";

export interface PeriodReportInput {
  lang: Lang;
  marks: PeriodMarks;
  previous: PeriodMarks | null;
  dynamics: MonthDynamics;
  attestations: { a: Attestation; subject: string; figures: AttestationFigures }[];
  admission: AdmissionLine[];
  problems: readonly Issue[];
  settings: ReportSettings;
  staffNames: Map<string, string>;
  today: IsoDate;
  generatedAt: string;
}

export function periodTitle(name: string, lang: Lang): string {
  return lang === "ru" ? `Отчёт об итогах периода «${name}»` : `Report on the period "${name}"`;
}

/** Final marks 5/4/3/2/н/а/other of a set of rows. */
export function distribution(rows: PeriodMarks["rows"]) {
  const d = { n5: 0, n4: 0, n3: 0, n2: 0, na: 0, other: 0, overrides: 0, total: rows.length };
  for (const r of rows) {
    if (r.source === "override") d.overrides++;
    if (r.final === 5) d.n5++;
    else if (r.final === 4) d.n4++;
    else if (r.final === 3) d.n3++;
    else if (typeof r.final === "number") d.n2++;
    else if (r.final === "н/а" || r.final === null) d.na++;
    else d.other++;
  }
  return d;
}

const num = (x: number | null, lang: Lang) => (x === null ? "—" : `${pct(x, lang)} %`);

function keyTable(
  s: SetFigures,
  prev: SetFigures | null,
  prevName: string | null,
  w: { ru: boolean; lang: Lang },
): TableBlock {
  const line = (ru: string, en: string, now: number | null, before: number | null, mark = false) => {
    const f = (x: number | null) => (x === null ? "—" : mark ? avg2(x, w.lang) : num(x, w.lang));
    const delta =
      now === null || before === null
        ? "—"
        : mark
          ? avg2(now - before, w.lang)
          : `${pct(now - before, w.lang)} п. п.`;
    return [w.ru ? ru : en, f(before), f(now), delta];
  };
  const p = prev;
  return {
    kind: "table",
    caption: w.ru ? "Основные показатели" : "Key figures",
    header: [
      w.ru ? "Показатель" : "Figure",
      prevName ?? (w.ru ? "Было" : "Was"),
      w.ru ? "Стало" : "Now",
      "Δ",
    ],
    rows: [
      line("Успеваемость", "Pass rate", s.success, p?.success ?? null),
      line("Качество знаний", "Quality", s.quality, p?.quality ?? null),
      line("СОУ", "SOU", s.sou, p?.sou ?? null),
      line("Средний балл", "Average mark", s.average, p?.average ?? null, true),
      line("Посещаемость", "Attendance", s.attendance, p?.attendance ?? null),
    ],
    align: ["left", "right", "right", "right"],
  };
}

function marksTable(pm: PeriodMarks, ru: boolean): TableBlock {
  const groups = [...new Set(pm.rows.map((r) => r.groupId))];
  const rowOf = (label: string, rows: PeriodMarks["rows"]) => {
    const d = distribution(rows);
    return [
      label,
      String(d.total),
      String(d.n5),
      String(d.n4),
      String(d.n3),
      String(d.n2),
      String(d.na),
      String(d.overrides),
    ];
  };
  return {
    kind: "table",
    caption: ru ? "Итоговые отметки за период" : "Final marks of the period",
    header: ru
      ? ["Группа", "Уч-ся", "5", "4", "3", "2", "н/а", "Вручную"]
      : ["Group", "Pupils", "5", "4", "3", "2", "n/a", "Override"],
    rows: [
      ...groups.map((g) => {
        const subject = pm.rows.find((r) => r.groupId === g)?.subject;
        return rowOf(
          subject ? `${g} ${subject}` : g,
          pm.rows.filter((r) => r.groupId === g),
        );
      }),
      rowOf(ru ? "Всего" : "Total", pm.rows),
    ],
    align: ["left", "right", "right", "right", "right", "right", "right", "right"],
  };
}

function attestationTable(list: PeriodReportInput["attestations"], lang: Lang): TableBlock {
  const ru = lang === "ru";
  return {
    kind: "table",
    caption: ru ? "Результаты аттестации" : "Attestation results",
    header: [...ATTESTATION_HEAD[lang], ...(ru ? ["Зач/незач", "Ср. балл"] : ["Pass/fail", "Average"])],
    rows: list.map(({ a, subject, figures: f }) => [
      ...attestationCells(a, subject, f, lang),
      `${f.pass}/${f.fail}`,
      f.average === null ? "—" : avg2(f.average, lang),
    ]),
    align: [...ATTESTATION_TABLE_ALIGN],
    wide: true,
  };
}

function problemBlocks(input: PeriodReportInput, who: (id: string) => string): Block[] {
  const ru = input.lang === "ru";
  const rows = input.marks.rows;
  const items: string[] = [];
  const recs: string[] = [];
  const failing = rows.filter((r) => typeof r.final === "number" && r.final <= 2);
  const na = rows.filter((r) => r.final === "н/а");
  if (failing.length) {
    items.push(
      ru
        ? `Неудовлетворительная итоговая отметка: ${failing.length} (${failing.map((r) => `${who(r.studentId)} — ${r.groupId}`).join("; ")}).`
        : `Failing final marks: ${failing.length} (${failing.map((r) => `${who(r.studentId)} — ${r.groupId}`).join("; ")}).`,
    );
    recs.push(
      ru
        ? "Преподавателям: составить план ликвидации задолженности и назначить пересдачу."
        : "Teachers: draw up a catch-up plan and set a retake.",
    );
  }
  if (na.length) {
    items.push(ru ? `Не аттестованы (н/а): ${na.length}.` : `Not assessed (n/a): ${na.length}.`);
    recs.push(
      ru
        ? "Преподавателям: набрать недостающие отметки или оформить причину неаттестации."
        : "Teachers: collect the missing marks or record why a student is not assessed.",
    );
  }
  const absent = input.attestations.reduce((s, x) => s + x.figures.absent, 0);
  const missing = input.attestations.reduce((s, x) => s + x.figures.missing, 0);
  if (absent) {
    items.push(
      ru
        ? `Не явились на аттестацию без уважительной причины: ${absent}.`
        : `Absent from an attestation without a reason: ${absent}.`,
    );
    recs.push(
      ru
        ? "Координатору: назначить дополнительные сроки аттестации и сообщить родителям."
        : "Coordinator: set extra attestation dates and tell the parents.",
    );
  }
  if (missing)
    items.push(
      ru ? `Не внесены результаты аттестации: ${missing}.` : `Attestation results not entered: ${missing}.`,
    );
  const errors = input.problems.filter((p) => p.severity === "error");
  if (errors.length) {
    items.push(
      ru
        ? `Ошибок в расписании аттестации: ${errors.length} (первая: ${errors[0].message.ru}).`
        : `Errors in the attestation schedule: ${errors.length} (first: ${errors[0].message.en}).`,
    );
    recs.push(
      ru
        ? "Координатору: устранить пересечения в расписании аттестации («Проверить расписание»)."
        : "Coordinator: resolve the clashes in the attestation schedule (Check schedule).",
    );
  }
  if (!items.length) return [];
  return [
    { kind: "heading", level: 2, text: ru ? "Проблемы" : "Problems" },
    { kind: "bullets", items },
    ...(recs.length
      ? ([
          {
            kind: "heading",
            level: 2,
            text: ru ? "Выводы и рекомендации" : "Conclusions and recommendations",
          },
          { kind: "bullets", items: recs },
        ] as Block[])
      : []),
  ];
}

function admissionTable(
  lines: readonly AdmissionLine[],
  lang: Lang,
  who: (id: string) => string,
): TableBlock {
  const ru = lang === "ru";
  return {
    kind: "table",
    caption: ru ? "Допуск к итоговой аттестации" : "Admission to the final attestation",
    header: ru
      ? ["Аттестация", "Учащийся", "Класс", "Допуск", "Причина"]
      : ["Attestation", "Student", "Class", "Admitted", "Reason"],
    rows: lines.map((l) => [
      l.attestationId,
      who(l.studentId),
      l.className,
      l.admitted ? (ru ? "допущен" : "admitted") : ru ? "не допущен" : "not admitted",
      l.reasons.join("; "),
    ]),
    align: ["left", "left", "left", "left", "left"],
  };
}

export function buildPeriodReport(input: PeriodReportInput): ReportDoc {
  const { lang, marks: pm } = input;
  const ru = lang === "ru";
  const p = pm.period;
  const w = writer(lang, p.to!.slice(0, 7), input.settings, input.staffNames, input.today);
  const names = new Map<string, { name: string; consent: boolean | null }>(
    pm.figures.pairs.map((x) => [x.studentId, x]),
  );
  for (const l of input.admission) names.set(l.studentId, l);
  const who = (id: string) => {
    const n = names.get(id);
    const shown = n ? shownName(n, input.settings.names) : "";
    return shown ? `${id} ${shown}` : id;
  };
  const title = periodTitle(p.name, lang);
  const number = `${input.settings.schoolCode ? `${input.settings.schoolCode}/` : ""}${ru ? "ДО" : "DL"}-${p.name}`;
  const blocks: Block[] = titleBlock(w, input.today).map((b) =>
    b.kind === "heading" && b.level === 1
      ? { ...b, text: title }
      : b.kind === "paragraph" && b.align === "center"
        ? {
            ...b,
            text: ru
              ? `№ ${number} от ${docDate(input.today, lang)}`
              : `No. ${number} of ${docDate(input.today, lang)}`,
          }
        : b,
  );
  blocks.push({
    kind: "paragraph",
    style: "note",
    text: ru
      ? `Период: с ${docDate(p.from!, lang)} по ${docDate(p.to!, lang)}. Сформировано ${input.generatedAt}.`
      : `Period: ${docDate(p.from!, lang)} to ${docDate(p.to!, lang)}. Generated ${input.generatedAt}.`,
  });
  blocks.push(
    keyTable(pm.figures.school, input.previous?.figures.school ?? null, input.previous?.period.name ?? null, {
      ru,
      lang,
    }),
  );
  blocks.push(marksTable(pm, ru));
  blocks.push(...problemBlocks(input, who));
  if (input.attestations.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "Аттестация" : "Attestation" });
    blocks.push(attestationTable(input.attestations, lang));
  }
  if (pm.figures.classes.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "По классам" : "By class" });
    blocks.push(
      categoriesTable(pm.figures, input.dynamics, w),
      figuresTable(pm.figures, input.dynamics, w, "class"),
    );
  }
  if (pm.figures.groups.length) {
    blocks.push({ kind: "heading", level: 2, text: ru ? "По предметам (группам)" : "By subject (group)" });
    blocks.push(figuresTable(pm.figures, input.dynamics, w, "group"));
  }
  if (input.admission.length) blocks.push(admissionTable(input.admission, lang, who));
  blocks.push({ kind: "paragraph", style: "note", text: rulesNote(pm, lang) });
  blocks.push(...signatures(w));
  const header = input.settings.school ? `${input.settings.school} · ${title}` : title;
  return { title, lang, header, blocks };
}

const RULES = {
  marks: { ru: "по отметкам", en: "by marks" },
  weighted: { ru: "с весом аттестации", en: "attestation weighted" },
  attestation: { ru: "решает аттестация", en: "attestation decides" },
} as const;

function rulesNote(pm: PeriodMarks, lang: Lang): string {
  const r = pm.rules;
  const t = String(r.roundingThreshold).replace(".", lang === "ru" ? "," : ".");
  return lang === "ru"
    ? `Отметка за период — по правилу месяца: порог округления (период) ${t}, не менее ${r.minimumMarks} отметок; итоговая отметка — «${RULES[r.rule].ru}»${r.rule === "weighted" ? `, вес аттестации ${r.weight}` : ""}; отметка, введённая координатором вручную, отмечена «вручную».`
    : `The period mark follows the month rule: rounding threshold (period) ${t}, at least ${r.minimumMarks} marks; the final mark is "${RULES[r.rule].en}"${r.rule === "weighted" ? `, attestation weight ${r.weight}` : ""}; a mark typed by the coordinator is marked "manual".`;
}
