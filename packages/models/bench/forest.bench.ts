// Benchmark: the seed's best model (random forest, 200 trees, depth 20) on the cleaned Spotify tracks, against
// sklearn when /usr/bin/python3 has it. Run: npx tsx packages/models/bench/forest.bench.ts [--trees N] [--depth N] [--workers N] [--skip-sklearn]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Matrix, matrix, take, takeRows } from "../src/matrix.ts";
import { accuracy } from "../src/metrics/index.ts";
import { Random } from "../src/random.ts";
import { RandomForestClassifier } from "../src/tree/random-forest.ts";

const here = dirname(fileURLToPath(import.meta.url));
const parquet = join(here, "../../analysis/output/cleaned.parquet");
const FEATURES = [
  "popularity",
  "duration_ms",
  "explicit::INT",
  "danceability",
  "energy",
  "key",
  "loudness",
  "mode",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
  "time_signature",
];

const { values: args } = parseArgs({
  options: {
    trees: { type: "string", default: "200" },
    depth: { type: "string", default: "20" },
    workers: { type: "string", default: String(availableParallelism()) },
    "skip-sklearn": { type: "boolean", default: false },
  },
});
const nEstimators = Number(args.trees);
const maxDepth = Number(args.depth);
const workers = Number(args.workers);

/** Features and genre codes (0..K−1 in sorted genre order, as sklearn's LabelEncoder) of the cleaned tracks. */
async function load(): Promise<{ X: Matrix; y: Int32Array; genres: string[] }> {
  if (!existsSync(parquet)) {
    console.log("cleaned.parquet missing: building @spotiflies/analysis …");
    execFileSync("npm", ["run", "build", "-w", "@spotiflies/analysis"], {
      stdio: "inherit",
      cwd: join(here, "../../.."),
    });
  }
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const reader = await db.runAndReadAll(
    `SELECT ${FEATURES.join(", ")}, super_genre FROM read_parquet('${parquet.replaceAll("'", "''")}')`,
  );
  const rows = reader.getRowsJS() as unknown[][];
  const genres = [...new Set(rows.map((r) => String(r[FEATURES.length])))].sort();
  const code = new Map(genres.map((g, i) => [g, i]));
  const data = new Float64Array(rows.length * FEATURES.length);
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    for (let j = 0; j < FEATURES.length; j++) data[i * FEATURES.length + j] = Number(r[j]);
    y[i] = code.get(String(r[FEATURES.length])) as number;
  });
  return { X: matrix(rows.length, FEATURES.length, data), y, genres };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

const { X, y, genres } = await load();
// Seeded 60/20/20 split: shuffle row indices with Random(42), train = first 60 %, test = last 20 %.
const order = new Random(42).permutation(X.rows);
const nTrain = Math.floor(0.6 * X.rows);
const nVal = Math.floor(0.2 * X.rows);
const trainIdx = order.subarray(0, nTrain);
const testIdx = order.subarray(nTrain + nVal);
const Xtr = takeRows(X, trainIdx);
const ytr = take(y, trainIdx);
const Xte = takeRows(X, testIdx);
const yte = take(y, testIdx);
console.log(
  `data: ${X.rows} rows × ${X.cols} features, ${genres.length} classes; train ${Xtr.rows}, test ${Xte.rows}`,
);
console.log(
  `forest: ${nEstimators} trees, max depth ${maxDepth}, gini, max_features sqrt, bootstrap; ${workers} workers`,
);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const t0 = performance.now();
const forest = await new RandomForestClassifier({
  nEstimators,
  maxDepth,
  criterion: "gini",
  maxFeatures: "sqrt",
  bootstrap: true,
  randomState: 42,
  workers,
}).fit(Xtr, ytr, genres.length);
const fitSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const t1 = performance.now();
const trainAcc = accuracy(ytr, forest.predict(Xtr));
const testAcc = accuracy(yte, forest.predict(Xte));
const predictSeconds = (performance.now() - t1) / 1000;
const trees = forest.model.trees;
const nodes = trees.reduce((s, t) => s + t.nodeCount, 0);
console.log(
  `ours:    fit ${fitSeconds.toFixed(2)} s (${(nEstimators / fitSeconds).toFixed(1)} trees/s), ` +
    `peak RSS ${mb(peakRss)} (main thread sampled; workers share the process), ` +
    `mean ${Math.round(nodes / trees.length)} nodes/tree, predict train+test ${predictSeconds.toFixed(2)} s`,
);
console.log(`ours:    train accuracy ${trainAcc.toFixed(4)}, test accuracy ${testAcc.toFixed(4)}`);
console.log("seed (sklearn, its own split): train 0.9188, test 0.5578");

if (!args["skip-sklearn"] && spawnSync("/usr/bin/python3", ["-c", "import sklearn"]).status === 0) {
  const dir = mkdtempSync(join(tmpdir(), "forest-bench-"));
  try {
    const csv = (M: Matrix, labels: Int32Array) =>
      `${Array.from({ length: M.rows }, (_, i) => [...M.data.subarray(i * M.cols, (i + 1) * M.cols), labels[i]].join(",")).join("\n")}\n`;
    writeFileSync(join(dir, "train.csv"), csv(Xtr, ytr));
    writeFileSync(join(dir, "test.csv"), csv(Xte, yte));
    const out = execFileSync(
      "/usr/bin/python3",
      [
        join(here, "sklearn_forest.py"),
        dir,
        String(nEstimators),
        String(maxDepth),
        String(Math.min(workers, 2)),
      ],
      { encoding: "utf8" },
    );
    const sk = JSON.parse(out) as { fit: number; train: number; test: number; rss: number };
    console.log(
      `sklearn: fit ${sk.fit.toFixed(2)} s (${(nEstimators / sk.fit).toFixed(1)} trees/s), peak RSS ${mb(sk.rss)}, ` +
        `train accuracy ${sk.train.toFixed(4)}, test accuracy ${sk.test.toFixed(4)}`,
    );
    console.log(`ratio ours/sklearn fit time: ${(fitSeconds / sk.fit).toFixed(2)} (target ≤ 1.5)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else console.log("sklearn: not available under /usr/bin/python3, skipped");
