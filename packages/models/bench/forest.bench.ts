// Benchmark: the seed's best model (random forest, 200 trees, depth 20) on the cleaned Spotify tracks, against
// sklearn when /usr/bin/python3 has it. Run: npx tsx packages/models/bench/forest.bench.ts [--trees N] [--depth N] [--workers N] [--skip-sklearn]
import { execFileSync, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { designMatrix } from "../src/features/design.ts";
import { SEED_RAW_FEATURES } from "../src/features/seed-feature-sets.ts";
import { take } from "../src/matrix.ts";
import { accuracy } from "../src/metrics/index.ts";
import { RandomForestClassifier } from "../src/tree/random-forest.ts";
import { benchContext } from "./bench-context.ts";
import { withReferenceCsv } from "./reference-csv.ts";

const here = dirname(fileURLToPath(import.meta.url));

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

/** The seed protocol's training and test rows of the 15 raw features, coded as the models package codes them. */
async function load() {
  const context = await benchContext();
  const [split] = context.splits;
  if (!split) throw new Error("no split");
  const { labels, classes } = context.tasks.superGenre;
  return {
    rows: context.table.rows,
    Xtr: designMatrix(context.table, SEED_RAW_FEATURES, split.train),
    ytr: take(labels, split.train),
    Xte: designMatrix(context.table, SEED_RAW_FEATURES, split.test),
    yte: take(labels, split.test),
    genres: classes,
  };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

// The models' own seed-protocol split (60/20/20, seed 42) and feature set, so the figure is the build's forest.
const { rows, Xtr, ytr, Xte, yte, genres } = await load();
console.log(
  `data: ${rows} rows × ${Xtr.cols} features, ${genres.length} classes; train ${Xtr.rows}, test ${Xte.rows}`,
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
  withReferenceCsv({ X: Xtr, y: ytr }, { X: Xte, y: yte }, "forest-bench-", (dir) => {
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
  });
} else console.log("sklearn: not available under /usr/bin/python3, skipped");
