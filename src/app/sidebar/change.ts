/**
 * A schedule change (cancel, move, extra lesson, consultation): checked against the whole
 * schedule before it is saved — the conflicts it would add, and the notice text to send.
 * Saving appends one row to «Изменения расписания» («Сообщено» left blank until sent).
 */
import { UserError } from "../../core/errors.js";
import type { Model } from "../../core/model.js";
import type { ScheduleChange } from "../../core/records.js";
import { expandLessons } from "../../core/schedule/expand.js";
import { pendingNotices } from "../../core/schedule/notices.js";
import { enumLabel } from "../../core/schema.js";
import type { ChangeCheck, ChangeKind, ChangeRequest, ChangeSaved } from "../../rpc/contract.js";
import { scheduleConflicts, scheduleSpan } from "../schedule.js";
import {
  appendRows,
  audit,
  dateCell,
  hhmm,
  isoDate,
  loadSheets,
  notFound,
  obj,
  type SidebarPorts,
  type Snapshot,
  str,
} from "./common.js";

const KINDS: readonly ChangeKind[] = ["cancel", "move", "extra", "consultation"];

function readChange(payload: unknown): Omit<ScheduleChange, "row"> {
  const req = obj(payload);
  const kind = req.kind as ChangeKind;
  if (!KINDS.includes(kind))
    throw new UserError("bad-args", { ru: "Выберите тип изменения", en: "Choose the kind of change" });
  const c = {
    date: isoDate(req.date, { ru: "Дата", en: "Date" }),
    groupId: str(req.groupId, { ru: "Группа", en: "Group" }, { required: true, max: 100 }),
    kind,
    start: hhmm(req.start, { ru: "Начало", en: "Start" }) || null,
    end: hhmm(req.end, { ru: "Окончание", en: "End" }) || null,
    newDate: isoDate(req.newDate, { ru: "Новая дата", en: "New date" }, { required: false }) || null,
    reason: str(req.reason, { ru: "Причина", en: "Reason" }, { max: 500 }),
    notified: null,
  };
  if (kind === "move" && !c.newDate)
    throw new UserError("bad-args", {
      ru: "Для переноса укажите новую дату",
      en: "A move needs the new date",
    });
  if ((kind === "extra" || kind === "consultation") && (!c.start || !c.end))
    throw new UserError("bad-args", {
      ru: "Укажите начало и окончание урока",
      en: "Give the lesson's start and end",
    });
  if (c.start && c.end && c.end <= c.start)
    throw new UserError("bad-args", {
      ru: `Окончание (${c.end}) должно быть позже начала (${c.start})`,
      en: `The end (${c.end}) must be after the start (${c.start})`,
    });
  if (kind !== "move") c.newDate = null;
  return c;
}

/** The conflicts the change adds (those of the schedule without it are not its doing) and its notice. */
function check(snap: Snapshot, change: Omit<ScheduleChange, "row">): ChangeCheck & { row: number } {
  const { model, tables } = snap;
  if (!model.groups.some((g) => g.id === change.groupId))
    throw notFound({
      ru: `Группы «${change.groupId}» нет на листе «Группы»`,
      en: `Group "${change.groupId}" is not on the Groups sheet`,
    });
  const tab = model.tabs.changes;
  const row = tab ? (tables.get(tab)?.values.length ?? 0) + 1 : 2;
  const withIt: Model = {
    ...model,
    changes: [...model.changes, { ...change, row }],
    // A sheet to be created gets the format's header order.
    columns: tab ? model.columns : { ...model.columns, changes: undefined },
  };
  const key = (i: { sheet: string; cell: string; message: { ru: string } }) =>
    `${i.sheet}!${i.cell} ${i.message.ru}`;
  const before = new Set(scheduleConflicts(model).map(key));
  const conflicts = scheduleConflicts(withIt)
    .filter((i) => !before.has(key(i)))
    .map((i) => ({ cell: `${i.sheet}!${i.cell}`, message: i.message }));
  const span = scheduleSpan(withIt);
  const lessons = span ? expandLessons(withIt, span.from, span.to) : [];
  const notice =
    pendingNotices(withIt, lessons, model.settings.language).find((n) => n.row === row)?.text ?? "";
  return { conflicts, notice, row };
}

const SHEETS_NEEDED = [
  "students",
  "staff",
  "groups",
  "enrollments",
  "schedule",
  "changes",
  "holidays",
] as const;

export function changeCheck(p: SidebarPorts, payload: ChangeRequest): ChangeCheck {
  const change = readChange(payload);
  const { conflicts, notice } = check(loadSheets(p.wb, SHEETS_NEEDED), change);
  return { conflicts, notice };
}

export function changeSave(p: SidebarPorts, payload: ChangeRequest): ChangeSaved {
  const change = readChange(payload);
  return p.lock.withLock(() => {
    const snap = loadSheets(p.wb, SHEETS_NEEDED);
    const result = check(snap, change);
    const lang = snap.model.settings.language;
    const add = appendRows(snap, "changes", [
      {
        date: dateCell(change.date!),
        groupId: change.groupId,
        kind: enumLabel("changeKind", change.kind!, lang),
        start: change.start,
        end: change.end,
        newDate: change.newDate ? dateCell(change.newDate) : null,
        reason: change.reason,
      },
    ]);
    p.wb.write([
      add.write,
      audit(p, snap.model, "schedule-change", [
        { sheet: add.write.sheet, cell: add.range(0), old: "", new: result.notice },
      ]),
    ]);
    return { conflicts: result.conflicts, notice: result.notice, row: add.firstRow };
  });
}
