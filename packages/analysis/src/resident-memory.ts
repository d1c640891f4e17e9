import { readFileSync } from "node:fs";

/**
 * A process's resident memory (the bench samples the build's; the DuckDB files' process reports its own) from
 * Linux's /proc/<pid>/status, in MiB: `peak` is its high-water mark (VmHWM, everything the process ever held
 * at once, DuckDB's native allocations included), `now` its current size (VmRSS). Undefined where /proc is
 * not there (macOS, Windows) or the process has ended.
 */
export function residentMemory(pid: number): { now: number; peak: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  const peak = kib("VmHWM");
  const now = kib("VmRSS");
  return Number.isNaN(peak) ? undefined : { now: now / 1024, peak: peak / 1024 };
}
