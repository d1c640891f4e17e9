import type { Matrix } from "../matrix.ts";
import { checkLabels } from "../metrics/labels.ts";
import { bruteForceNeighbors } from "./brute-force.ts";
import { KDTree } from "./kd-tree.ts";
import type { Neighbors } from "./neighbors.ts";

export interface KNeighborsClassifierOptions {
  /** Neighbours that vote (sklearn `n_neighbors`, default 5). */
  nNeighbors?: number;
  /**
   * Search algorithm (sklearn `algorithm`). "auto" (default) picks the KD-tree for d ≤ 15 and k < n/2, as
   * sklearn's "auto" does for Euclidean distance, and brute force otherwise. All give identical neighbours
   * (see `closer`), so this only changes speed.
   */
  algorithm?: "auto" | "kd_tree" | "brute";
  /** KD-tree leaf size (sklearn `leaf_size`, default 30). */
  leafSize?: number;
}

/**
 * k-nearest-neighbours classification with uniform weights and Euclidean distance: sklearn's
 * `KNeighborsClassifier(n_neighbors=k, weights="uniform", metric="minkowski", p=2)`.
 *
 * Each query's class probabilities are the fractions of its k nearest training rows in each class
 * (`predict_proba`), and its prediction is the most frequent class among them, the smallest class index on
 * a tie in the vote (as sklearn's `argmax` over `predict_proba`, or scipy's `mode` in older versions).
 * Among training rows at *equal distance* from a query the smaller row index is nearer (see `closer`);
 * sklearn leaves that order to its search, so results can differ from sklearn's only when the k-th and
 * (k+1)-th neighbours are exactly tied and belong to different classes.
 */
export class KNeighborsClassifier {
  readonly nNeighbors: number;
  readonly algorithm: "auto" | "kd_tree" | "brute";
  readonly leafSize: number;
  #train: Matrix | undefined;
  #y: Int32Array | undefined;
  #nClasses = 0;
  #tree: KDTree | undefined;

  constructor({ nNeighbors = 5, algorithm = "auto", leafSize = 30 }: KNeighborsClassifierOptions = {}) {
    if (!Number.isInteger(nNeighbors) || nNeighbors < 1) throw new RangeError(`bad nNeighbors ${nNeighbors}`);
    this.nNeighbors = nNeighbors;
    this.algorithm = algorithm;
    this.leafSize = leafSize;
  }

  /** Stores the training rows (building the KD-tree when used) and labels 0..nClasses−1 (sklearn `fit`). */
  fit(X: Matrix, y: Int32Array, nClasses: number): this {
    if (y.length !== X.rows) throw new RangeError(`X has ${X.rows} rows but y has ${y.length} labels`);
    if (this.nNeighbors > X.rows) {
      throw new RangeError(`nNeighbors ${this.nNeighbors} exceeds the ${X.rows} training rows`);
    }
    checkLabels(y, nClasses);
    this.#train = X;
    this.#y = y;
    this.#nClasses = nClasses;
    const useTree =
      this.algorithm === "kd_tree" ||
      (this.algorithm === "auto" && X.cols <= 15 && this.nNeighbors < Math.floor(X.rows / 2));
    this.#tree = useTree ? new KDTree(X, { leafSize: this.leafSize }) : undefined;
    return this;
  }

  get nClasses(): number {
    return this.#nClasses;
  }

  /** "kd_tree" or "brute": the search `fit` chose. */
  get method(): "kd_tree" | "brute" {
    if (!this.#train) throw new Error("KNeighborsClassifier is not fitted");
    return this.#tree ? "kd_tree" : "brute";
  }

  /** The k nearest training rows of each query (sklearn `kneighbors`), nearest first. */
  kneighbors(queries: Matrix, k = this.nNeighbors): Neighbors {
    const train = this.#train;
    if (!train) throw new Error("KNeighborsClassifier is not fitted");
    return this.#tree ? this.#tree.query(queries, k) : bruteForceNeighbors(train, queries, k);
  }

  /** Vote shares, n × nClasses row-major (sklearn `predict_proba` with uniform weights). */
  predictProba(queries: Matrix): Float64Array {
    const { indices, k } = this.kneighbors(queries);
    const y = this.#y as Int32Array;
    const K = this.#nClasses;
    const out = new Float64Array(queries.rows * K);
    for (let q = 0; q < queries.rows; q++) {
      for (let m = 0; m < k; m++) {
        const c = y[indices[q * k + m] as number] as number;
        out[q * K + c] = (out[q * K + c] as number) + 1;
      }
      for (let c = 0; c < K; c++) out[q * K + c] = (out[q * K + c] as number) / k;
    }
    return out;
  }

  /** The majority class of each query's neighbours; the smallest class index among tied counts. */
  predict(queries: Matrix): Int32Array {
    const proba = this.predictProba(queries);
    const K = this.#nClasses;
    const out = new Int32Array(queries.rows);
    for (let q = 0; q < queries.rows; q++) {
      let best = 0;
      for (let c = 1; c < K; c++)
        if ((proba[q * K + c] as number) > (proba[q * K + best] as number)) best = c;
      out[q] = best;
    }
    return out;
  }
}
