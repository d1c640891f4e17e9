import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The analysis package's folder: the child runs its CLI from there, as `npm run build` does. */
export const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** The real build (`src/cli.ts`) as a child process on `csv`, writing to `outDir`; its log lines are collected. */
export function startBuild(csv: string, outDir: string) {
  const sha256 = createHash("sha256").update(readFileSync(csv)).digest("hex");
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--out", outDir], {
    cwd: packageDir,
    // An unpinned dataset through the documented switch, as a user's own file would be built.
    env: { ...process.env, SPOTIFY_TRACKS_CSV: csv, SPOTIFY_TRACKS_SHA256: sha256 },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child: child as ChildProcess,
    lines,
    exited,
    stderr: () => stderr,
    /** Resolves at the first log line matching `pattern`; rejects if the build ends first. */
    waitForLine(pattern: RegExp): Promise<void> {
      if (lines.some((line) => pattern.test(line))) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`the build ended (${code ?? signal}) before logging ${pattern}:\n${stderr}`)),
        );
      });
    },
  };
}

/** Runs the build to its end; throws with its stderr unless it succeeds. */
export async function runBuild(csv: string, outDir: string): Promise<string[]> {
  const build = startBuild(csv, outDir);
  const { code, signal } = await build.exited;
  if (code !== 0) throw new Error(`the build failed (${code ?? signal}):\n${build.stderr()}`);
  return build.lines;
}

/** Every file under `dir` (relative path → sha256), to compare two output folders byte for byte. */
export function treeDigest(dir: string, skip: (path: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!skip(relative(dir, path)))
        out.set(relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

/** `git status` of the package, untracked and ignored files listed one by one: what a build left behind. */
export function packageStatus(): string {
  return execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--ignored", "--", "."], {
    cwd: packageDir,
    encoding: "utf8",
  });
}
