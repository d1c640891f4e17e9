import type { BinnedRows } from "./binned-rows.ts";

/**
 * One regression tree of a boosted ensemble as flat arrays, nodes in the order they were created (root 0).
 * Node i is a leaf when `feature[i] === -1`; otherwise a row goes left when its bin of `feature[i]` is at
 * most `bin[i]` (equivalently, its value is at most the binning's threshold of that bin), else right.
 * `value` holds each leaf's contribution to the raw score, already scaled by the learning rate.
 */
export interface GradientTreeArrays {
  feature: Int32Array;
  bin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** Split gain summed per feature (for importances). */
  gains: Float64Array;
}

export interface GradientTreeParams {
  /** Leaves per tree at most (sklearn `max_leaf_nodes`, 31). */
  maxLeafNodes: number;
  /** Depth limit, or null for none (sklearn `max_depth`). */
  maxDepth: number | null;
  /** Rows per leaf at least (sklearn `min_samples_leaf`, 20). */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values (sklearn `l2_regularization`, 0). */
  l2: number;
  /** Hessian sum per child at least (sklearn's `min_hessian_to_split`, 1e-3). */
  minHessianToSplit: number;
  /** Leaf values are multiplied by this (sklearn `learning_rate`, 0.1). */
  learningRate: number;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  /** Gradient and hessian sums of the rows going left (the right child's are the node's minus these). */
  leftGradient: number;
  leftHessian: number;
}

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  gradient: number;
  hessian: number;
  hist: Float64Array;
  split: Split | null;
}

/** Slots per histogram bin: gradient sum, hessian sum, row count. */
const SLOTS = 3;

/**
 * Grows gradient trees leaf by leaf (best first, as scikit-learn's `HistGradientBoosting*` and LightGBM do) on
 * binned rows. Each node's histogram holds every feature's bins; only the smaller child of a split is
 * summed row by row, the larger is the parent's histogram minus the smaller's. A grower owns its work arrays
 * and is reused for every tree of one fit (one per thread).
 */
export class GradientTreeGrower {
  readonly #data: BinnedRows;
  readonly #params: GradientTreeParams;
  readonly #partition: Uint32Array;
  readonly #scratch: Uint32Array;
  readonly #pool: Float64Array[] = [];
  readonly #featureOf: Int32Array;

  constructor(data: BinnedRows, params: GradientTreeParams) {
    this.#data = data;
    this.#params = params;
    this.#partition = new Uint32Array(data.rows);
    this.#scratch = new Uint32Array(data.rows);
    const total = data.offsets[data.cols] as number;
    this.#featureOf = new Int32Array(total);
    for (let f = 0; f < data.cols; f++) {
      for (let b = data.offsets[f] as number; b < (data.offsets[f + 1] as number); b++)
        this.#featureOf[b] = f;
    }
  }

