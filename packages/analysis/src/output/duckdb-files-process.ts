import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** What the child reports when it has written both files. */
export interface DuckdbFilesWrite {
  seconds: number;
  /** The child's peak resident memory (MiB), where Linux's /proc tells it. */
  peakMiB: number | null;
}

export interface DuckdbFilesWriter {
  /** Writes the two files into `out` from the tables staged in `stage` (output/duckdb-file.ts); once. */
  write(stage: string, out: string): Promise<DuckdbFilesWrite>;
  /**
   * Lets the process end without writing, where `write` was never called (a build that failed first); settles
   * once it has ended. After `write`, it only waits for the end.
   */
  cancel(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./duckdb-files-child.ts", import.meta.url));

/**
 * Starts the process that writes `tracks.duckdb` and `track-ids.duckdb` (duckdb-files-child.ts). Start it early:
 * Node, tsx and DuckDB's library load while the analysis's first stages keep one core busy, and it then waits.
 *
 * Why a process: the files are byte-identical from build to build only where DuckDB's allocator zeroes every
 * allocation (zeroed-memory.ts), a setting of the whole process read when DuckDB's library loads. Zeroing all of
 * the analysis's allocations slowed every stage (on the full dataset, 2-core machine: about 1.5 s of its 5 s, more
 * user and twice the system time); in this process it costs only what copying the two staged tables allocates.
 */
export function startDuckdbFilesWriter(): DuckdbFilesWriter {
  // The child is TypeScript, run as the build runs cli.ts: through tsx's loader, resolved from this package.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, ["--import", tsx, CHILD], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  // Settles when the process ends, however it ends; `write` reads it.
  const ended = new Promise<DuckdbFilesWrite | Error>((resolve) => {
    child.on("error", (error) => resolve(new Error(`could not start ${CHILD}: ${error.message}`)));
    child.on("close", (code, signal) => {
      const report = stdout.trim().split("\n").at(-1);
      if (code === 0 && report) return resolve(JSON.parse(report) as DuckdbFilesWrite);
      const why = signal ? `was ended by ${signal}` : `exited with ${code}`;
      resolve(new Error(`writing the DuckDB files (${CHILD}) ${why}: ${stderr.trim() || "no report"}`));
    });
  });
  // A child that is gone before it is asked (it failed to start) must not crash the parent with EPIPE.
  child.stdin.on("error", () => {});
  let asked = false;
  return {
    async write(stage, out) {
      if (asked) throw new Error("the DuckDB files writer was already asked to write");
      asked = true;
      child.stdin.end(`${JSON.stringify({ stage, out })}\n`);
      const outcome = await ended;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    async cancel() {
      if (!asked) {
        asked = true;
        child.stdin.end();
      }
      await ended;
    },
  };
}
