export interface BenchRow {
  name: string;
  medianMs: number;
  runs: number;
  /** e.g. the encrypted/plain ratio, a target, a throughput */
  note?: string;
}

/** Runs `fn` `runs` times (after `warmup` untimed runs) and returns the median in ms. */
export async function median(fn: () => unknown | Promise<unknown>, runs = 9, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
