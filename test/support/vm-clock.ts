/**
 * Pins the clock of a bare `vm` context, as libfaketime pins a process: inside the context
 * `new Date()` and `Date.now()` start at the given instant and tick from there. Apps Script
 * code reads time only through its clock adapter, which uses exactly these two.
 */
import vm from "node:vm";

export function pinContextClock(context: vm.Context, at: string): void {
  const start = Date.parse(at);
  if (Number.isNaN(start)) throw new Error(`bad instant ${at}`);
  vm.runInContext(
    `(() => {
      const Real = Date;
      const t0 = ${start};
      const base = Real.now();
      const now = () => t0 + (Real.now() - base);
      function Pinned(...a) {
        if (!new.target) return new Real(now()).toString();
        return a.length === 0 ? new Real(now()) : new Real(...a);
      }
      Pinned.prototype = Real.prototype;
      Pinned.now = now;
      Pinned.parse = Real.parse;
      Pinned.UTC = Real.UTC;
      globalThis.Date = Pinned;
    })();`,
    context,
  );
}
