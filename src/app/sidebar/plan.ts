/**
 * «Индивидуальный план» (issue 17): add a line of «ИУП» or correct one. Before saving, the
 * student's plan with this line goes through the same checks as «Проверить данные» (load by
 * grade, hours against the schedule, overlaps, a distance subject without a group); an error
 * refuses the save. A correction writes only the changed cells, stamps «Скорректировано» and
 * its reason, appends a row per field to «Корректировки ИУП» and old → new to «Аудит».
 */
import { a1, type WriteValue } from "../../core/cells.js";
import { todayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Msg } from "../../core/i18n.js";
import { parseTable } from "../../core/parse/table.js";
import { planIssues } from "../../core/plans/checks.js";
import { gradeOf, loadLimits } from "../../core/plans/load-limits.js";
import { overlaps, type PlanForm, type PlanLine, readPlans } from "../../core/plans/sheets.js";
import { enumLabel, enumValue, SHEETS, type SheetKey } from "../../core/schema.js";
import type { PlanCheck, PlanLineRequest, PlanLines, PlanSaved } from "../../rpc/contract.js";
import {
  appendRows,
  audit,
  conflict,
  dateCell,
  isoDate,
  loadSheets,
  notFound,
  obj,
  type SidebarPorts,
  type Snapshot,
  str,
} from "./common.js";

const NEEDED = ["students", "groups", "enrollments", "schedule", "plans", "planCorrections"] as const;

/** The shared parser maps the columns of its own sheets only: the individual sheets' are added here. */
export function withColumns(snap: Snapshot, keys: readonly SheetKey[]): Snapshot {
  for (const k of keys) {
    const tab = snap.model.tabs[k];
    if (tab && !snap.model.columns[k])
      snap.model.columns[k] = parseTable(
        SHEETS[k],
        tab,
        (snap.tables.get(tab)?.values ?? []).slice(0, 1),
      ).columns;
  }
  return snap;
}
const F = (ru: string, en: string): Msg => ({ ru, en });

/** `needReason`: a correction is saved only with its reason; the check before saving needs none. */
function readLine(payload: PlanLineRequest, needReason = true): PlanLine & { reason: string } {
  const req = obj(payload);
  const row = req.row === null || req.row === undefined ? null : Number(req.row);
  if (row !== null && (!Number.isInteger(row) || row < 2))
    throw new UserError("bad-args", F("Неверная строка ИУП", "Bad plan row"));
  const hours = req.hours === null || req.hours === undefined || req.hours === "" ? null : Number(req.hours);
  if (hours !== null && (!Number.isFinite(hours) || hours < 0 || hours > 60))
    throw new UserError(
      "bad-args",
      F("«Часов в неделю»: число от 0 до 60", '"Hours a week": a number from 0 to 60'),
    );
  const formText = str(req.form, F("Форма", "Form"), { max: 40 });
  const form = formText ? (enumValue("planForm", formText) as PlanForm | undefined) : null;
  if (form === undefined)
    throw new UserError(
      "bad-args",
      F(`«Форма»: «${formText}» — не форма обучения`, `"Form": "${formText}" is not a form of study`),
    );
  const from = isoDate(req.from, F("С", "From"), { required: false }) || null;
  const to = isoDate(req.to, F("По", "To"), { required: false }) || null;
  if (from && to && to < from) throw new UserError("bad-args", F("«По» раньше «С»", '"To" is before "From"'));
  return {
    row: row ?? 0,
    studentId: str(req.studentId, F("Учащийся", "Student"), { required: true, max: 40 }),
    subject: str(req.subject, F("Предмет", "Subject"), { required: true, max: 200 }),
    hours,
    form,
    groupId: str(req.groupId, F("Группа", "Group"), { max: 100 }),
    from,
    to,
    basis: str(req.basis, F("Основание", "Basis"), { max: 500 }),
    note: str(req.note, F("Примечание", "Note"), { max: 2000 }),
    correctedOn: null,
    correctionReason: "",
    reason: str(req.reason, F("Причина корректировки", "Correction reason"), {
      required: needReason && row !== null,
      max: 500,
    }),
  };
}

