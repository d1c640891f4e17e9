import { availableParallelism } from "node:os";
import type { Matrix } from "../matrix.ts";
import type { BinnedFeatures } from "../tree/binning.ts";
import { binOtherRows, binTrainingRows } from "./binned-rows.ts";
import { BoostedModel } from "./boosted-model.ts";
import { BoostingPool } from "./boosting-pool.ts";
import {
  type BoostingState,
  type ClassTreeGrower,
  classGradients,
  createGrower,
  growClassTree,
} from "./class-trees.ts";
import { type GossOptions, validateGoss } from "./goss.ts";
import type { GradientTreeArrays, GradientTreeParams } from "./gradient-tree.ts";
import { baselineScores, softmaxLogLoss } from "./softmax-loss.ts";

/** Options, named and defaulted as scikit-learn's `HistGradientBoostingClassifier`. */
export interface BoostingOptions {
  learningRate?: number;
  /** Boosting iterations at most (K trees each). */
  maxIter?: number;
  maxLeafNodes?: number;
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  l2Regularization?: number;
  /** Bins per feature (at most 256: codes are bytes in the binning). */
  maxBins?: number;
  /** Early stopping (with validation rows): stop when the validation loss has not improved by `tol` for this many iterations. */
  nIterNoChange?: number;
  tol?: number;
  /**
   * Gradient-based one-side sampling (LightGBM's GOSS; see goss.ts): each tree grows on a sample of the rows.
   * Off by default, as in scikit-learn, which has no such option.
   */
  goss?: GossOptions | null;
  /**
   * Worker threads growing each iteration's K trees (default: `os.availableParallelism()` for problems large
   * enough to repay starting them, else 1, in this thread). The model is the same whatever the number.
   */
  threads?: number;
  onProgress?: (progress: BoostingProgress) => void;
}

export interface BoostingProgress {
  iteration: number;
  maxIter: number;
  validationLoss: number | null;
}

/** Below this many rows × classes × iterations, worker start-up (about a second) outweighs the work. */
const IN_THREAD_WORK = 20_000_000;

/**
 * Multiclass gradient-boosted trees on histograms (softmax loss, one tree per class and iteration, leaf-wise
 * growth), the algorithm of scikit-learn's `HistGradientBoostingClassifier` and LightGBM. Written here rather
 * than taken from npm: `ml-xgboost` (XGBoost 0.x compiled to WebAssembly) has no multiclass histogram method
 * or early stopping on a given validation set and is unmaintained, and the project's own binning already
 * gives the exact cuts the other trees use.
 *
 * Early stopping follows sklearn's rule with `scoring="loss"`, but on validation rows the caller gives (so a
 * grouped protocol can hold out whole groups): stop after iteration i when none of the last `nIterNoChange`
 * validation losses is lower than the one `nIterNoChange` iterations before them minus `tol`. As in sklearn,
 * the model keeps every iteration it fitted.
 */
export class HistGradientBoostingClassifier {
  readonly options: BoostingOptions;
  #model: BoostedModel | null = null;
  #binning: BinnedFeatures | null = null;
  #validationLoss: number[] = [];
  #featureGains: Float64Array | null = null;

  constructor(options: BoostingOptions = {}) {
    this.options = { ...options };
  }

