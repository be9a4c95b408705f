/**
 * «Карта учащегося…»: ask for a student ID, a class («9А») or «все», then write one Google Doc
 * per student (runCardJob); a class that does not fit in one execution goes on in a one-off
 * continuation trigger. The Docs live in their own Drive folder, remembered apart from the
 * report's (a prefixed store), so the two never displace each other.
 */

import type { CardSelection } from "../../app/card.js";
import { CARD_JOB_KEY, type CardJobPorts, type CardJobResult, runCardJob } from "../../app/card-job.js";
import { norm } from "../../core/schema.js";
import type { Store } from "../../ports.js";
import { systemClock } from "../clock.js";
import { appsScriptDocSink } from "../doc-sink.js";
import { workbook, workbookLang } from "../env.js";
import { HANDLERS } from "../handlers.js";
import { documentLock } from "../lock.js";
import { propertiesStore } from "../store.js";
import { clearContinuation, scheduleContinuation } from "../triggers.js";

const prefixed = (store: Store, prefix: string): Store => ({
  get: (k) => store.get(prefix + k),
  set: (k, v) => store.set(prefix + k, v),
  delete: (k) => store.delete(prefix + k),
});

function ports(): CardJobPorts {
  const wb = workbook();
  const store = propertiesStore();
  return {
    wb,
    store,
    clock: systemClock,
    lock: documentLock,
    docs: appsScriptDocSink({ store: prefixed(store, "card.") }),
    scheduleContinuation: () =>
      scheduleContinuation(wb.spreadsheet.getSpreadsheetTimeZone(), HANDLERS.continueCards),
  };
}

/** What the coordinator typed: an ID, a class, or «все» / «all». */
export function cardSelectionOf(typed: string): CardSelection | null {
  const t = typed.trim();
  if (!t) return null;
  if (["все", "всех", "all"].includes(norm(t))) return { all: true };
  // A class starts with its grade (9А, 10 Б); anything else is a student ID.
  return /^\d{1,2}\s*\p{L}?$/u.test(t) ? { className: t } : { id: t };
}

function summary(r: CardJobResult, ru: boolean): string {
  if (r.status === "refused") {
    const [kind, what] = (r.error ?? "").split(":");
    if (kind === "unknown-student")
      return ru ? `Нет учащегося с ID «${what}».` : `No student with ID "${what}".`;
    if (kind === "unknown-class")
      return ru ? `В классе «${what}» нет учащихся.` : `Class "${what}" has no students.`;
    return ru ? "В книге нет учащихся." : "The workbook has no students.";
  }
  const links = r.urls.map((u) => `${u.id}: ${u.url}`).join("\n");
  if (r.status === "continued")
    return ru
      ? `Готово карт: ${r.done} из ${r.total}; остальные допишутся через минуту сами.\n${links}`
      : `Cards done: ${r.done} of ${r.total}; the rest follow in a minute by themselves.\n${links}`;
  return ru ? `Карт готово: ${r.done}.\n${links}` : `Cards done: ${r.done}.\n${links}`;
}

export function cardFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const ru = workbookLang() === "ru";
  const answer = ui.prompt(
    ru ? "Карта учащегося" : "Student card",
    ru ? "ID учащегося (S001), класс (9А) или «все»:" : "Student ID (S001), class (9A) or «all»:",
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const sel = cardSelectionOf(answer.getResponseText());
  if (!sel) {
    ui.alert(ru ? "Укажите ID учащегося, класс или «все»." : "Give a student ID, a class or «all».");
    return;
  }
  ui.alert(summary(runCardJob(ports(), sel), ru));
}

/** The one-off continuation: finish the saved job, then remove its trigger when done. */
export function continueCards(): void {
  const p = ports();
  const saved = p.store.get(CARD_JOB_KEY);
  const r = saved ? runCardJob(p) : null;
  if (r?.status !== "continued")
    clearContinuation(workbook().spreadsheet.getSpreadsheetTimeZone(), HANDLERS.continueCards);
}
