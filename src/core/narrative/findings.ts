/**
 * «Проблемы» and «Успехи» as data: each problem names where it is, what is wrong (by absolute
 * threshold or by a change since last month) and who should do what by when, so that
 * «Выводы и рекомендации» is written from the same list.
 */
import type { ClassFigures, GroupFigures, MonthDynamics, MonthFigures } from "../metrics/index.js";
import { pct } from "../metrics/index.js";
import type { Writer } from "./context.js";
import { count, ppChange } from "./words.js";

export interface Finding {
  /** The group or class the finding is about: findings of one place are written as one line. */
  where?: string;
  text: string;
  /** Who does what by when, one plain sentence. */
  recommendation: string;
}

/** Days from the document's date to each kind of deadline. */
export const DAYS = { quick: 3, talk: 7, marks: 14, quality: 21 } as const;

/** A drop large enough to name, in percentage points. */
export const NOTABLE_PP = 5;

const pc = (x: number | null, w: Writer) => `${pct(x, w.lang)} %`;

function dropText(what: "quality" | "attendance" | "success", change: number, w: Writer): string {
  const names = {
    quality: { ru: "качество знаний снизилось", en: "quality fell" },
    attendance: { ru: "посещаемость снизилась", en: "attendance fell" },
    success: { ru: "успеваемость снизилась", en: "the pass rate fell" },
  } as const;
  return `${names[what][w.lang]} (${ppChange(change, w.lang)})`;
}

/** Problems of one group: thresholds first, then drops since last month. */
export function groupProblems(
  g: GroupFigures,
  d: MonthDynamics["groups"][number]["figures"] | undefined,
  w: Writer,
): Finding[] {
  const t = w.settings.thresholds;
  const out: Finding[] = [];
  const where = w.group(g);
  const teacher = g.teacherId ? w.staff(g.teacherId) : w.coordinator();
  const tutor = g.tutorId ? w.staff(g.tutorId) : w.coordinator();
  const ru = w.ru;
  if (g.N > 0 && g.success !== null && g.success < t.success)
    out.push({
      text: ru
        ? `${where}: успеваемость ${pc(g.success, w)} — ниже порога ${t.success} %.`
        : `${where}: pass rate ${pc(g.success, w)}, below the ${t.success} % threshold.`,
      recommendation: ru
        ? `${teacher} (${g.groupId}): провести консультации с неуспевающими, дать задания на пересдачу — до ${w.by(DAYS.marks)}`
        : `${teacher} (${g.groupId}): hold catch-up sessions for failing students and set retakes by ${w.by(DAYS.marks)}`,
    });
  if (g.N > 0 && g.nNa > t.notAssessed)
    out.push({
      text: ru
        ? `${where}: н/а у ${g.nNa} из ${count(g.N, "studentOf", "ru")}.`
        : `${where}: n/a for ${g.nNa} of ${count(g.N, "studentOf", "en")}.`,
      recommendation: ru
        ? `${teacher} и тьютор ${tutor} (${g.groupId}): выяснить причины, дать задания для недостающих отметок — до ${w.by(DAYS.marks)}`
        : `${teacher} and tutor ${tutor} (${g.groupId}): find out why and set work for the missing marks by ${w.by(DAYS.marks)}`,
    });
  if (g.N > 0 && g.quality !== null && g.quality < t.quality)
    out.push({
      text: ru
        ? `${where}: качество знаний ${pc(g.quality, w)} — ниже порога ${t.quality} %.`
        : `${where}: quality ${pc(g.quality, w)}, below the ${t.quality} % threshold.`,
      recommendation: ru
        ? `${teacher} (${g.groupId}): разобрать типичные ошибки, дать задания повышенного уровня учащимся с «3» — до ${w.by(DAYS.quality)}`
        : `${teacher} (${g.groupId}): go over common mistakes and give harder tasks to students on a 3 by ${w.by(DAYS.quality)}`,
    });
  if (g.attendance !== null && g.attendance < t.attendance)
    out.push({
      text: ru
        ? `${where}: посещаемость ${pc(g.attendance, w)} — ниже порога ${t.attendance} %.`
        : `${where}: attendance ${pc(g.attendance, w)}, below the ${t.attendance} % threshold.`,
      recommendation: ru
        ? `Тьютор ${tutor} (${g.groupId}): связаться с семьями пропускающих учащихся — до ${w.by(DAYS.talk)}`
        : `Tutor ${tutor} (${g.groupId}): contact the families of absent students by ${w.by(DAYS.talk)}`,
    });
  if (g.columns > 0 && g.journalFill !== null && g.journalFill < t.journalFill)
    out.push({
      text: ru
        ? `${where}: журнал заполнен на ${pc(g.journalFill, w)} (порог ${t.journalFill} %).`
        : `${where}: journal ${pc(g.journalFill, w)} filled (threshold ${t.journalFill} %).`,
      recommendation: ru
        ? `${teacher} (${g.groupId}): заполнить журнал за прошедший месяц — до ${w.by(DAYS.quick)}`
        : `${teacher} (${g.groupId}): complete last month's journal by ${w.by(DAYS.quick)}`,
    });
  if (g.planned > 0 && g.columns < g.planned)
    out.push({
      text: ru
        ? `${where}: проведено ${g.columns} из ${count(g.planned, "lessonOf", "ru")} по расписанию.`
        : `${where}: ${g.columns} of ${count(g.planned, "lesson", "en")} held as scheduled.`,
      recommendation: ru
        ? `${capital(w.coordinator())} и ${teacher}: согласовать замену пропущенных уроков — до ${w.by(DAYS.talk)}`
        : `${capital(w.coordinator())} and ${teacher}: agree make-up lessons by ${w.by(DAYS.talk)}`,
    });
  for (const k of ["success", "quality", "attendance"] as const) {
    const c = d?.[k].change;
    if (c === null || c === undefined || c > -NOTABLE_PP) continue;
    out.push({
      text: `${where}: ${dropText(k, c, w)}.`,
      recommendation: ru
        ? `${capital(w.coordinator())} и ${teacher}: разобрать причины снижения (${g.groupId}) — до ${w.by(DAYS.talk)}`
        : `${capital(w.coordinator())} and ${teacher}: look into the drop in ${g.groupId} by ${w.by(DAYS.talk)}`,
    });
  }
  return out.map((x) => ({ ...x, where }));
}

