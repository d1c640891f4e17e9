import { readdirSync, rmSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** `.<name>.partial-<pid>-<ms>` and `.<name>.previous-<pid>-<ms>`: the folders a replacement works in. */
const workFolder = (name: string) =>
  new RegExp(`^\\.${escapeRegExp(name)}\\.(partial|previous)-(\\d+)-\\d+$`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether a process with this id runs on this machine (signal 0 probes without signalling). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the work folders a killed run left beside `target` (its process is gone: a SIGKILL, a crash, a power
 * cut). A folder of a process still running is left alone: it may be another build at work. Returns the names
 * removed.
 */
export function removeStaleWorkFolders(target: string): string[] {
  const parent = dirname(target);
  const pattern = workFolder(basename(target));
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const stale = names.filter((name) => {
    const match = pattern.exec(name);
    return match !== null && !running(Number(match[2]));
  });
  for (const name of stale) rmSync(join(parent, name), { recursive: true, force: true });
  return stale;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Builds a directory's new contents beside it and swaps it into place only when `fill` succeeds,
 * so a failed run leaves the previous outputs untouched and never a half-written set. Work folders a killed
 * earlier run left behind are removed first; an interrupt (Ctrl-C, SIGTERM, SIGHUP) while `fill` runs removes
 * this run's staging folder before the process ends as the signal asks.
 */
export async function replaceDirectoryAtomically(target: string, fill: (staging: string) => Promise<void>) {
  removeStaleWorkFolders(target);
  const suffix = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(target), `.${basename(target)}.partial-${suffix}`);
  const previous = join(dirname(target), `.${basename(target)}.previous-${suffix}`);
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(staging, { recursive: true, force: true });
    for (const s of SIGNALS) process.off(s, onSignal);
    // Without our listener the signal's default action applies: the process ends as interrupted.
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    await mkdir(staging, { recursive: true });
    try {
      await fill(staging);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
  await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
}
