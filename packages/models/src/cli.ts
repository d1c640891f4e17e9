// `turbo build` runs this: every model of the report, from the analysis's cleaned table to output/.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { replaceDirectoryAtomically } from "@spotiflies/analysis";
import { loadTracks } from "./dataset/tracks.ts";
import { createContext } from "./experiments/context.ts";
import { EXPERIMENTS } from "./experiments/registry.ts";
import { type ModelResultName, modelsOutputDir, writeModelResult } from "./results/index.ts";

const { values } = parseArgs({ options: { out: { type: "string" }, only: { type: "string" } } });
const outDir = values.out ? resolve(values.out) : modelsOutputDir;
const only = values.only?.split(",");
const log = (line: string) => console.log(line);

try {
  const started = performance.now();
  const table = await loadTracks();
  log(`models ▸ loaded ${table.rows.toLocaleString("en-US")} cleaned tracks`);
  const context = createContext(table, log);
  const timings: { model: string; seconds: number; detail: string }[] = [];
  const steps: { model: string; step: string; seconds: number }[] = [];
  await replaceDirectoryAtomically(outDir, async (staging) => {
    await mkdir(join(staging, "results"));
    for (const experiment of EXPERIMENTS.filter((e) => !only || only.includes(e.name))) {
      const t = performance.now();
      context.steps.length = 0;
      log(`models ▸ ${experiment.name} …`);
      const result = await experiment.run(context);
      const seconds = (performance.now() - t) / 1000;
      const detail = experiment.describe(result as never);
      timings.push({ model: experiment.name, seconds, detail });
      steps.push(...context.steps.map((s) => ({ model: experiment.name, ...s })));
      await writeModelResult(staging, experiment.name as ModelResultName, result as never);
      log(`models ▸ ${experiment.name}: ${detail} (${seconds.toFixed(1)} s)`);
    }
    for (const [name, value] of context.exports) await writeModelResult(staging, name, value as never);
    await writeModelResult(staging, "models-build-log", {
      models: timings,
      steps,
      totalSeconds: (performance.now() - started) / 1000,
      backend: "TypeScript on the CPU (worker threads for forests)",
    });
  });
  const total = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `models: ${timings.length} results in ${total} s (${timings.map((t) => `${t.model} ${t.seconds.toFixed(1)} s`).join(" · ")})`,
  );
} catch (error) {
  console.error(`models failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