export const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Problems of a class: its students by category against the thresholds, and attendance. */
export function classProblems(c: ClassFigures, w: Writer): Finding[] {
  const t = w.settings.thresholds;
  const out: Finding[] = [];
  const ru = w.ru;
  const teacher = ru ? `Классный руководитель ${c.className}` : `The form tutor of ${c.className}`;
  if (c.students > 0 && c.success !== null && c.success < t.success)
    out.push({
      text: ru
        ? `${c.className}: успеваемость ${pc(c.success, w)} — ниже порога ${t.success} % (неуспевающих ${c.categories.failing}, не аттестованы ${c.categories.notAssessed}).`
        : `${c.className}: pass rate ${pc(c.success, w)}, below the ${t.success} % threshold (${c.categories.failing} failing, ${c.categories.notAssessed} not assessed).`,
      recommendation: ru
        ? `${teacher}: обсудить с семьями неуспевающих и не аттестованных план ликвидации задолженностей — до ${w.by(DAYS.marks)}`
        : `${teacher}: agree a catch-up plan with the families of failing and unassessed students by ${w.by(DAYS.marks)}`,
    });
  if (c.students > 0 && c.quality !== null && c.quality < t.quality)
    out.push({
      text: ru
        ? `${c.className}: качество знаний ${pc(c.quality, w)} — ниже порога ${t.quality} % (с одной «3» — ${c.categories.oneThree}).`
        : `${c.className}: quality ${pc(c.quality, w)}, below the ${t.quality} % threshold (${c.categories.oneThree} with a single 3).`,
      recommendation: ru
        ? `${teacher}: с учителями-предметниками поддержать учащихся с одной «3» — до ${w.by(DAYS.quality)}`
        : `${teacher}: with the subject teachers, support the students with a single 3 by ${w.by(DAYS.quality)}`,
    });
  if (c.attendance !== null && c.attendance < t.attendance)
    out.push({
      text: ru
        ? `${c.className}: посещаемость ${pc(c.attendance, w)} — ниже порога ${t.attendance} % (${count(c.absences, "absence", "ru")}, из них без причины ${c.unexcused}).`
        : `${c.className}: attendance ${pc(c.attendance, w)}, below the ${t.attendance} % threshold (${count(c.absences, "absence", "en")}, ${c.unexcused} unexcused).`,
      recommendation: ru
        ? `${teacher}: выяснить причины пропусков без уважительной причины и сообщить координатору — до ${w.by(DAYS.talk)}`
        : `${teacher}: find out the reasons for unexcused absences and tell the coordinator by ${w.by(DAYS.talk)}`,
    });
  return out.map((x) => ({ ...x, where: c.className }));
}

