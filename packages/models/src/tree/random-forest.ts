import { availableParallelism } from "node:os";
import type { Matrix } from "../matrix.ts";
import { Random } from "../random.ts";
import { binFeatures } from "./binning.ts";
import { type ForestJSON, ForestModel } from "./forest-model.ts";
import { growInWorkers } from "./forest-pool.ts";
import { bootstrapCounts, type ForestTreeTask, growForestTree, treeSeed } from "./forest-tree.ts";
import { TreeGrower } from "./grow.ts";
import { resolveGrowParams, type TreeOptions } from "./options.ts";
import { argmaxRows, type TreeArrays, TreeModel } from "./tree-model.ts";

/**
 * Forests with fewer rows × trees than this grow in the calling thread by default: starting a worker (about a
 * second with the TypeScript loader) would cost more than growing them (tests, tiny grid-search folds).
 */
const IN_THREAD_ROW_TREES = 100_000;

/** Progress of a forest's training. */
export interface ForestProgress {
  treesDone: number;
  nEstimators: number;
}

/** Options of a random forest, named after sklearn's `RandomForestClassifier`. */
export interface ForestOptions extends TreeOptions {
  /** Number of trees (default 100). */
  nEstimators?: number;
  /** Grow each tree on a bootstrap sample of the rows, as integer counts (default true). */
  bootstrap?: boolean;
  /** Compute the out-of-bag accuracy after fitting (needs bootstrap; default false). */
  oobScore?: boolean;
  /**
   * Worker threads (default `os.availableParallelism()`, or 1 for a small forest: see IN_THREAD_ROW_TREES);
   * 1 trains in this thread. The forest is the same.
   */
  workers?: number;
  /** Called after each tree is grown. */
  onProgress?: (progress: ForestProgress) => void;
}

/**
 * A random forest of CART trees (see `DecisionTreeClassifier`), `maxFeatures` "sqrt" by default. Tree t is
 * grown from its own generator `randomState.fork(t)` (its bootstrap, then its feature draws), so the forest
 * is identical whatever the number of workers or the order trees finish in.
 */
export class RandomForestClassifier {
  readonly options: ForestOptions;
  #model: ForestModel | null = null;
  #oobScore: number | null = null;
  #oobDecision: Float64Array | null = null;

  constructor(options: ForestOptions = {}) {
    this.options = { ...options };
  }

