// `npm run bench`: time and peak memory of the whole analysis build, per stage, on the real dataset and on
// synthetic 2× and 10× copies of it (see scaled-csv.ts), each build a child process as `npm run build` runs it.
// At 1× it also prints the whole build's time against issue 16's target and, where /usr/bin/python3 has pandas
// (`apt-get install python3-pandas`; an optional reference, the build never needs Python), pandas' time for the
// same analysis (pandas_reference.py) and the ratio.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { locateDataset } from "@spotiflies/data";
import { residentMemory } from "../src/resident-memory.ts";
import { writeScaledCsv } from "./scaled-csv.ts";

const SCALES = (process.env.BENCH_SCALES ?? "1,2,10").split(",").map(Number);
/** Issue 16's target for the whole analysis build on the real dataset (1×), in seconds. */
const TARGET_SECONDS = 1.6;
/** Optional reference: pandas under Debian's Python (`apt-get install python3-pandas`); the build never needs it. */
const PYTHON = "/usr/bin/python3";
const packageDir = fileURLToPath(new URL("..", import.meta.url));

interface StageRow {
  stage: string;
  seconds: number;
  /** The child's resident high-water mark when the stage ended (MiB). */
  peakMiB: number | undefined;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** One build in a child process; samples its memory at every stage's end line and every 100 ms. */
async function build(csv: string, outDir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--out", outDir], {
    cwd: packageDir,
    env: { ...process.env, SPOTIFY_TRACKS_CSV: csv, SPOTIFY_TRACKS_SHA256: await sha256Of(csv) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pid = child.pid as number;
  let peak: number | undefined;
  const sample = () => {
    const memory = residentMemory(pid);
    if (memory) peak = Math.max(peak ?? 0, memory.peak);
    return peak;
  };
  const poll = setInterval(sample, 100);
  const stages: StageRow[] = [];
  // The build's own total (from its summary line): every stage and what runs between them, not Node's start.
  let buildSeconds: number | undefined;
  let writerPeakMiB: number | undefined;
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const done = /^analysis ▸ (\w+): .*\(([\d.]+) s\)$/.exec(line);
      // The DuckDB files are written by a process of the build's own (duckdb-files-process.ts), which reports its peak.
      const childPeak = /the DuckDB files by a child process in [\d.]+ s, its peak (\d+) MiB/.exec(line);
      if (childPeak) writerPeakMiB = Number(childPeak[1]);
      if (done) {
        stages.push({ stage: done[1] as string, seconds: Number(done[2]), peakMiB: sample() });
        process.stdout.write(`  ${line}\n`);
      }
      const summary = /^analysis: .* in ([\d.]+) s \(/.exec(line);
      if (summary) buildSeconds = Number(summary[1]);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`the build on ${csv} failed (exit ${code})`);
  if (buildSeconds === undefined) throw new Error(`the build on ${csv} printed no summary line`);
  return {
    stages,
    peakMiB: peak,
    writerPeakMiB,
    buildSeconds,
    processSeconds: (performance.now() - started) / 1000,
  };
}

/** pandas' time for the same CSV (pandas_reference.py), or why there is none. */
function pandasReference(csv: string): { seconds: number; version: string } | string {
  if (spawnSync(PYTHON, ["-c", "import pandas"]).status !== 0)
    return `not available under ${PYTHON} (apt-get install python3-pandas), skipped`;
  const run = spawnSync(PYTHON, [join(packageDir, "bench", "pandas_reference.py"), csv], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`pandas_reference.py failed (exit ${run.status}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { seconds: number; pandas: string };
  return { seconds: result.seconds, version: result.pandas };
}

const dataset = await locateDataset({ log: (line) => console.log(line) });
const work = mkdtempSync(join(tmpdir(), "spotiflies-bench-"));
const mib = (value: number | undefined) => (value === undefined ? "n/a" : value.toFixed(0));
const results: {
  scale: number;
  rows: number;
  stages: StageRow[];
  total: number;
  buildSeconds: number;
  processSeconds: number;
  peakMiB?: number;
  writerPeakMiB?: number;
}[] = [];
let pandas: ReturnType<typeof pandasReference> | undefined;
try {
  for (const scale of SCALES) {
    const csv = join(work, `dataset-${scale}x.csv`);
    const rows = await writeScaledCsv(dataset.path, csv, scale);
    console.log(`${scale}× (${rows.toLocaleString("en-US")} rows):`);
    const run = await build(csv, join(work, `output-${scale}x`));
    const total = run.stages.reduce((sum, s) => sum + s.seconds, 0);
    results.push({
      scale,
      rows,
      stages: run.stages,
      total,
      buildSeconds: run.buildSeconds,
      processSeconds: run.processSeconds,
      ...(run.peakMiB ? { peakMiB: run.peakMiB } : {}),
      ...(run.writerPeakMiB ? { writerPeakMiB: run.writerPeakMiB } : {}),
    });
    // The target is for the real dataset, so pandas runs on it alone.
    if (scale === 1) pandas = pandasReference(csv);
    rmSync(csv, { force: true });
    rmSync(join(work, `output-${scale}x`), { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// One table: a row per stage, per scale its seconds and the process's peak resident memory at the stage's end.
const stageNames = [...new Set(results.flatMap((r) => r.stages.map((s) => s.stage)))];
const header = results
  .map((r) => `${`${r.scale}× s`.padStart(8)} ${`${r.scale}× MiB`.padStart(9)}`)
  .join(" ");
console.log(`\n| stage      | ${header} |`);
for (const stage of stageNames) {
  const cells = results.map((r) => {
    const s = r.stages.find((x) => x.stage === stage);
    return `${(s?.seconds.toFixed(2) ?? "").padStart(8)} ${mib(s?.peakMiB).padStart(9)}`;
  });
  console.log(`| ${stage.padEnd(10)} | ${cells.join(" ")} |`);
}
const totals = results.map((r) => `${r.total.toFixed(2).padStart(8)} ${mib(r.peakMiB).padStart(9)}`);
console.log(`| total      | ${totals.join(" ")} |`);
console.log(
  `analysis bench: ${results
    .map(
      (r) =>
        `${r.scale}× ${r.total.toFixed(1)} s (${((r.total / r.rows) * 1e6).toFixed(1)} µs/row), peak ${mib(r.peakMiB)} MiB`,
    )
    .join(" · ")}`,
);
// The two processes' peaks added: an upper bound of the build's memory (they need not peak at the same moment).
console.log(
  `with the DuckDB files' process (its own peak; the sum bounds the build's memory): ${results
    .map(
      (r) =>
        `${r.scale}× ${mib(r.writerPeakMiB)} MiB, together ≤ ${mib(r.peakMiB !== undefined && r.writerPeakMiB !== undefined ? r.peakMiB + r.writerPeakMiB : undefined)} MiB`,
    )
    .join(" · ")}`,
);
const real = results.find((r) => r.scale === 1);
if (real) {
  const verdict =
    real.buildSeconds <= TARGET_SECONDS
      ? "met"
      : `not met, ${(real.buildSeconds / TARGET_SECONDS).toFixed(1)}× it`;
  console.log(
    `whole build at 1×: ${real.buildSeconds.toFixed(2)} s against the ${TARGET_SECONDS} s target (${verdict}); ` +
      `${real.processSeconds.toFixed(2)} s with the process's start`,
  );
  console.log(
    typeof pandas === "object"
      ? `pandas ${pandas.version} reference at 1× (bench/pandas_reference.py, less work than the build): ` +
          `${pandas.seconds.toFixed(2)} s; the build takes ${(real.buildSeconds / pandas.seconds).toFixed(2)}× pandas' time`
      : `pandas reference: ${pandas ?? "not run"}`,
  );
}
