import { availableParallelism } from "node:os";

/** At most this many experiments at once: more would only add loaded tables and worker start-ups. */
export const MAX_CONCURRENCY = 4;

/**
 * How many experiments the build runs at once: `MODELS_CONCURRENCY` when set (an integer 1–4), else the
 * number of CPUs, capped at 4. Some experiments start worker threads of their own (the forest's tree
 * growers, Ward's linkage), so the CPUs stay busy either way.
 */
export function modelsConcurrency(
  value: string | undefined = process.env.MODELS_CONCURRENCY,
  cpus: number = availableParallelism(),
): number {
  if (value === undefined || value.trim() === "") return Math.max(1, Math.min(MAX_CONCURRENCY, cpus));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw new RangeError(
      `MODELS_CONCURRENCY must be an integer from 1 to ${MAX_CONCURRENCY}, got "${value}"`,
    );
  }
  return n;
}
