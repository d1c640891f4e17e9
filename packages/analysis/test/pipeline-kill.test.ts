import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageStatus, runBuild, startBuild, treeDigest } from "./support/analysis-child.ts";
import { datasetCsv, fixtureDir, track } from "./support/fixture.ts";

// Large enough that the write stage (Parquet, DuckDB file, gzipped CSV) lasts long enough to be killed in.
const ROWS = 12_000;
const rows = Array.from({ length: ROWS }, (_, i) =>
  i % 797 === 5 ? track(i, { duration_ms: 12_000 }) : i % 691 === 7 ? track(i, { tempo: 0 }) : track(i),
);
/**
 * Every output file's sha256 but the timing log's, which differs between any two runs. The DuckDB files are
 * compared byte for byte too: each build is its own process, so this also checks that cli.ts makes them
 * byte-identical (output/duckdb-file.ts, zeroed-memory.ts).
 */
function outputDigest(dir: string): Map<string, string> {
  return treeDigest(dir, (path) => path === BUILD_LOG_FILE);
}
const isWorkFolder = (name: string) => /^\.output\.(partial|previous)-/.test(name);
const BUILD_LOG_FILE = "results/build-log.json";

describe("the analysis build killed midway", () => {
  const f = fixtureDir("spotiflies-kill-");
  const csv = join(f.dir, "dataset.csv");
  // Every case kills a build of this folder and reruns it: the previous case's output is there each time.
  const root = join(f.dir, "package");
  const outDir = join(root, "output");
  let reference: Map<string, string>;
  let statusBefore: string;

  beforeAll(async () => {
    f.write("dataset.csv", datasetCsv(rows));
    statusBefore = packageStatus();
    await runBuild(csv, outDir);
    reference = outputDigest(outDir);
  }, 120_000);
  afterAll(() => f.cleanup());

  it.each([
    // Before the write stage: nothing staged yet, the previous output must survive untouched.
    { signal: "SIGTERM", stage: "eda" },
    // In the write stage, with the staging folder half filled: the interrupt handler removes it.
    { signal: "SIGINT", stage: "write" },
    { signal: "SIGTERM", stage: "write" },
    // No handler runs: the staging folder stays, and the next run must remove it.
    { signal: "SIGKILL", stage: "write" },
  ] as const)(
    "$signal during $stage: no leftovers after a rerun, outputs as an uninterrupted run's",
    async ({ signal, stage }) => {
      const before = treeDigest(outDir);

      const build = startBuild(csv, outDir);
      await build.waitForLine(new RegExp(`^analysis ▸ ${stage} …`));
      if (stage === "write") {
        // Kill while the staging folder is there (it is made just after the stage's line).
        while (!readdirSync(root).some(isWorkFolder)) await new Promise((r) => setTimeout(r, 2));
      }
      build.child.kill(signal);
      const ended = await build.exited;
      expect(ended.signal, `the build finished before the ${signal}:\n${build.lines.join("\n")}`).toBe(
        signal,
      );
      expect(build.lines.some((line) => line.startsWith("analysis ▸ write:"))).toBe(false);

      // DuckDB's spill folder (in the system's temp folder) goes with the staging folder, or on the next start.
      const spillOf = (pid: number | undefined) =>
        readdirSync(tmpdir()).filter((name) => name.startsWith(`spotiflies-duckdb-${pid}-`));
      expect(spillOf(build.child.pid)).toHaveLength(signal === "SIGKILL" ? 1 : 0);
      const left = readdirSync(root).filter(isWorkFolder);
      expect(left).toHaveLength(signal === "SIGKILL" && stage === "write" ? 1 : 0);
      // The interrupted run never touched the previous output.
      expect(treeDigest(outDir)).toEqual(before);

      await runBuild(csv, outDir);
      expect(readdirSync(root)).toEqual(["output"]);
      expect(spillOf(build.child.pid)).toEqual([]);
      expect(outputDigest(outDir)).toEqual(reference);
      expect(existsSync(join(outDir, BUILD_LOG_FILE))).toBe(true);
      expect(packageStatus()).toBe(statusBefore);
    },
    120_000,
  );
});