  /** Fits the forest on the rows of `X` with labels `y` in 0..nClasses−1. */
  async fit(X: Matrix, y: Int32Array, nClasses: number): Promise<this> {
    const o = this.options;
    const nEstimators = o.nEstimators ?? 100;
    if (!Number.isInteger(nEstimators) || nEstimators < 1)
      throw new RangeError("nEstimators must be an integer ≥ 1");
    if (X.rows === 0) throw new Error("cannot fit a forest on no rows");
    if (y.length !== X.rows) throw new Error(`y has ${y.length} labels for ${X.rows} rows`);
    const bootstrap = o.bootstrap ?? true;
    if (o.oobScore && !bootstrap) throw new Error("oobScore needs bootstrap");
    const params = resolveGrowParams(
      { ...o, maxFeatures: o.maxFeatures === undefined ? "sqrt" : o.maxFeatures },
      X.rows,
      X.cols,
    );
    const defaultWorkers = X.rows * nEstimators < IN_THREAD_ROW_TREES ? 1 : availableParallelism();
    const workers = Math.max(1, Math.min(o.workers ?? defaultWorkers, nEstimators));
    const rs = o.randomState ?? 0;
    const rng = typeof rs === "number" ? new Random(rs) : rs;
    const tasks: ForestTreeTask[] = [];
    for (let t = 0; t < nEstimators; t++) tasks.push({ tree: t, seed: treeSeed(rng, t) });

    // Binned codes and labels in shared memory: workers read them without a copy each.
    const shared = workers > 1;
    const codes = shared ? new Uint8Array(new SharedArrayBuffer(X.rows * X.cols)) : undefined;
    const data = binFeatures(X, o.maxBins ?? 255, codes);
    const labels = shared ? new Int32Array(new SharedArrayBuffer(4 * y.length)) : y;
    if (shared) labels.set(y);

    const trees: (TreeArrays | undefined)[] = new Array(nEstimators);
    let treesDone = 0;
    const onTree = (t: number, arrays: TreeArrays): void => {
      trees[t] = arrays;
      o.onProgress?.({ treesDone: ++treesDone, nEstimators });
    };
    if (!shared) {
      const grower = new TreeGrower(data, labels, nClasses);
      for (const task of tasks)
        onTree(task.tree, growForestTree(grower, X.rows, params, bootstrap, task.seed));
    } else {
      const { codes: c, rows, cols, nBins, lower, upper } = data;
      await growInWorkers(
        { data: { codes: c, rows, cols, nBins, lower, upper }, y: labels, nClasses, params, bootstrap },
        tasks,
        workers,
        onTree,
      );
    }
    this.#model = new ForestModel(
      trees.map((a, t) => {
        if (!a) throw new Error(`tree ${t} was not grown`);
        return new TreeModel(a);
      }),
    );
    this.#oobScore = null;
    this.#oobDecision = null;
    if (o.oobScore) this.#computeOob(X, y, nClasses, tasks);
    return this;
  }

  /**
   * sklearn's out-of-bag estimate: each row is predicted by the trees whose bootstrap left it out (their
   * probabilities summed, in tree order), and scored by accuracy. Rows in every bootstrap get all-zero
   * probabilities (so class 0), as sklearn does after its warning.
   */
  #computeOob(X: Matrix, y: Int32Array, nClasses: number, tasks: readonly ForestTreeTask[]): void {
    const model = this.model;
    const decision = new Float64Array(X.rows * nClasses);
    const votes = new Int32Array(X.rows);
    for (const task of tasks) {
      // Replays the tree's bootstrap: its generator's first draws.
      const counts = bootstrapCounts(new Random(task.seed), X.rows);
      const tree = model.trees[task.tree] as TreeModel;
      const value = tree.arrays.value;
      const leafOffset = leafOffsets(tree);
      for (let i = 0; i < X.rows; i++) {
        if (counts[i] !== 0) continue;
        const off = leafOffset[tree.leafOf(X, i)] as number;
        const o = i * nClasses;
        for (let c = 0; c < nClasses; c++)
          decision[o + c] = (decision[o + c] as number) + (value[off + c] as number);
        votes[i] = (votes[i] as number) + 1;
      }
    }
    for (let i = 0; i < X.rows; i++) {
      const v = votes[i] as number;
      if (v > 0)
        for (let c = 0; c < nClasses; c++)
          decision[i * nClasses + c] = (decision[i * nClasses + c] as number) / v;
    }
    const pred = argmaxRows(decision, X.rows, nClasses);
    let hits = 0;
    for (let i = 0; i < X.rows; i++) if (pred[i] === y[i]) hits++;
    this.#oobScore = hits / X.rows;
    this.#oobDecision = decision;
  }

  /** The fitted forest; throws before `fit`. */
  get model(): ForestModel {
    if (!this.#model) throw new Error("the forest is not fitted");
    return this.#model;
  }

  /** Out-of-bag accuracy (fit with `oobScore: true`), else null. */
  get oobScore(): number | null {
    return this.#oobScore;
  }

  /** Out-of-bag class probabilities per training row, `rows × nClasses` (fit with `oobScore: true`), else null. */
  get oobDecisionFunction(): Float64Array | null {
    return this.#oobDecision;
  }

  predictProba(X: Matrix): Float64Array {
    return this.model.predictProba(X);
  }

  predict(X: Matrix): Int32Array {
    return this.model.predict(X);
  }

  get featureImportances(): Float64Array {
    return this.model.featureImportances;
  }

  toJSON(): ForestJSON {
    return this.model.toJSON();
  }

  /** A fitted forest from {@link ForestJSON}; it predicts exactly as the forest that was saved. */
  static fromJSON(json: ForestJSON): RandomForestClassifier {
    const forest = new RandomForestClassifier();
    forest.#model = ForestModel.fromJSON(json);
    return forest;
  }
}

/** Per node, the offset of its leaf distribution in `value` (internal nodes: −1). */
function leafOffsets(tree: TreeModel): Int32Array {
  const { left, nClasses } = tree.arrays;
  const out = new Int32Array(left.length);
  let leaves = 0;
  for (let i = 0; i < left.length; i++) out[i] = left[i] === -1 ? nClasses * leaves++ : -1;
  return out;
}
