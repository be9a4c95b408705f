/** A tiny bench harness: each bench prints named figures; `npm run bench` runs them all. */
export interface Figure {
  name: string;
  value: number | string;
  unit?: string;
  /** A target the figure should meet, shown beside it. */
  target?: string;
}

export interface Bench {
  name: string;
  run(): Promise<Figure[]> | Figure[];
}

/** Milliseconds taken by fn (best of `repeat` runs, after one warm-up). */
export async function timeMs<T>(fn: () => T | Promise<T>, repeat = 3): Promise<{ ms: number; result: T }> {
  let result = await fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: Math.round(best * 10) / 10, result };
}

export function peakMemoryMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
