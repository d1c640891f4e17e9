import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Builds a directory's new contents beside it and swaps it into place only when `fill` succeeds,
 * so a failed run leaves the previous outputs untouched and never a half-written set.
 */
export async function replaceDirectoryAtomically(target: string, fill: (staging: string) => Promise<void>) {
  const suffix = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(target), `.${basename(target)}.partial-${suffix}`);
  const previous = join(dirname(target), `.${basename(target)}.previous-${suffix}`);
  await mkdir(staging, { recursive: true });
  try {
    await fill(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
}
