/** «Контакты»: log a contact of a staff member with a group or one student (one appended row). */
import { UserError } from "../../core/errors.js";
import type { ContactRequest, ContactSaved } from "../../rpc/contract.js";
import {
  appendRows,
  audit,
  dateCell,
  isoDate,
  loadSheets,
  notFound,
  obj,
  type SidebarPorts,
  str,
} from "./common.js";

export function contactAdd(p: SidebarPorts, payload: ContactRequest): ContactSaved {
  const req = obj(payload);
  const date = isoDate(req.date, { ru: "Дата", en: "Date" });
  const staffId = str(req.staffId, { ru: "Сотрудник", en: "Staff" }, { required: true, max: 40 });
  const groupId = str(req.groupId, { ru: "Группа", en: "Group" }, { max: 100 });
  const studentId = str(req.studentId, { ru: "Учащийся", en: "Student" }, { max: 40 });
  const channel = str(req.channel, { ru: "Канал", en: "Channel" }, { max: 100 });
  const summary = str(req.summary, { ru: "Содержание", en: "Summary" }, { required: true, max: 2000 });
  if (!groupId && !studentId)
    throw new UserError("bad-args", {
      ru: "Выберите группу или учащегося",
      en: "Choose a group or a student",
    });
  return p.lock.withLock(() => {
    const snap = loadSheets(p.wb, ["students", "staff", "groups", "contacts"]);
    const { model } = snap;
    const missing = (list: { id: string }[], id: string) => id !== "" && !list.some((x) => x.id === id);
    if (missing(model.staff, staffId))
      throw notFound({
        ru: `Сотрудника «${staffId}» нет в списке`,
        en: `Staff member "${staffId}" is not listed`,
      });
    if (missing(model.groups, groupId))
      throw notFound({ ru: `Группы «${groupId}» нет в списке`, en: `Group "${groupId}" is not listed` });
    if (missing(model.students, studentId))
      throw notFound({
        ru: `Учащегося «${studentId}» нет в списке`,
        en: `Student "${studentId}" is not listed`,
      });
    const add = appendRows(snap, "contacts", [
      { date: dateCell(date), staffId, groupId, studentId, channel, summary },
    ]);
    p.wb.write([
      add.write,
      audit(p, model, "contact", [{ sheet: add.write.sheet, cell: add.range(0), old: "", new: summary }]),
    ]);
    return { row: add.firstRow };
  });
}
