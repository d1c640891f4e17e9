import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Every file below `dir`, as sorted paths relative to it with forward slashes (the same on every system). */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}
