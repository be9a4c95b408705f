/** The monthly report from the sidebar: the month is checked here, the work is the port's. */
import { isMonth } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { ReportOutcome, ReportRequest } from "../../rpc/contract.js";
import { obj, type SidebarPorts, str } from "./common.js";

export function reportBuild(p: SidebarPorts, payload: ReportRequest): ReportOutcome | Promise<ReportOutcome> {
  const month = str(obj(payload).month, { ru: "Месяц", en: "Month" }, { required: true, max: 7 });
  if (!isMonth(month))
    throw new UserError("bad-month", {
      ru: `«${month}» — не месяц; ожидается ГГГГ-ММ`,
      en: `"${month}" is not a month; expected YYYY-MM`,
    });
  if (!p.report)
    throw new UserError("not-found", {
      ru: "Отчёт здесь не строится: используйте меню «Сформировать отчёт за месяц…»",
      en: 'The report cannot be built here: use the menu "Build monthly report…"',
    });
  // The report takes the lock itself (the monthly job) or runs in the preview's request queue.
  return p.report(month);
}
