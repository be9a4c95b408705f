/**
 * «Зачисления»: enroll students into a group from a date (appended rows), end an enrollment
 * (its «По» cell). Nothing is deleted: an ended enrollment keeps its row and its journal row.
 */
import { a1 } from "../../core/cells.js";
import { ruDate } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { EnrollmentEnd, EnrollmentEnded, EnrollRequest, EnrollResult } from "../../rpc/contract.js";
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
  str,
  tabOf,
  who,
} from "./common.js";
import { enrollmentItem } from "./context.js";

const GROUP = { ru: "Группа", en: "Group" };
const STUDENT = { ru: "Учащийся", en: "Student" };

export function enroll(p: SidebarPorts, payload: EnrollRequest): EnrollResult {
  const req = obj(payload);
  const groupId = str(req.groupId, GROUP, { required: true, max: 100 });
  const from = isoDate(req.from, { ru: "С", en: "From" });
  if (!Array.isArray(req.studentIds) || req.studentIds.length === 0)
    throw new UserError("bad-args", { ru: "Выберите учащихся", en: "Choose the students" });
  const ids = [...new Set(req.studentIds.map((x) => str(x, STUDENT, { required: true, max: 40 })))];
  return p.lock.withLock(() => {
    const snap = loadSheets(p.wb, ["students", "groups", "enrollments"]);
    const { model } = snap;
    if (!model.groups.some((g) => g.id === groupId))
      throw notFound({
        ru: `Группы «${groupId}» нет на листе «Группы»`,
        en: `Group "${groupId}" is not on the Groups sheet`,
      });
    const tab = tabOf(model, "enrollments");
    for (const id of ids) {
      if (!model.students.some((s) => s.id === id))
        throw notFound({
          ru: `Учащегося «${id}» нет на листе «Учащиеся»`,
          en: `Student "${id}" is not on the Students sheet`,
        });
      // An enrollment still open on `from` (or starting later) would overlap the new one.
      const open = model.enrollments.find(
        (e) => e.studentId === id && e.groupId === groupId && (e.to === null || e.to >= from),
      );
      if (open)
        throw conflict({
          ru: `${who(model, id)} уже записан(а) в ${groupId} (${tab}, строка ${open.row}: с ${open.from ? ruDate(open.from) : "?"}${open.to ? ` по ${ruDate(open.to)}` : ""})`,
          en: `${who(model, id)} is already enrolled in ${groupId} (${tab}, row ${open.row}: from ${open.from ?? "?"}${open.to ? ` to ${open.to}` : ""})`,
        });
    }
    const add = appendRows(
      snap,
      "enrollments",
      ids.map((id) => ({ studentId: id, groupId, from: dateCell(from), to: null })),
    );
    p.wb.write([
      add.write,
      audit(
        p,
        model,
        "enroll",
        ids.map((id, i) => ({
          sheet: add.write.sheet,
          cell: add.range(i),
          old: "",
          new: `${id} → ${groupId} ${from}`,
        })),
      ),
    ]);
    return { added: ids.map((id, i) => ({ row: add.firstRow + i, studentId: id, groupId, from, to: null })) };
  });
}

export function enrollmentEnd(p: SidebarPorts, payload: EnrollmentEnd): EnrollmentEnded {
  const req = obj(payload);
  const to = isoDate(req.to, { ru: "По", en: "To" });
  const exp = obj(req.expected);
  const row = typeof exp.row === "number" && Number.isInteger(exp.row) && exp.row > 1 ? exp.row : 0;
  if (!row) throw new UserError("bad-args", { ru: "Неверная строка зачисления", en: "Bad enrollment row" });
  const expected = {
    studentId: str(exp.studentId, STUDENT, { max: 40 }),
    groupId: str(exp.groupId, GROUP, { max: 100 }),
    from: isoDate(exp.from, { ru: "С", en: "From" }, { required: false }) || null,
    to: isoDate(exp.to, { ru: "По", en: "To" }, { required: false }) || null,
  };
  return p.lock.withLock(() => {
    const { model } = loadSheets(p.wb, ["students", "enrollments"]);
    const tab = tabOf(model, "enrollments");
    const e = model.enrollments.find((x) => x.row === row);
    const same =
      e &&
      e.studentId === expected.studentId &&
      e.groupId === expected.groupId &&
      e.from === expected.from &&
      e.to === expected.to;
    if (!e || !same)
      throw conflict({
        ru: `Строку ${row} листа «${tab}» (${who(model, expected.studentId)}, ${expected.groupId}) уже изменили после загрузки панели; обновите панель и повторите`,
        en: `Row ${row} of sheet "${tab}" (${who(model, expected.studentId)}, ${expected.groupId}) was changed after the sidebar loaded it; reload the sidebar and try again`,
      });
    if (e.from && to < e.from)
      throw new UserError("bad-args", {
        ru: `Дата окончания ${ruDate(to)} раньше даты зачисления ${ruDate(e.from)}`,
        en: `The end date ${to} is before the start date ${e.from}`,
      });
    const col = model.columns.enrollments?.to;
    if (!col)
      throw new UserError("bad-args", {
        ru: `На листе «${tab}» нет столбца «По»: добавьте его (меню «Настроить книгу») и повторите`,
        en: `Sheet "${tab}" has no column "To": add it (menu "Set up workbook") and try again`,
      });
    p.wb.write([
      { sheet: tab, cells: [{ row, col, values: [[dateCell(to)]] }] },
      audit(p, model, "enroll-end", [{ sheet: tab, cell: a1(row, col), old: e.to ?? "", new: to }]),
    ]);
    return { enrollment: { ...enrollmentItem(e), to } };
  });
}
