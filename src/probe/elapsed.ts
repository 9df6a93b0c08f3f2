/**
 * Milliseconds since `start` (a `performance.now()` reading), to a tenth: the monotonic clock, so a
 * step's time never goes negative when the wall clock is adjusted during a probe.
 */
export function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
