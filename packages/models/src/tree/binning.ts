import type { Matrix } from "../matrix.ts";

/**
 * Features discretised once for tree growing: `codes[f * rows + i]` is the bin of row i in feature f
 * (column-major, so a node's histogram for one feature walks one contiguous column). Bin b of feature f
 * holds the values x with `thresholds[f][b - 1] < x <= thresholds[f][b]`, so the split "bin ≤ b" is the
 * real-valued split "x ≤ thresholds[f][b]", and a tree can predict on raw values.
 */
export interface BinnedFeatures {
  codes: Uint8Array;
  rows: number;
  cols: number;
  /** Per feature, the bins' upper edges (all but the last bin's): midpoints between consecutive distinct values. */
  thresholds: Float64Array[];
  /** Per feature, the number of bins (`thresholds[f].length + 1`). */
  nBins: Int32Array;
  /** Per feature and bin, the smallest and largest training value in the bin (split thresholds are midpoints of these). */
  lower: Float64Array[];
  upper: Float64Array[];
  /** Per feature, whether every distinct value got its own bin (splits are then exactly sklearn's candidates). */
  exact: boolean[];
}

/** sklearn's FEATURE_THRESHOLD: values closer than this are treated as equal when looking for split points. */
export const FEATURE_THRESHOLD = 1e-7;

/** The largest number of bins a feature may have: codes are bytes. */
export const MAX_BINS = 256;

/**
 * Bins each column of `X`. A feature with at most `maxBins` distinct values gets one bin per value, so
 * thresholds are all the midpoints sklearn would try; otherwise the cuts fall at the distinct-value
 * boundaries nearest to `maxBins` equal-frequency quantiles (a subset of the exact candidates).
 * @param codes optional buffer to write codes into (e.g. backed by a SharedArrayBuffer), `rows × cols` bytes.
 */
export function binFeatures(X: Matrix, maxBins = 255, codes?: Uint8Array): BinnedFeatures {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new RangeError(`maxBins must be an integer in [2, ${MAX_BINS}], got ${maxBins}`);
  }
  const { rows, cols, data } = X;
  const out = codes ?? new Uint8Array(rows * cols);
  if (out.length !== rows * cols)
    throw new Error(`codes buffer has ${out.length} bytes, expected ${rows * cols}`);
  const thresholds: Float64Array[] = [];
  const nBins = new Int32Array(cols);
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  const exact: boolean[] = [];
  const column = new Float64Array(rows);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + f] as number;
      if (Number.isNaN(v)) throw new Error(`feature ${f} has NaN at row ${i}; trees need complete data`);
      column[i] = v;
    }
    const t = cutPoints(column.slice().sort(), maxBins);
    thresholds.push(t.thresholds);
    lower.push(t.lower);
    upper.push(t.upper);
    exact.push(t.exact);
    nBins[f] = t.thresholds.length + 1;
    const base = f * rows;
    for (let i = 0; i < rows; i++) out[base + i] = binOf(t.thresholds, column[i] as number);
  }
  return { codes: out, rows, cols, thresholds, nBins, lower, upper, exact };
}

/** The bin of `x`: the number of thresholds strictly below it (binary search). */
export function binOf(thresholds: Float64Array, x: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((thresholds[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** sklearn's threshold between consecutive distinct values a < b: their midpoint, or a if that rounds up to b. */
export function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m === b || m === Number.POSITIVE_INFINITY || m === Number.NEGATIVE_INFINITY ? a : m;
}

interface Cuts {
  thresholds: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  exact: boolean;
}

function cutPoints(sorted: Float64Array, maxBins: number): Cuts {
  const n = sorted.length;
  // Groups of "equal" values (consecutive sorted values within FEATURE_THRESHOLD, as sklearn compares them),
  // with each group's first and last value and how many rows are ≤ its last value.
  const first: number[] = [];
  const last: number[] = [];
  const cumulative: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = sorted[i] as number;
    const g = last.length - 1;
    if (g < 0 || v > (last[g] as number) + FEATURE_THRESHOLD) {
      first.push(v);
      last.push(v);
      cumulative.push(i + 1);
    } else {
      last[g] = v;
      cumulative[g] = i + 1;
    }
  }
  const groups = first.length;
  // A cut after group c puts groups ≤ c in one bin range and the rest above.
  let cuts: number[];
  const exact = groups <= maxBins;
  if (exact) {
    cuts = [];
    for (let c = 0; c + 1 < groups; c++) cuts.push(c);
  } else {
    // Cut after the first group whose cumulative count reaches each j/maxBins quantile.
    cuts = [];
    let u = 0;
    for (let j = 1; j < maxBins; j++) {
      const target = (j * n) / maxBins;
      while (u < groups - 1 && (cumulative[u] as number) < target) u++;
      if (u >= groups - 1) break;
      if (cuts.length === 0 || (cuts[cuts.length - 1] as number) < u) cuts.push(u);
    }
  }
  const bins = cuts.length + 1;
  const thresholds = new Float64Array(cuts.length);
  const lower = new Float64Array(bins);
  const upper = new Float64Array(bins);
  let start = 0;
  for (let b = 0; b < bins; b++) {
    const end = b < cuts.length ? (cuts[b] as number) : groups - 1;
    lower[b] = first[start] as number;
    upper[b] = last[end] as number;
    if (b < cuts.length) thresholds[b] = midpoint(last[end] as number, first[end + 1] as number);
    start = end + 1;
  }
  return { thresholds, lower, upper, exact };
}
