// `turbo build` runs this: the whole analysis, from the located dataset to output/.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { failureHint } from "./failure-hint.ts";
import { runPipeline } from "./pipeline.ts";
import { analysisOutputDir } from "./results/index.ts";
import { summaryLine } from "./summary.ts";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const outDir = values.out ? resolve(values.out) : analysisOutputDir;
try {
  const summary = await runPipeline({ outDir, log: (line) => console.log(line) });
  console.log(summaryLine(summary));
} catch (error) {
  const message = (error as Error).message;
  console.error(`analysis failed: ${message}${failureHint(message)}`);
  process.exitCode = 1;
}
