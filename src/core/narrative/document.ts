/**
 * The parts that make the report a document a school files: the title block («УТВЕРЖДАЮ»,
 * the director, the addressee, number and date, «за ноябрь 2026 г.»), the page header and the
 * signature lines (coordinator, executor with phone). Blank settings leave a line to fill in.
 */
import type { IsoDate } from "../records.js";
import { docDate, forMonth, shortName } from "../report/labels.js";
import type { Block } from "../report/model.js";
import type { Writer } from "./context.js";

const LINE = "____________";

/** «ДО-2026-11», prefixed by «Код школы» when set: the same number on every rerun of a month. */
export function reportNumber(w: Writer): string {
  const base = `${w.ru ? "ДО" : "DL"}-${w.month}`;
  return w.settings.schoolCode ? `${w.settings.schoolCode}/${base}` : base;
}

export function documentTitle(w: Writer): string {
  return w.ru
    ? `Отчёт о дистанционном обучении ${forMonth(w.month, "ru")}`
    : `Distance learning report ${forMonth(w.month, "en")}`;
}

export function pageHeader(w: Writer): string {
  const school = w.settings.school;
  const title = w.ru ? `Отчёт о дистанционном обучении ${forMonth(w.month, "ru")}` : documentTitle(w);
  return school ? `${school} · ${title}` : title;
}

export function titleBlock(w: Writer, today: IsoDate): Block[] {
  const s = w.settings;
  const right = (text: string, bold = false): Block => ({ kind: "paragraph", text, align: "right", bold });
  const director = s.director ? shortName(s.director) : "И. О. Фамилия";
  const year = w.month.slice(0, 4);
  const out: Block[] = w.ru
    ? [
        right("УТВЕРЖДАЮ", true),
        right(`Директор${s.school ? ` ${s.school}` : ""}`),
        right(`${LINE} / ${s.director ? director : LINE}`),
        right(`«___» ${LINE} ${year} г.`),
      ]
    : [
        right("APPROVED", true),
        right(`Director${s.school ? `, ${s.school}` : ""}`),
        right(`${LINE} / ${s.director ? shortName(s.director) : LINE}`),
        right(`Date: ${LINE} ${year}`),
      ];
  if (s.addressee) out.push({ kind: "paragraph", text: s.addressee, align: "right" });
  out.push({ kind: "heading", level: 1, text: documentTitle(w) });
  const number = reportNumber(w);
  out.push({
    kind: "paragraph",
    align: "center",
    text: w.ru
      ? `№ ${number} от ${docDate(today, "ru")}${s.schoolYear ? ` · ${s.schoolYear} учебный год` : ""}`
      : `No. ${number} of ${docDate(today, "en")}${s.schoolYear ? ` · school year ${s.schoolYear}` : ""}`,
  });
  return out;
}

export function signatures(w: Writer): Block[] {
  const s = w.settings;
  const name = s.coordinator ? shortName(s.coordinator) : LINE;
  const phone = s.coordinatorPhone || LINE;
  return w.ru
    ? [
        { kind: "paragraph", text: `Координатор дистанционного обучения ${LINE} / ${name}` },
        { kind: "paragraph", style: "note", text: `Исполнитель: ${name}, тел. ${phone}` },
      ]
    : [
        { kind: "paragraph", text: `Distance learning coordinator ${LINE} / ${name}` },
        { kind: "paragraph", style: "note", text: `Prepared by ${name}, phone ${phone}` },
      ];
}
