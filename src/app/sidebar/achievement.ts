/** «Достижение» (issue 17): one portfolio entry appended to «Портфолио», audited. */
import { UserError } from "../../core/errors.js";
import type { Msg } from "../../core/i18n.js";
import { enumLabel, enumValue } from "../../core/schema.js";
import type { AchievementRequest, AchievementSaved } from "../../rpc/contract.js";
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
import { withColumns } from "./plan.js";

const F = (ru: string, en: string): Msg => ({ ru, en });

function pick(key: "achievementLevel" | "achievementResult", typed: string, field: Msg): string | null {
  if (!typed) return null;
  const v = enumValue(key, typed);
  if (!v)
    throw new UserError(
      "bad-args",
      F(`«${field.ru}»: «${typed}» — нет такого значения`, `"${field.en}": "${typed}" is not a known value`),
    );
  return v;
}

export function achievementAdd(p: SidebarPorts, payload: AchievementRequest): AchievementSaved {
  const req = obj(payload);
  const studentId = str(req.studentId, F("Учащийся", "Student"), { required: true, max: 40 });
  const date = isoDate(req.date, F("Дата", "Date"));
  const kind = str(req.kind, F("Вид", "Kind"), { max: 100 });
  const title = str(req.title, F("Название", "Title"), { required: true, max: 500 });
  const level = pick(
    "achievementLevel",
    str(req.level, F("Уровень", "Level"), { max: 40 }),
    F("Уровень", "Level"),
  );
  const result = pick(
    "achievementResult",
    str(req.result, F("Результат", "Result"), { max: 40 }),
    F("Результат", "Result"),
  );
  const link = str(req.link, F("Ссылка на подтверждение", "Evidence link"), { max: 1000 });
  const confirmedBy = str(req.confirmedBy, F("Подтвердил", "Confirmed by"), { max: 200 });
  return p.lock.withLock(() => {
    const snap = withColumns(loadSheets(p.wb, ["students", "portfolio"]), ["portfolio"]);
    const { model } = snap;
    const lang = model.settings.language;
    if (!model.students.some((s) => s.id === studentId))
      throw notFound(F(`Учащегося «${studentId}» нет в списке`, `Student "${studentId}" is not listed`));
    const add = appendRows(snap, "portfolio", [
      {
        studentId,
        date: dateCell(date),
        kind,
        title,
        level: level ? enumLabel("achievementLevel", level, lang) : null,
        result: result ? enumLabel("achievementResult", result, lang) : null,
        link,
        confirmedBy,
      },
    ]);
    p.wb.write([
      add.write,
      audit(p, model, "achievement", [{ sheet: add.write.sheet, cell: add.range(0), old: "", new: title }]),
    ]);
    return { row: add.firstRow };
  });
}
