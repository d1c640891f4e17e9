// `npm run bench`: wall time and memory of load + clean + quality + EDA + write on the real dataset, per stage.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locateDataset } from "@spotiflies/data";
import { runPipeline } from "../src/pipeline.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MiB = 1024 * 1024;
const dataset = await locateDataset({ log: (line) => console.log(line) });
const outRoot = mkdtempSync(join(tmpdir(), "spotiflies-bench-"));

interface Row {
  stage: string;
  seconds: number[];
  rssMiB: number;
}
const table = new Map<string, Row>();
const totals: number[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const summary = await runPipeline({
      outDir: join(outRoot, `run-${run}`),
      dataset,
      // A stage's completion line is the moment to read resident memory (DuckDB's native allocations count).
      log: (line) => {
        const done = /^analysis ▸ (\w+): /.exec(line);
        if (!done?.[1]) return;
        const row = table.get(done[1]) ?? { stage: done[1], seconds: [], rssMiB: 0 };
        row.rssMiB = Math.max(row.rssMiB, process.memoryUsage().rss / MiB);
        table.set(done[1], row);
      },
    });
    for (const stage of summary.stages) table.get(stage.stage)?.seconds.push(stage.seconds);
    totals.push(summary.totalSeconds);
    console.log(`run ${run}: ${summary.totalSeconds.toFixed(2)} s`);
  }
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(
  `\nanalysis pipeline on ${dataset.bytes.toLocaleString("en-US")} bytes, ${RUNS} runs (median seconds):`,
);
console.log("stage      seconds   RSS after stage (MiB, max over runs)");
for (const row of table.values()) {
  console.log(
    `${row.stage.padEnd(10)} ${median(row.seconds).toFixed(3).padStart(7)}   ${row.rssMiB.toFixed(0).padStart(7)}`,
  );
}
const peakMiB = (process.resourceUsage().maxRSS * 1024) / MiB;
console.log(
  `total      ${median(totals).toFixed(3).padStart(7)}   ${Math.round(114_000 / median(totals)).toLocaleString("en-US")} rows/s; peak RSS of the process ${peakMiB.toFixed(0)} MiB`,
);