/** One line per (staff member, group) without contact for longer than the setting. */
export function contactProblems(f: MonthFigures, w: Writer): Finding[] {
  const n = w.settings.thresholds.daysWithoutContact;
  const groups = new Map(f.groups.map((g) => [g.groupId, g]));
  const out: Finding[] = [];
  for (const s of f.staff)
    for (const c of s.groupContacts) {
      if (!c.stale || c.days === null) continue;
      const g = groups.get(c.groupId);
      const where = g ? w.group(g) : c.groupId;
      const who = w.staff(s.staffId);
      const days = count(c.days, "dayOf", w.lang);
      out.push({
        text: w.ru
          ? `Нет контакта с группой дольше ${count(n, "dayOf", "ru")}: ${who} — ${where}, ${c.lastContact ? `${days} с последнего` : `${days} с первого урока, контактов нет`}.`
          : `No contact with a group for more than ${count(n, "day", "en")}: ${who} — ${where}, ${c.lastContact ? `${days} since the last one` : `${days} since the first lesson, none logged`}.`,
        recommendation: w.ru
          ? `${who}: связаться с группой ${c.groupId} и записать контакт на листе «Контакты» — до ${w.by(DAYS.quick)}`
          : `${who}: get in touch with ${c.groupId} and log it in «Contacts» by ${w.by(DAYS.quick)}`,
      });
    }
  return out;
}

/** «Успехи»: only a group or class at or above every threshold, and what stands out there. */
export function successes(f: MonthFigures, dyn: MonthDynamics, w: Writer): string[] {
  const t = w.settings.thresholds;
  const gd = new Map(dyn.groups.map((g) => [g.groupId, g.figures]));
  const ok = (x: { N: number; success: number | null; quality: number | null; attendance: number | null }) =>
    x.N > 0 &&
    (x.success ?? 0) >= t.success &&
    (x.quality ?? 0) >= t.quality &&
    (x.attendance ?? 0) >= t.attendance;
  const out: string[] = [];
  for (const g of f.groups) {
    if (!ok(g) || g.nNa > t.notAssessed || (g.journalFill ?? 0) < t.journalFill) continue;
    const d = gd.get(g.groupId);
    const parts: string[] = [];
    if (g.success === 100 && g.atRisk === 0)
      parts.push(w.ru ? "все учащиеся успевают" : "every student passes");
    for (const k of ["quality", "attendance"] as const) {
      const c = d?.[k].change;
      if (c !== null && c !== undefined && c >= NOTABLE_PP)
        parts.push(
          w.ru
            ? `${k === "quality" ? "качество знаний выросло" : "посещаемость выросла"} до ${pc(g[k], w)} (${ppChange(c, "ru")})`
            : `${k} rose to ${pc(g[k], w)} (${ppChange(c, "en")})`,
        );
    }
    if (parts.length) out.push(`${w.group(g)}: ${parts.join("; ")}.`);
  }
  const classes = f.classes.filter((c) => ok({ ...c, N: c.students }) && c.categories.notAssessed === 0);
  for (const c of classes)
    out.push(
      w.ru
        ? `${c.className}: успеваемость ${pc(c.success, w)}, качество ${pc(c.quality, w)}, отличников ${c.categories.excellent}, хорошистов ${c.categories.good}.`
        : `${c.className}: pass rate ${pc(c.success, w)}, quality ${pc(c.quality, w)}, ${c.categories.excellent} top students, ${c.categories.good} good.`,
    );
  return out;
}

/**
 * One line per place: «G01 «…»: успеваемость 68,8 % — ниже порога 80 %; н/а у 10 из 32 учащихся.»
 * Findings without a place stay as they are.
 */
export function mergeByPlace(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  const at = new Map<string, number>();
  for (const f of findings) {
    const prefix = f.where ? `${f.where}: ` : "";
    if (!f.where || !f.text.startsWith(prefix)) {
      out.push(f.text);
      continue;
    }
    const body = f.text.slice(prefix.length).replace(/\.$/, "");
    const i = at.get(f.where);
    if (i === undefined) {
      at.set(f.where, out.length);
      out.push(`${prefix}${body}.`);
    } else out[i] = `${out[i].replace(/\.$/, "")}; ${body}.`;
  }
  return out;
}

/** A sentence ends with one period, also after «г.». */
export const sentence = (s: string) => (s.endsWith(".") ? s : `${s}.`);
