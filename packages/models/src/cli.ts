// `turbo build` runs this: every model of the report, from the analysis's cleaned table to output/.
// Experiments run in worker threads, MODELS_CONCURRENCY at once (default: the CPUs, at most 4; see
// experiments/runner/concurrency.ts). Options: --only a,b (run just these) and --out DIR (instead of output/).
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { replaceDirectoryAtomically } from "@spotiflies/analysis";
import { fitTimings } from "./experiments/fit-timings.ts";
import { buildLeaderboard } from "./experiments/leaderboard.ts";
import { modelsConcurrency } from "./experiments/runner/concurrency.ts";
import { runExperiments } from "./experiments/runner/run-experiments.ts";
import { type ModelResultName, modelsOutputDir, writeModelResult } from "./results/index.ts";

const { values } = parseArgs({ options: { out: { type: "string" }, only: { type: "string" } } });
const outDir = values.out ? resolve(values.out) : modelsOutputDir;
const only = values.only?.split(",");
const log = (line: string) => console.log(line);

try {
  const started = performance.now();
  const concurrency = modelsConcurrency();
  let summary = "";
  // Results are written into a staging folder that replaces outDir only once every experiment succeeded.
  await replaceDirectoryAtomically(outDir, async (staging) => {
    await mkdir(join(staging, "results"));
    const run = await runExperiments({ ...(only ? { only } : {}), concurrency, log });
    for (const { name, result } of run.outcomes) {
      await writeModelResult(staging, name as ModelResultName, result as never);
    }
    const leaderboard = buildLeaderboard(new Map(run.outcomes.map((o) => [o.name, o.result])));
    await writeModelResult(staging, "leaderboard", leaderboard);
    for (const { exports } of run.outcomes) {
      for (const [name, value] of exports) await writeModelResult(staging, name, value as never);
    }
    const experimentSeconds = run.outcomes.reduce((sum, o) => sum + o.seconds, 0);
    const steps = run.outcomes.flatMap(({ name, steps }) => steps.map((s) => ({ model: name, ...s })));
    const totalSeconds = (performance.now() - started) / 1000;
    await writeModelResult(staging, "models-build-log", {
      models: run.outcomes.map(({ name, seconds, detail }) => ({ model: name, seconds, detail })),
      steps,
      fits: fitTimings(steps),
      totalSeconds,
      experimentSeconds,
      concurrency: run.workers,
      backend:
        "TypeScript on the CPU (experiments in worker threads; forests and Ward's linkage add their own)",
    });
    summary =
      `models: ${run.outcomes.length} results in ${totalSeconds.toFixed(1)} s wall, ` +
      `${experimentSeconds.toFixed(1)} s of experiments on ${run.workers} worker${run.workers === 1 ? "" : "s"} ` +
      `(${run.outcomes.map((o) => `${o.name} ${o.seconds.toFixed(1)} s`).join(" · ")})`;
  });
  log(summary);
} catch (error) {
  console.error(`models failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
