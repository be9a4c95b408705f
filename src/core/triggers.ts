/**
 * Installable triggers are reconciled, never "delete all and recreate": compare what should
 * exist with what exists and return the minimal changes. Pure, so it is tested without Google.
 */
export type TriggerKind = "monthly" | "formSubmit" | "continuation" | "hourly";

export interface DesiredTrigger {
  handler: string;
  kind: TriggerKind;
  /** "continuation": how long from now (default a minute; a day to wait for the mail quota). */
  afterMs?: number;
}

export interface ExistingTrigger {
  id: string;
  handler: string;
  /** "CLOCK", "ON_FORM_SUBMIT", ... as ScriptApp.EventType names it. */
  eventType: string;
}

export interface TriggerPlan {
  create: DesiredTrigger[];
  /** IDs to delete: duplicates of a desired trigger, and triggers of handlers no longer wanted. */
  remove: string[];
  keep: string[];
}

const EVENT: Record<TriggerKind, string> = {
  monthly: "CLOCK",
  continuation: "CLOCK",
  formSubmit: "ON_FORM_SUBMIT",
  hourly: "CLOCK",
};

/**
 * `managed` lists every handler this program owns: an existing trigger of a managed handler
 * that is not desired is removed; triggers of other handlers are never touched.
 */
export function planTriggers(
  desired: readonly DesiredTrigger[],
  existing: readonly ExistingTrigger[],
  managed: readonly string[],
): TriggerPlan {
  const plan: TriggerPlan = { create: [], remove: [], keep: [] };
  const used = new Set<string>();
  for (const d of desired) {
    const matches = existing.filter(
      (e) => e.handler === d.handler && e.eventType === EVENT[d.kind] && !used.has(e.id),
    );
    if (matches.length === 0) plan.create.push(d);
    else {
      plan.keep.push(matches[0].id);
      used.add(matches[0].id);
      for (const extra of matches.slice(1)) {
        plan.remove.push(extra.id);
        used.add(extra.id);
      }
    }
  }
  for (const e of existing) {
    if (used.has(e.id) || !managed.includes(e.handler)) continue;
    plan.remove.push(e.id);
  }
  return plan;
}
