/** Seconds since `started` (a `performance.now()` reading), to one decimal: the time each build step logs. */
export function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}