  #histogram(): Float64Array {
    return this.#pool.pop() ?? new Float64Array((this.#data.offsets[this.#data.cols] as number) * SLOTS);
  }

  /** Sums gradients, hessians and counts per bin over the partition's rows start..end−1. */
  #fill(hist: Float64Array, start: number, end: number, g: Float32Array, h: Float32Array): void {
    hist.fill(0);
    const { codes, cols } = this.#data;
    const part = this.#partition;
    for (let j = start; j < end; j++) {
      const i = part[j] as number;
      const gi = g[i] as number;
      const hi = h[i] as number;
      const base = i * cols;
      for (let f = 0; f < cols; f++) {
        const o = (codes[base + f] as number) * SLOTS;
        hist[o] = (hist[o] as number) + gi;
        hist[o + 1] = (hist[o + 1] as number) + hi;
        hist[o + 2] = (hist[o + 2] as number) + 1;
      }
    }
  }

  /** The best split of a node (largest gain above 0; ties keep the lower feature, then the lower bin). */
  #bestSplit(node: OpenNode): Split | null {
    const p = this.#params;
    const count = node.end - node.start;
    if (count < 2 * p.minSamplesLeaf) return null;
    if (p.maxDepth !== null && node.depth >= p.maxDepth) return null;
    if (node.hessian < 2 * p.minHessianToSplit) return null;
    const { offsets, cols } = this.#data;
    const hist = node.hist;
    const G = node.gradient;
    const H = node.hessian;
    const l2 = p.l2;
    const parent = (G * G) / (H + l2);
    let best: Split | null = null;
    let bestGain = 0;
    for (let f = 0; f < cols; f++) {
      const last = (offsets[f + 1] as number) - 1;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = offsets[f] as number; b < last; b++) {
        const o = b * SLOTS;
        gl += hist[o] as number;
        hl += hist[o + 1] as number;
        cl += hist[o + 2] as number;
        if (cl < p.minSamplesLeaf || hl < p.minHessianToSplit) continue;
        if (count - cl < p.minSamplesLeaf) break;
        const hr = H - hl;
        if (hr < p.minHessianToSplit) break;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { gain, feature: f, bin: b - (offsets[f] as number), leftGradient: gl, leftHessian: hl };
        }
      }
    }
    return best;
  }

  /**
   * Grows one tree on gradients `g` and hessians `h` (one per training row) and adds each leaf's value to
   * `raw` at every training row (the training rows' raw scores of this tree's class). With `sample`, the tree
   * grows on those rows only (ascending indices, e.g. GOSS's), and every row is then sent down the tree.
   */
  grow(
    g: Float32Array,
    h: Float32Array,
    raw: Float64Array,
    sample?: { rows: Uint32Array; count: number },
  ): GradientTreeArrays {
    const p = this.#params;
    const { cols, codes, offsets } = this.#data;
    const part = this.#partition;
    const n = sample ? sample.count : this.#data.rows;
    if (sample) part.set(sample.rows.subarray(0, n));
    else for (let i = 0; i < n; i++) part[i] = i;
    let G = 0;
    let H = 0;
    for (let j = 0; j < n; j++) {
      const i = part[j] as number;
      G += g[i] as number;
      H += h[i] as number;
    }
    const feature: number[] = [-1];
    const bin: number[] = [0];
    const left: number[] = [-1];
    const right: number[] = [-1];
    const value: number[] = [0];
    const gains = new Float64Array(cols);
    const root: OpenNode = {
      id: 0,
      start: 0,
      end: n,
      depth: 0,
      gradient: G,
      hessian: H,
      hist: this.#histogram(),
      split: null,
    };
    this.#fill(root.hist, 0, n, g, h);
    root.split = this.#bestSplit(root);
    const open: OpenNode[] = [root];
    let nLeaves = 1;
    while (nLeaves < p.maxLeafNodes) {
      // The open leaf with the largest gain (the first such, so ties resolve by creation order).
      let pick = -1;
      for (let c = 0; c < open.length; c++) {
        const s = (open[c] as OpenNode).split;
        if (s && (pick < 0 || s.gain > ((open[pick] as OpenNode).split as Split).gain)) pick = c;
      }
      if (pick < 0) break;
      const node = open[pick] as OpenNode;
      open.splice(pick, 1);
      const split = node.split as Split;
      gains[split.feature] = (gains[split.feature] as number) + split.gain;
      // Partition the node's rows: those going left stay in order at the front, the rest follow in order.
      const threshold = (offsets[split.feature] as number) + split.bin;
      const scratch = this.#scratch;
      let l = node.start;
      let r = 0;
      for (let j = node.start; j < node.end; j++) {
        const i = part[j] as number;
        if ((codes[i * cols + split.feature] as number) <= threshold) part[l++] = i;
        else scratch[r++] = i;
      }
      part.set(scratch.subarray(0, r), l);
      const children: OpenNode[] = [];
      for (const [start, end] of [
        [node.start, l],
        [l, node.end],
      ] as const) {
        const id = feature.length;
        feature.push(-1);
        bin.push(0);
        left.push(-1);
        right.push(-1);
        value.push(0);
        children.push({
          id,
          start,
          end,
          depth: node.depth + 1,
          gradient: 0,
          hessian: 0,
          hist: this.#histogram(),
          split: null,
        });
      }
      const [a, b] = children as [OpenNode, OpenNode];
      const [small, large] = a.end - a.start <= b.end - b.start ? [a, b] : [b, a];
      this.#fill(small.hist, small.start, small.end, g, h);
      const ph = node.hist;
      const sh = small.hist;
      const lh = large.hist;
      for (let o = 0; o < ph.length; o++) lh[o] = (ph[o] as number) - (sh[o] as number);
      this.#pool.push(ph);
      // Child sums come from the split search, as in sklearn: the left's found there, the right's the rest.
      a.gradient = split.leftGradient;
      a.hessian = split.leftHessian;
      b.gradient = node.gradient - split.leftGradient;
      b.hessian = node.hessian - split.leftHessian;
      for (const child of children) {
        child.split = this.#bestSplit(child);
        open.push(child);
      }
      feature[node.id] = split.feature;
      bin[node.id] = split.bin;
      left[node.id] = a.id;
      right[node.id] = b.id;
      nLeaves++;
    }
    // Every node still open is a leaf: its value is the Newton step −G / (H + λ), shrunk by the learning rate.
    for (const leaf of open) {
      const v = (-p.learningRate * leaf.gradient) / (leaf.hessian + p.l2 + 1e-15);
      value[leaf.id] = v;
      if (!sample) {
        for (let j = leaf.start; j < leaf.end; j++) {
          const i = part[j] as number;
          raw[i] = (raw[i] as number) + v;
        }
      }
      this.#pool.push(leaf.hist);
    }
    const tree = {
      feature: Int32Array.from(feature),
      bin: Int32Array.from(bin),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      gains,
    };
    // Rows outside the sample are in no leaf's range: score all of them by walking the tree.
    if (sample) addBinnedPredictions(tree, this.#data, raw);
    return tree;
  }
}

/** Adds a tree's leaf values to `raw` for binned rows (e.g. validation rows during early stopping). */
export function addBinnedPredictions(tree: GradientTreeArrays, data: BinnedRows, raw: Float64Array): void {
  const { codes, cols, offsets, rows } = data;
  const { feature, bin, left, right, value } = tree;
  for (let i = 0; i < rows; i++) {
    let node = 0;
    let f = feature[0] as number;
    while (f >= 0) {
      node =
        (codes[i * cols + f] as number) <= (offsets[f] as number) + (bin[node] as number)
          ? (left[node] as number)
          : (right[node] as number);
      f = feature[node] as number;
    }
    raw[i] = (raw[i] as number) + (value[node] as number);
  }
}
