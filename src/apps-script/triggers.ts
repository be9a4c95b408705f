/** Installable triggers, reconciled through the pure planTriggers: at most one of each, never lost. */
import { type DesiredTrigger, planTriggers } from "../core/triggers.js";
import { HANDLERS } from "./handlers.js";

/** Every handler whose triggers this program owns (others are never touched). */
const MANAGED: readonly string[] = [
  HANDLERS.monthlyReport,
  HANDLERS.continueReport,
  HANDLERS.continueLetters,
  HANDLERS.continueJournals,
  HANDLERS.journalSync,
  HANDLERS.continueCards,
];

function existing(): {
  id: string;
  handler: string;
  eventType: string;
  trigger: GoogleAppsScript.Script.Trigger;
}[] {
  return ScriptApp.getProjectTriggers().map((t) => ({
    id: t.getUniqueId(),
    handler: t.getHandlerFunction(),
    eventType: String(t.getEventType()),
    trigger: t,
  }));
}

/** Make the triggers of the given handlers match `desired`; other managed handlers are left alone. */
export function reconcile(
  desired: readonly DesiredTrigger[],
  handlers: readonly string[],
  timeZone: string,
): void {
  const now = existing().filter((t) => handlers.includes(t.handler));
  const plan = planTriggers(
    desired,
    now,
    handlers.filter((h) => MANAGED.includes(h)),
  );
  for (const id of plan.remove) {
    const t = now.find((x) => x.id === id);
    if (t) ScriptApp.deleteTrigger(t.trigger);
  }
  for (const d of plan.create) {
    if (d.kind === "monthly") {
      // The 1st of each month, early morning in the workbook's time zone.
      ScriptApp.newTrigger(d.handler).timeBased().onMonthDay(1).atHour(5).inTimezone(timeZone).create();
    } else if (d.kind === "hourly") {
      ScriptApp.newTrigger(d.handler).timeBased().everyHours(1).create();
    } else if (d.kind === "continuation") {
      ScriptApp.newTrigger(d.handler)
        .timeBased()
        .after(d.afterMs ?? 60 * 1000)
        .create();
    }
  }
}

export function monthlyEnabled(): boolean {
  return existing().some((t) => t.handler === HANDLERS.monthlyReport);
}

export function setMonthly(on: boolean, timeZone: string): void {
  reconcile(
    on ? [{ handler: HANDLERS.monthlyReport, kind: "monthly" }] : [],
    [HANDLERS.monthlyReport],
    timeZone,
  );
}

export function scheduleContinuation(timeZone: string, handler: string = HANDLERS.continueReport): void {
  reconcile([{ handler, kind: "continuation" }], [handler], timeZone);
}

export function clearContinuation(timeZone: string, handler: string = HANDLERS.continueReport): void {
  reconcile([], [handler], timeZone);
}
