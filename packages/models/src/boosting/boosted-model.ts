import type { Matrix } from "../matrix.ts";
import { probabilitiesOf } from "./softmax-loss.ts";

/**
 * A fitted multiclass boosted ensemble as flat arrays, ready to predict on raw feature values anywhere (no Node
 * APIs: the browser loads the same form). Tree t belongs to iteration ⌊t / K⌋ and adds to class t mod K.
 * Tree t's nodes are `treeStart[t] .. treeStart[t + 1] − 1`; `left`/`right` are indices within the tree;
 * a node with `feature` −1 is a leaf whose `value` is added to its class's raw score; otherwise a row goes
 * left when its value of `feature` is at most `threshold`.
 */
export interface FlatBoostedModel {
  nFeatures: number;
  nClasses: number;
  /** Raw score every row starts from, per class. */
  baseline: Float64Array;
  treeStart: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export class BoostedModel {
  readonly flat: FlatBoostedModel;

  constructor(flat: FlatBoostedModel) {
    const { treeStart, feature, threshold, left, right, value, baseline, nClasses, nFeatures } = flat;
    const nodes = feature.length;
    if (
      threshold.length !== nodes ||
      left.length !== nodes ||
      right.length !== nodes ||
      value.length !== nodes
    )
      throw new Error("boosted model arrays feature/threshold/left/right/value differ in length");
    if (baseline.length !== nClasses)
      throw new Error(`baseline has ${baseline.length} values, expected ${nClasses}`);
    const trees = treeStart.length - 1;
    if (trees < 0 || trees % nClasses !== 0 || treeStart[trees] !== nodes)
      throw new Error("boosted model treeStart does not cover whole iterations of nClasses trees");
    for (let t = 0; t < trees; t++) {
      const size = (treeStart[t + 1] as number) - (treeStart[t] as number);
      for (let j = treeStart[t] as number; j < (treeStart[t + 1] as number); j++) {
        const f = feature[j] as number;
        if (f === -1) continue;
        if (f < 0 || f >= nFeatures) throw new Error(`tree ${t} splits on feature ${f} of ${nFeatures}`);
        const l = left[j] as number;
        const r = right[j] as number;
        // Children come after their parent, so every walk ends at a leaf.
        if (!(l > j - (treeStart[t] as number) && l < size && r > j - (treeStart[t] as number) && r < size))
          throw new Error(`tree ${t} node ${j - (treeStart[t] as number)} has children outside the tree`);
      }
    }
    this.flat = flat;
  }

  get iterations(): number {
    return (this.flat.treeStart.length - 1) / this.flat.nClasses;
  }

  /** Class-major raw scores (`raw[k * n + i]`) of the rows of X, using the first `iterations` iterations. */
  predictRaw(X: Matrix, iterations = this.iterations): Float64Array {
    const { nFeatures, nClasses: K, baseline, treeStart, feature, threshold, left, right, value } = this.flat;
    if (X.cols !== nFeatures) throw new Error(`X has ${X.cols} columns, the model ${nFeatures}`);
    const n = X.rows;
    const data = X.data;
    const raw = new Float64Array(n * K);
    for (let k = 0; k < K; k++) raw.fill(baseline[k] as number, k * n, (k + 1) * n);
    const trees = Math.min(iterations, this.iterations) * K;
    for (let t = 0; t < trees; t++) {
      const base = treeStart[t] as number;
      const out = (t % K) * n;
      for (let i = 0; i < n; i++) {
        const row = i * nFeatures;
        let node = base;
        let f = feature[node] as number;
        while (f >= 0) {
          node =
            base +
            ((data[row + f] as number) <= (threshold[node] as number)
              ? (left[node] as number)
              : (right[node] as number));
          f = feature[node] as number;
        }
        raw[out + i] = (raw[out + i] as number) + (value[node] as number);
      }
    }
    return raw;
  }

  /** Row-major class probabilities (n × K). */
  predictProba(X: Matrix): Float64Array {
    return probabilitiesOf(this.predictRaw(X), X.rows, this.flat.nClasses);
  }
}