/** The checks of this student's plan with `line` in place (a new line takes the next row). */
function checkLine(snap: Snapshot, line: PlanLine, today: string): PlanCheck & { rowOf: number } {
  const { model, tables } = snap;
  const tab = model.tabs.plans;
  const plans = readPlans(
    tab ?? SHEETS.plans[model.settings.language],
    tab ? (tables.get(tab)?.values ?? []) : [],
  );
  const rowOf = line.row || (tab ? (tables.get(tab)?.values.length ?? 1) + 1 : 2);
  const mine = plans.list.filter((l) => l.studentId === line.studentId && l.row !== rowOf);
  const candidate = { ...line, row: rowOf };
  const list = [...mine, candidate].sort((a, b) => a.row - b.row);
  if (!tab) plans.columns = Object.fromEntries(SHEETS.plans.columns.map((c, i) => [c.key, i + 1]));
  const settings = model.tabs.settings ? (tables.get(model.tabs.settings)?.values ?? []) : [];
  const { limits } = loadLimits(model.tabs.settings, settings, model.settings.language);
  const issues = planIssues(model, { ...plans, list }, limits)
    .filter((i) => i.code !== "plan-group-not-in-plan" && i.code !== "plan-correction")
    .map((i) => ({ cell: `${i.sheet}!${i.cell}`, severity: i.severity, message: i.message }));
  // The load on the day the line starts (today when it is open-ended from the past).
  const day = line.from && line.from > today ? line.from : today;
  const at = { from: day, to: day };
  const total = list
    .filter((l) => l.form !== "self" && l.form !== "external" && overlaps(l, at))
    .reduce((a, l) => a + (l.hours ?? 0), 0);
  const grade = gradeOf(model.students.find((s) => s.id === line.studentId)?.className ?? "");
  return { issues, load: { total, max: grade === null ? null : (limits.byGrade.get(grade) ?? null) }, rowOf };
}

/** The student's ИУП lines, for the flow to pick one to correct. */
export function planLoad(p: SidebarPorts, payload: { studentId: string }): PlanLines {
  const studentId = str(obj(payload).studentId, F("Учащийся", "Student"), { required: true, max: 40 });
  const { model, tables } = loadSheets(p.wb, ["plans"]);
  const tab = model.tabs.plans;
  const list = tab ? readPlans(tab, tables.get(tab)?.values ?? []).list : [];
  return {
    lines: list
      .filter((l) => l.studentId === studentId)
      .map((l) => ({
        row: l.row,
        subject: l.subject,
        hours: l.hours,
        form: l.form ?? "",
        groupId: l.groupId,
        from: l.from ?? "",
        to: l.to ?? "",
        basis: l.basis,
        note: l.note,
      })),
  };
}

export function planCheck(p: SidebarPorts, payload: PlanLineRequest): PlanCheck {
  const line = readLine(payload, false);
  const snap = loadSheets(p.wb, NEEDED);
  const { issues, load } = checkLine(snap, line, todayIn(p.clock.now(), snap.model.settings.timeZone));
  return { issues, load };
}

const FIELDS: readonly (keyof PlanLine)[] = [
  "subject",
  "hours",
  "form",
  "groupId",
  "from",
  "to",
  "basis",
  "note",
];

/** The value of a field as the sheet holds it. */
function cellValue(line: PlanLine, k: keyof PlanLine, lang: "ru" | "en"): WriteValue {
  const v = line[k];
  if (k === "form") return v ? enumLabel("planForm", String(v), lang) : null;
  if ((k === "from" || k === "to") && v) return dateCell(String(v));
  return v === "" ? null : (v as WriteValue);
}

const shown = (v: WriteValue) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? "" : String(v);

