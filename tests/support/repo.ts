import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), "utf8");
}

/** Files git tracks, or would track (untracked but not ignored), relative to the repository root. */
export function repoFiles(): string[] {
  const output = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return output.split("\0").filter(Boolean);
}

/** The commands in the README's "Set-up" block, one per line, in order. */
export function readmeCommands(): string[] {
  const readme = readRepoFile("README.md");
  const block = /<!-- setup-commands -->\s*```(?:sh|bash)\n([\s\S]*?)```/.exec(readme);
  if (!block?.[1]) throw new Error("README.md has no ```sh block after <!-- setup-commands -->");
  return block[1]
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}
