// Benchmark: histogram gradient boosting (ours) against scikit-learn's HistGradientBoostingClassifier with the
// same parameters, on the same rows, on this machine, in one run. Prints the fit-time ratio and both accuracies.
// scikit-learn is an optional reference: `apt-get install python3-sklearn` (Debian) puts it under
// /usr/bin/python3; without it the bench prints our figures only. The build never needs Python.
// Run: npx tsx packages/models/bench/boosting.bench.ts [--task super-genre|genre] [--protocol NAME] [--iter N]
//      [--lr X] [--leaves N] [--l2 X] [--goss TOP,OTHER] [--threads N] [--skip-sklearn]
// --goss samples each tree's rows as the build's 114-genre model does (LightGBM's GOSS, e.g. 0.1,0.05); scikit-learn
// has no such option, so its run still uses every row, and the ratio then shows what the sampling saves.
import { execFileSync, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { HistGradientBoostingClassifier } from "../src/boosting/hist-gradient-boosting.ts";
import { argmaxRows } from "../src/evaluate/classification.ts";
import { designMatrix } from "../src/features/design.ts";
import { SEED_RAW_FEATURES } from "../src/features/seed-feature-sets.ts";
import { type Matrix, take } from "../src/matrix.ts";
import { accuracy } from "../src/metrics/index.ts";
import { benchContext } from "./bench-context.ts";
import { withReferenceCsv } from "./reference-csv.ts";

const here = dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
    task: { type: "string", default: "super-genre" },
    protocol: { type: "string", default: "seed-random" },
    iter: { type: "string", default: "100" },
    lr: { type: "string", default: "0.1" },
    leaves: { type: "string", default: "31" },
    l2: { type: "string", default: "0" },
    goss: { type: "string" },
    threads: { type: "string", default: String(availableParallelism()) },
    "skip-sklearn": { type: "boolean", default: false },
  },
});
const params = {
  learningRate: Number(args.lr),
  maxIter: Number(args.iter),
  maxLeafNodes: Number(args.leaves),
  minSamplesLeaf: 20,
  l2Regularization: Number(args.l2),
  maxBins: 255,
};
const goss = args.goss
  ? (() => {
      const [topRate, otherRate] = args.goss.split(",").map(Number);
      return { topRate: Number(topRate), otherRate: Number(otherRate), seed: 17 };
    })()
  : null;

const context = await benchContext();
const split = context.splits.find((s) => s.protocol === args.protocol);
if (!split)
  throw new Error(`no protocol ${args.protocol}; have ${context.splits.map((s) => s.protocol).join(", ")}`);
const task = args.task === "genre" ? context.tasks.genre : context.tasks.superGenre;
const K = task.classes.length;
const Xtr = designMatrix(context.table, SEED_RAW_FEATURES, split.train);
const ytr = take(task.labels, split.train);
const Xte = designMatrix(context.table, SEED_RAW_FEATURES, split.test);
const yte = take(task.labels, split.test);
console.log(
  `data: ${split.protocol}, ${task.id} (${K} classes), ${Xtr.cols} features; train ${Xtr.rows}, test ${Xte.rows}`,
);
console.log(
  `params: learning rate ${params.learningRate}, ${params.maxIter} iterations (no early stopping, as sklearn's ` +
    `early_stopping=False), ${params.maxLeafNodes} leaves, min ${params.minSamplesLeaf} rows per leaf, ` +
    `L2 ${params.l2Regularization}, ${params.maxBins} bins; ${args.threads} threads` +
    (goss ? `; ours with GOSS (top ${goss.topRate}, other ${goss.otherRate}), sklearn on every row` : ""),
);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const t0 = performance.now();
let shown = 0;
const model = await new HistGradientBoostingClassifier({
  ...params,
  goss,
  threads: Number(args.threads),
  onProgress: ({ iteration, maxIter }) => {
    if (iteration - shown >= 25 || iteration === maxIter) {
      shown = iteration;
      process.stdout.write(`  ours: iteration ${iteration}/${maxIter}\n`);
    }
  },
}).fit(Xtr, ytr, K);
const fitSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const predicted = (X: Matrix) => argmaxRows(model.predictProba(X), K);
const ours = { train: accuracy(ytr, predicted(Xtr)), test: accuracy(yte, predicted(Xte)) };
console.log(
  `ours:    fit ${fitSeconds.toFixed(2)} s, ${model.iterations} iterations, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, ` +
    `train accuracy ${ours.train.toFixed(4)}, test accuracy ${ours.test.toFixed(4)}`,
);

if (!args["skip-sklearn"] && spawnSync("/usr/bin/python3", ["-c", "import sklearn"]).status === 0) {
  withReferenceCsv({ X: Xtr, y: ytr }, { X: Xte, y: yte }, "boosting-bench-", (dir) => {
    const out = execFileSync(
      "/usr/bin/python3",
      [join(here, "sklearn_hist_gbm.py"), dir, JSON.stringify(params)],
      {
        encoding: "utf8",
        env: { ...process.env, OMP_NUM_THREADS: args.threads },
      },
    );
    const sk = JSON.parse(out) as {
      fit: number;
      iterations: number;
      train: number;
      test: number;
      rss: number;
    };
    console.log(
      `sklearn: fit ${sk.fit.toFixed(2)} s, ${sk.iterations} iterations, peak RSS ${(sk.rss / 2 ** 20).toFixed(0)} MiB, ` +
        `train accuracy ${sk.train.toFixed(4)}, test accuracy ${sk.test.toFixed(4)}`,
    );
    console.log(`ratio ours/sklearn fit time: ${(fitSeconds / sk.fit).toFixed(2)} (target ≤ 1.5)`);
    console.log(
      `test accuracy ours − sklearn: ${(ours.test - sk.test >= 0 ? "+" : "") + (ours.test - sk.test).toFixed(4)} (target within ±0.005)`,
    );
  });
} else
  console.log("sklearn: not available under /usr/bin/python3 (apt-get install python3-sklearn), skipped");
