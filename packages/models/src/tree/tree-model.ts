import type { Matrix } from "../matrix.ts";

/**
 * A fitted classification tree as flat arrays, nodes in depth-first preorder (root = 0, as sklearn numbers
 * them). Node i is a leaf when `left[i] === -1` (then `right[i] === -1`, `feature[i] === -1`, `threshold[i] === 0`);
 * otherwise a row goes to `left[i]` when `x[feature[i]] <= threshold[i]`, else to `right[i]`.
 */
export interface TreeArrays {
  nFeatures: number;
  nClasses: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** One class distribution (summing to 1) per leaf, leaves in node order: `nLeaves × nClasses` values. */
  value: Float64Array;
  /** Mean decrease in impurity per feature, normalised to sum 1 (all 0 for a single-leaf tree). */
  importances: Float64Array;
}

/**
 * {@link TreeArrays} as plain JSON (number arrays; doubles round-trip exactly through `JSON.stringify`).
 * `importances` is optional so hand-written or pruned trees load too.
 */
export interface TreeJSON {
  nFeatures: number;
  nClasses: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  importances?: number[];
}

/**
 * A fitted tree that predicts: no Node APIs, so the browser can load trees from {@link TreeJSON}.
 */
export class TreeModel {
  readonly arrays: TreeArrays;
  /** Per node, the offset of its class distribution in `value` (−1 for internal nodes). */
  readonly #valueOffset: Int32Array;
  readonly #depth: number;
  readonly #nLeaves: number;

  constructor(arrays: TreeArrays) {
    const { feature, threshold, left, right, value, nClasses, nFeatures } = arrays;
    const n = feature.length;
    if (n === 0) throw new Error("a tree needs at least one node");
    if (threshold.length !== n || left.length !== n || right.length !== n) {
      throw new Error("tree arrays feature/threshold/left/right differ in length");
    }
    this.arrays = arrays;
    this.#valueOffset = new Int32Array(n);
    const depthOf = new Int32Array(n);
    let leaves = 0;
    let depth = 0;
    for (let i = 0; i < n; i++) {
      const l = left[i] as number;
      if (l === -1) {
        this.#valueOffset[i] = leaves * nClasses;
        leaves++;
        continue;
      }
      const r = right[i] as number;
      const f = feature[i] as number;
      // Preorder numbering means children follow their parent; checking it rules out cycles.
      if (!(l > i && l < n && r > i && r < n) || !(f >= 0 && f < nFeatures)) {
        throw new Error(`tree node ${i} has invalid children (${l}, ${r}) or feature ${f}`);
      }
      this.#valueOffset[i] = -1;
      const d = (depthOf[i] as number) + 1;
      depthOf[l] = d;
      depthOf[r] = d;
      if (d > depth) depth = d;
    }
    if (value.length !== leaves * nClasses) {
      throw new Error(`tree has ${leaves} leaves × ${nClasses} classes but ${value.length} values`);
    }
    this.#depth = depth;
    this.#nLeaves = leaves;
  }

  get nFeatures(): number {
    return this.arrays.nFeatures;
  }
  get nClasses(): number {
    return this.arrays.nClasses;
  }
  /** Number of nodes, leaves included. */
  get nodeCount(): number {
    return this.arrays.feature.length;
  }
  get nLeaves(): number {
    return this.#nLeaves;
  }
  /** Longest root-to-leaf path, in edges (a single leaf has depth 0), as sklearn's `get_depth()`. */
  get depth(): number {
    return this.#depth;
  }
  /** Mean decrease in impurity per feature, summing to 1 (sklearn's `feature_importances_`). */
  get featureImportances(): Float64Array {
    return this.arrays.importances.slice();
  }

  /** The node index of the leaf that row `row` of `X` falls into. */
  leafOf(X: Matrix, row: number): number {
    const { feature, threshold, left, right } = this.arrays;
    const data = X.data;
    const base = row * X.cols;
    let node = 0;
    let l = left[0] as number;
    while (l !== -1) {
      node =
        (data[base + (feature[node] as number)] as number) <= (threshold[node] as number)
          ? l
          : (right[node] as number);
      l = left[node] as number;
    }
    return node;
  }

  /** Adds each row's leaf distribution, times `scale`, into `out` (rows × nClasses), e.g. to average a forest. */
  addProbaInto(X: Matrix, out: Float64Array, scale = 1): void {
    this.#checkInput(X);
    const k = this.arrays.nClasses;
    const value = this.arrays.value;
    const offsets = this.#valueOffset;
    for (let i = 0; i < X.rows; i++) {
      const off = offsets[this.leafOf(X, i)] as number;
      const o = i * k;
      if (scale === 1)
        for (let c = 0; c < k; c++) out[o + c] = (out[o + c] as number) + (value[off + c] as number);
      else
        for (let c = 0; c < k; c++) out[o + c] = (out[o + c] as number) + scale * (value[off + c] as number);
    }
  }

  /** Class probabilities, row-major `rows × nClasses`: the class distribution of each row's leaf. */
  predictProba(X: Matrix): Float64Array {
    const out = new Float64Array(X.rows * this.arrays.nClasses);
    this.addProbaInto(X, out);
    return out;
  }

  /** The most probable class of each row (the lowest index on ties, like numpy's argmax). */
  predict(X: Matrix): Int32Array {
    return argmaxRows(this.predictProba(X), X.rows, this.arrays.nClasses);
  }

  toJSON(): TreeJSON {
    const a = this.arrays;
    return {
      nFeatures: a.nFeatures,
      nClasses: a.nClasses,
      feature: Array.from(a.feature),
      threshold: Array.from(a.threshold),
      left: Array.from(a.left),
      right: Array.from(a.right),
      value: Array.from(a.value),
      importances: Array.from(a.importances),
    };
  }

  static fromJSON(json: TreeJSON): TreeModel {
    return new TreeModel({
      nFeatures: json.nFeatures,
      nClasses: json.nClasses,
      feature: Int32Array.from(json.feature),
      threshold: Float64Array.from(json.threshold),
      left: Int32Array.from(json.left),
      right: Int32Array.from(json.right),
      value: Float64Array.from(json.value),
      importances: json.importances ? Float64Array.from(json.importances) : new Float64Array(json.nFeatures),
    });
  }

  #checkInput(X: Matrix): void {
    if (X.cols !== this.arrays.nFeatures) {
      throw new Error(`X has ${X.cols} features, the tree was fitted on ${this.arrays.nFeatures}`);
    }
  }
}

/** Row-wise argmax of a row-major `rows × k` matrix, first maximum on ties. */
export function argmaxRows(scores: Float64Array, rows: number, k: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    let best = 0;
    let bestScore = scores[o] as number;
    for (let c = 1; c < k; c++) {
      const s = scores[o + c] as number;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