  #params(): Required<Omit<BoostingOptions, "threads" | "onProgress" | "goss">> {
    const o = this.options;
    const p = {
      learningRate: o.learningRate ?? 0.1,
      maxIter: o.maxIter ?? 100,
      maxLeafNodes: o.maxLeafNodes ?? 31,
      maxDepth: o.maxDepth ?? null,
      minSamplesLeaf: o.minSamplesLeaf ?? 20,
      l2Regularization: o.l2Regularization ?? 0,
      maxBins: o.maxBins ?? 255,
      nIterNoChange: o.nIterNoChange ?? 10,
      tol: o.tol ?? 1e-7,
    };
    if (!(p.learningRate > 0)) throw new RangeError(`learningRate must be > 0, got ${p.learningRate}`);
    if (!Number.isInteger(p.maxIter) || p.maxIter < 1)
      throw new RangeError(`maxIter must be ≥ 1, got ${p.maxIter}`);
    if (!Number.isInteger(p.maxLeafNodes) || p.maxLeafNodes < 2)
      throw new RangeError(`maxLeafNodes must be an integer ≥ 2, got ${p.maxLeafNodes}`);
    if (!Number.isInteger(p.minSamplesLeaf) || p.minSamplesLeaf < 1)
      throw new RangeError(`minSamplesLeaf must be an integer ≥ 1, got ${p.minSamplesLeaf}`);
    if (!(p.l2Regularization >= 0))
      throw new RangeError(`l2Regularization must be ≥ 0, got ${p.l2Regularization}`);
    if (p.maxDepth !== null && !(Number.isInteger(p.maxDepth) && p.maxDepth >= 1))
      throw new RangeError(`maxDepth must be null or an integer ≥ 1, got ${p.maxDepth}`);
    if (!Number.isInteger(p.nIterNoChange) || p.nIterNoChange < 1)
      throw new RangeError(`nIterNoChange must be an integer ≥ 1, got ${p.nIterNoChange}`);
    return p;
  }

  /**
   * Fits on the rows of X with labels y in 0..nClasses−1. With `validation`, the validation loss is computed
   * after every iteration and fitting stops early by the rule above.
   */
  async fit(
    X: Matrix,
    y: Int32Array,
    nClasses: number,
    validation?: { X: Matrix; y: Int32Array },
  ): Promise<this> {
    const p = this.#params();
    const n = X.rows;
    if (y.length !== n) throw new Error(`X has ${n} rows but y has ${y.length} labels`);
    if (n === 0) throw new Error("cannot fit on zero rows");
    for (let i = 0; i < n; i++) {
      const label = y[i] as number;
      if (!(Number.isInteger(label) && label >= 0 && label < nClasses))
        throw new RangeError(`label ${label} at row ${i} is outside 0..${nClasses - 1}`);
    }
    if (validation && validation.X.cols !== X.cols)
      throw new Error(`validation rows have ${validation.X.cols} columns, training rows ${X.cols}`);
    const K = nClasses;
    const threads = Math.max(
      1,
      this.options.threads ?? (n * K * p.maxIter >= IN_THREAD_WORK ? Math.min(availableParallelism(), K) : 1),
    );
    const shared = threads > 1;
    const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const codes = new Uint16Array(buffer(n * X.cols * 2));
    const { binning, rows: train } = binTrainingRows(X, Math.min(p.maxBins, 256), codes);
    const m = validation?.X.rows ?? 0;
    const validationRows = validation
      ? binOtherRows(validation.X, binning, new Uint16Array(buffer(m * X.cols * 2)))
      : null;
    const baseline = baselineScores(y, K);
    const raw = new Float64Array(buffer(n * K * 8));
    for (let k = 0; k < K; k++) raw.fill(baseline[k] as number, k * n, (k + 1) * n);
    const rawValidation = validation ? new Float64Array(buffer(m * K * 8)) : null;
    if (rawValidation)
      for (let k = 0; k < K; k++) rawValidation.fill(baseline[k] as number, k * m, (k + 1) * m);
    const params: GradientTreeParams = {
      maxLeafNodes: p.maxLeafNodes,
      maxDepth: p.maxDepth,
      minSamplesLeaf: p.minSamplesLeaf,
      l2: p.l2Regularization,
      minHessianToSplit: 1e-3,
      learningRate: p.learningRate,
    };
    const state: BoostingState = {
      train,
      validation: validationRows,
      params,
      nClasses: K,
      labels: y,
      gradients: new Float32Array(buffer(n * K * 4)),
      hessians: new Float32Array(buffer(n * K * 4)),
      raw,
      rawValidation,
      goss: this.options.goss ?? null,
    };
    if (state.goss) validateGoss(state.goss);
    const pool = shared ? new BoostingPool(state, Math.min(threads, K)) : null;
    const grower = pool ? null : createGrower(state);
    const trees: GradientTreeArrays[] = [];
    const losses: number[] = [];
    try {
      for (let iteration = 1; iteration <= p.maxIter; iteration++) {
        const grown = pool
          ? await pool.iteration(K, iteration)
          : this.#growInThread(state, grower as ClassTreeGrower, iteration);
        trees.push(...grown);
        const loss = validation && rawValidation ? softmaxLogLoss(rawValidation, validation.y, K) : null;
        if (loss !== null) losses.push(loss);
        this.options.onProgress?.({ iteration, maxIter: p.maxIter, validationLoss: loss });
        if (loss !== null && shouldStop(losses, p.nIterNoChange, p.tol)) break;
      }
    } finally {
      await pool?.close();
    }
    this.#binning = binning;
    this.#validationLoss = losses;
    this.#featureGains = new Float64Array(X.cols);
    for (const tree of trees)
      for (let f = 0; f < X.cols; f++)
        this.#featureGains[f] = (this.#featureGains[f] as number) + (tree.gains[f] as number);
    this.#model = new BoostedModel(flatten(trees, binning, X.cols, K, baseline));
    return this;
  }

  #growInThread(state: BoostingState, grower: ClassTreeGrower, iteration: number): GradientTreeArrays[] {
    const classes = Array.from({ length: state.nClasses }, (_, k) => k);
    classGradients(state, 0, state.train.rows);
    return classes.map((k) => growClassTree(state, grower, k, iteration));
  }

  get model(): BoostedModel {
    if (!this.#model) throw new Error("HistGradientBoostingClassifier is not fitted");
    return this.#model;
  }

  /** Iterations fitted (each K trees). */
  get iterations(): number {
    return this.model.iterations;
  }

  /** Validation loss after each iteration (empty without validation rows). */
  get validationLoss(): readonly number[] {
    return this.#validationLoss;
  }

  /** The bin edges the trees split on. */
  get binning(): BinnedFeatures {
    if (!this.#binning) throw new Error("HistGradientBoostingClassifier is not fitted");
    return this.#binning;
  }

  /** Total split gain per feature, normalised to sum 1. */
  get featureImportances(): Float64Array {
    if (!this.#featureGains) throw new Error("HistGradientBoostingClassifier is not fitted");
    const total = this.#featureGains.reduce((s, v) => s + v, 0);
    return this.#featureGains.map((v) => (total > 0 ? v / total : 0));
  }

  predictProba(X: Matrix): Float64Array {
    return this.model.predictProba(X);
  }
}

/** sklearn's `_should_stop` for a loss (lower is better): no recent loss beat the reference by more than tol. */
export function shouldStop(losses: readonly number[], nIterNoChange: number, tol: number): boolean {
  if (losses.length <= nIterNoChange) return false;
  const reference = (losses[losses.length - 1 - nIterNoChange] as number) - tol;
  for (let j = losses.length - nIterNoChange; j < losses.length; j++)
    if ((losses[j] as number) < reference) return false;
  return true;
}

/** The grown trees as one flat model, bin splits turned into real-valued thresholds. */
function flatten(
  trees: readonly GradientTreeArrays[],
  binning: BinnedFeatures,
  nFeatures: number,
  nClasses: number,
  baseline: Float64Array,
) {
  const nodes = trees.reduce((s, t) => s + t.feature.length, 0);
  const treeStart = new Int32Array(trees.length + 1);
  const feature = new Int32Array(nodes);
  const threshold = new Float64Array(nodes);
  const left = new Int32Array(nodes);
  const right = new Int32Array(nodes);
  const value = new Float64Array(nodes);
  let at = 0;
  trees.forEach((tree, t) => {
    treeStart[t] = at;
    for (let j = 0; j < tree.feature.length; j++) {
      const f = tree.feature[j] as number;
      feature[at + j] = f;
      left[at + j] = tree.left[j] as number;
      right[at + j] = tree.right[j] as number;
      value[at + j] = tree.value[j] as number;
      threshold[at + j] =
        f >= 0 ? ((binning.thresholds[f] as Float64Array)[tree.bin[j] as number] as number) : 0;
    }
    at += tree.feature.length;
  });
  treeStart[trees.length] = at;
  return { nFeatures, nClasses, baseline, treeStart, feature, threshold, left, right, value };
}
