import type { Matrix } from "../matrix.ts";
import { Random } from "../random.ts";
import { kmeansPlusPlus } from "./kmeans-plus-plus.ts";
import { assignNearest, squaredDistance } from "./squared-distances.ts";

// Written here rather than taken from `ml-kmeans`: that package works on arrays of arrays (a 20,000 × 34 copy
// per call), seeds its k-means++ differently from sklearn (no greedy candidate trials) and has no n_init,
// sklearn's tolerance scaling or empty-cluster relocation. Lloyd's algorithm is forty lines on Float64Arrays.

export interface KMeansOptions {
  nClusters: number;
  /** Independent k-means++ starts; the lowest inertia wins (sklearn `n_init`; 1 is sklearn ≥ 1.4's "auto"). */
  nInit?: number;
  /** Lloyd iterations per start (sklearn `max_iter`, 300). */
  maxIter?: number;
  /** Relative tolerance: stop when the total squared centre shift ≤ tol · mean feature variance (sklearn `tol`, 1e-4). */
  tol?: number;
  /** Seed of the generator for the starts (sklearn `random_state`). */
  seed?: number;
}

export interface KMeansFit {
  /** Row-major nClusters × d centres (`cluster_centers_`). */
  centres: Matrix;
  /** Cluster of each training row (`labels_`). */
  labels: Int32Array;
  /** Sum of squared distances of rows to their centre (`inertia_`). */
  inertia: number;
  /** Lloyd iterations of the winning start (`n_iter_`). */
  iterations: number;
  /** Inertia of every start, in order. */
  inertias: number[];
}

/**
 * sklearn `KMeans(n_clusters, init="k-means++", n_init, max_iter, tol, random_state, algorithm="lloyd").fit(X)`:
 * for each start, greedy k-means++ centres then Lloyd iterations (assign each row to its nearest centre, move
 * each centre to its members' mean) until the labels stop changing or the centres move less than the
 * tolerance; an emptied cluster is moved to the row farthest from its centre, as sklearn relocates empty
 * clusters. Starts draw from `new Random(seed)` in turn, so a seed gives the same fit every time (not
 * sklearn's numbers: the generator is not numpy's).
 */
export function fitKMeans(X: Matrix, options: KMeansOptions): KMeansFit {
  const { rows: n, cols: d, data } = X;
  const k = options.nClusters;
  const nInit = options.nInit ?? 1;
  const maxIter = options.maxIter ?? 300;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new RangeError(`nClusters must be in [1, ${n}], got ${k}`);
  const tol = (options.tol ?? 1e-4) * meanVariance(X);
  const rng = new Random(options.seed ?? 0);
  let best: KMeansFit | undefined;
  const inertias: number[] = [];
  for (let run = 0; run < nInit; run++) {
    const { centres } = kmeansPlusPlus(data, n, d, k, rng);
    const fit = lloyd(data, n, d, k, centres, maxIter, tol);
    inertias.push(fit.inertia);
    if (!best || fit.inertia < best.inertia) best = { ...fit, inertias };
  }
  return best as KMeansFit;
}

/** Labels of new rows: the nearest fitted centre (sklearn `KMeans.predict`). */
export function kmeansPredict(fit: KMeansFit, X: Matrix): Int32Array {
  const labels = new Int32Array(X.rows);
  assignNearest(X.data, X.rows, X.cols, fit.centres.data, fit.centres.rows, labels);
  return labels;
}

function meanVariance(X: Matrix): number {
  const { rows: n, cols: d, data } = X;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + j] as number;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((data[i * d + j] as number) - mean) ** 2;
    total += v / n;
  }
  return total / d;
}

function lloyd(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  initial: Float64Array,
  maxIter: number,
  tol: number,
): Omit<KMeansFit, "inertias"> {
  let centres: Float64Array = initial;
  let next: Float64Array = new Float64Array(k * d);
  const labels = new Int32Array(n).fill(-1);
  const previous = new Int32Array(n);
  const distances = new Float64Array(n);
  const counts = new Float64Array(k);
  let iterations = 0;
  let strict = false;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    previous.set(labels);
    assignNearest(X, n, d, centres, k, labels, distances);
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let f = 0; f < d; f++) next[c * d + f] = (next[c * d + f] as number) + (X[i * d + f] as number);
    }
    relocateEmpty(X, d, k, labels, distances, counts, next);
    for (let c = 0; c < k; c++) {
      const m = counts[c] as number;
      for (let f = 0; f < d; f++) next[c * d + f] = (next[c * d + f] as number) / m;
    }
    let shift = 0;
    for (let j = 0; j < k * d; j++) shift += ((next[j] as number) - (centres[j] as number)) ** 2;
    [centres, next] = [next, centres];
    if (labels.every((l, i) => l === previous[i])) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
  }
  // As sklearn: unless the labels settled, relabel once more so they match the final centres.
  if (!strict) assignNearest(X, n, d, centres, k, labels, distances);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(X, i, centres, labels[i] as number, d);
  return { centres: { data: centres, rows: k, cols: d }, labels, inertia, iterations };
}

/**
 * sklearn's `_relocate_empty_clusters`: each empty cluster takes one of the rows farthest from their centre
 * (largest squared distance first), which leaves its old cluster's sums.
 */
function relocateEmpty(
  X: Float64Array,
  d: number,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
  counts: Float64Array,
  sums: Float64Array,
): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const far = Array.from(distances.keys())
    .sort((a, b) => (distances[b] as number) - (distances[a] as number) || a - b)
    .slice(0, empty.length);
  empty.forEach((c, e) => {
    const i = far[e] as number;
    const old = labels[i] as number;
    counts[old] = (counts[old] as number) - 1;
    counts[c] = 1;
    for (let f = 0; f < d; f++) {
      sums[old * d + f] = (sums[old * d + f] as number) - (X[i * d + f] as number);
      sums[c * d + f] = X[i * d + f] as number;
    }
    labels[i] = c;
    distances[i] = 0;
  });
}
