/**
 * Call counting shared by every fake service. Each real Apps Script call costs tens of
 * milliseconds, so tests assert how many calls an adapter makes, by "Class.method", and how
 * many of them are round trips (each charged SIMULATED_LATENCY_MS against the run's budget).
 */
import { EXECUTION_BUDGET_MS, isRoundTrip, SIMULATED_LATENCY_MS, TIMEOUT_MESSAGE } from "./latency.js";

export class CallCounter {
  total = 0;
  byMethod: Record<string, number> = {};
  /** Every call in order ("Range.getValues", ...), for tests that check the sequence. */
  log: string[] = [];
  /** Runs before each call is counted; throws to refuse it (e.g. a missing OAuth scope). */
  guard: ((method: string) => void) | undefined;
  /** Calls that reached "Google" (not builders or local getters), since the last reset. */
  roundTrips = 0;
  /** Simulated milliseconds of the current execution (see startExecution). */
  elapsedMs = 0;
  /** Budget of one execution; Infinity turns the limit off. */
  budgetMs = EXECUTION_BUDGET_MS;

  hit(method: string): void {
    this.guard?.(method);
    if (isRoundTrip(method)) {
      this.roundTrips++;
      this.elapsedMs += SIMULATED_LATENCY_MS;
      if (this.elapsedMs > this.budgetMs) throw new Error(`${TIMEOUT_MESSAGE} (${method})`);
    }
    this.total++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    this.log.push(method);
  }

  /** Calls of one method ("Range.getValue"), or of every method matching a RegExp (/^Range\./). */
  count(match: string | RegExp): number {
    if (typeof match === "string") return this.byMethod[match] ?? 0;
    let n = 0;
    for (const [k, v] of Object.entries(this.byMethod)) if (match.test(k)) n += v;
    return n;
  }

  /** A new execution (a menu click, a trigger): its clock starts at 0 again. */
  startExecution(): void {
    this.elapsedMs = 0;
  }

  /** Simulated seconds of the round trips since the last reset. */
  simulatedSeconds(): number {
    return (this.roundTrips * SIMULATED_LATENCY_MS) / 1000;
  }

  reset(): void {
    this.roundTrips = 0;
    this.elapsedMs = 0;
    this.total = 0;
    this.byMethod = {};
    this.log = [];
  }
}

/** What every fake object carries: the shared counter (and whatever else the context holds). */
export interface Counted {
  readonly env: { readonly calls: CallCounter };
}

// biome-ignore lint/suspicious/noExplicitAny: a class of any constructor shape
type AnyClass = abstract new (...args: any[]) => Counted;

/**
 * Make every public method of a fake class count its calls as `${name}.${method}`.
 * Methods whose name starts with "_" are test helpers or internals: not counted, not part of
 * the real API. Fakes call each other through "_" internals so that one user call counts once.
 */
export function countCalls(cls: AnyClass, name: string): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === "constructor" || key.startsWith("_")) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || typeof desc.value !== "function") continue;
    const original = desc.value as (...a: unknown[]) => unknown;
    const method = `${name}.${key}`;
    Object.defineProperty(proto, key, {
      ...desc,
      value: function counted(this: Counted, ...args: unknown[]) {
        this.env.calls.hit(method);
        return original.apply(this, args);
      },
    });
  }
}