export function planSave(p: SidebarPorts, payload: PlanLineRequest): PlanSaved {
  const line = readLine(payload);
  return p.lock.withLock(() => {
    const snap = withColumns(loadSheets(p.wb, NEEDED), ["plans", "planCorrections"]);
    const { model } = snap;
    const lang = model.settings.language;
    const today = todayIn(p.clock.now(), model.settings.timeZone);
    if (!model.students.some((s) => s.id === line.studentId))
      throw notFound(
        F(`Учащегося «${line.studentId}» нет в списке`, `Student "${line.studentId}" is not listed`),
      );
    if (line.groupId && !model.groups.some((g) => g.id === line.groupId))
      throw notFound(F(`Группы «${line.groupId}» нет в списке`, `Group "${line.groupId}" is not listed`));
    const checked = checkLine(snap, line, today);
    const errors = checked.issues.filter((i) => i.severity === "error");
    if (errors.length)
      throw new UserError("bad-args", {
        ru: `Не сохранено: ${errors.map((e) => `${e.cell}: ${e.message.ru}`).join("; ")}`,
        en: `Not saved: ${errors.map((e) => `${e.cell}: ${e.message.en}`).join("; ")}`,
      });
    const result = { issues: checked.issues, load: checked.load };
    if (!line.row) {
      const add = appendRows(
        snap,
        "plans",
        [
          Object.fromEntries(FIELDS.map((k) => [k, cellValue(line, k, lang)])) as Record<string, WriteValue>,
        ].map((r) => ({ studentId: line.studentId, ...r })),
      );
      p.wb.write([
        add.write,
        audit(p, model, "plan-add", [
          { sheet: add.write.sheet, cell: add.range(0), old: "", new: line.subject },
        ]),
      ]);
      return { ...result, row: add.firstRow, changed: [] };
    }
    return correct(p, snap, line, today, result);
  });
}

function correct(
  p: SidebarPorts,
  snap: Snapshot,
  line: PlanLine & { reason: string },
  today: string,
  result: PlanCheck,
): PlanSaved {
  const { model, tables } = snap;
  const lang = model.settings.language;
  const tab = model.tabs.plans;
  const old = tab
    ? readPlans(tab, tables.get(tab)?.values ?? []).list.find((l) => l.row === line.row)
    : undefined;
  if (!tab || !old) throw notFound(F(`В ИУП нет строки ${line.row}`, `The plan has no row ${line.row}`));
  if (old.studentId !== line.studentId)
    throw conflict(
      F(
        `Строка ${line.row} ИУП уже о другом учащемся (${old.studentId}); обновите панель`,
        `Plan row ${line.row} is now about another student (${old.studentId}); reload the panel`,
      ),
    );
  const cols = model.columns.plans ?? {};
  const changed = FIELDS.filter((k) => shown(cellValue(old, k, lang)) !== shown(cellValue(line, k, lang)));
  if (!changed.length) throw new UserError("bad-args", F("Ничего не изменилось", "Nothing changed"));
  const cells: { row: number; col: number; values: WriteValue[][] }[] = [];
  const entries: { sheet: string; cell: string; old: WriteValue; new: WriteValue }[] = [];
  const put = (k: string, oldV: WriteValue, newV: WriteValue) => {
    const col = cols[k];
    if (col === undefined) {
      const c = SHEETS.plans.columns.find((x) => x.key === k);
      throw new UserError(
        "bad-args",
        F(
          `На листе «${tab}» нет столбца «${c?.ru ?? k}»: добавьте его и повторите`,
          `Sheet "${tab}" has no column "${c?.en ?? k}": add it and try again`,
        ),
      );
    }
    cells.push({ row: line.row, col, values: [[newV]] });
    entries.push({ sheet: tab, cell: a1(line.row, col), old: shown(oldV), new: shown(newV) });
  };
  for (const k of changed) put(k, cellValue(old, k, lang), cellValue(line, k, lang));
  put("correctedOn", old.correctedOn ? dateCell(old.correctedOn) : null, dateCell(today));
  put("correctionReason", old.correctionReason || null, line.reason);
  const label = (k: keyof PlanLine) => SHEETS.plans.columns.find((c) => c.key === k)?.[lang] ?? k;
  const log = appendRows(
    snap,
    "planCorrections",
    changed.map((k) => ({
      date: dateCell(today),
      studentId: line.studentId,
      subject: line.subject,
      planRow: line.row,
      field: label(k),
      old: shown(cellValue(old, k, lang)),
      new: shown(cellValue(line, k, lang)),
      reason: line.reason,
      who: p.user || "?",
    })),
  );
  p.wb.write([{ sheet: tab, cells }, log.write, audit(p, model, "plan-correct", entries)]);
  return { ...result, row: line.row, changed: changed.map(label) };
}
