import type { Matrix } from "../matrix.ts";
import { type BinnedFeatures, binFeatures, binOf } from "../tree/binning.ts";

/**
 * Rows binned for histogram boosting, row-major: `codes[i * cols + f]` is row i's bin of feature f *plus the
 * offset of feature f's first bin* in one histogram of all features. Row-major because a node's histogram
 * walks its rows (any subset, in any order): each row's codes then sit in one cache line. With the offsets
 * already added, the histogram update is a single indexed add per feature.
 */
export interface BinnedRows {
  codes: Uint16Array;
  rows: number;
  cols: number;
  /** Start of each feature's bins in the joint histogram; `offsets[cols]` is the total number of bins. */
  offsets: Int32Array;
}

/** The joint-histogram offsets of a binning: feature f's bins start after all bins of features < f. */
export function binOffsets(nBins: Int32Array): Int32Array {
  const offsets = new Int32Array(nBins.length + 1);
  for (let f = 0; f < nBins.length; f++) offsets[f + 1] = (offsets[f] as number) + (nBins[f] as number);
  return offsets;
}

/**
 * Bins the training rows (the cuts of `binFeatures`: one bin per distinct value up to `maxBins`, else
 * quantiles) and returns both the binning, whose thresholds turn a bin split into a real-valued split, and the
 * row-major codes.
 */
export function binTrainingRows(
  X: Matrix,
  maxBins: number,
  codes?: Uint16Array,
): { binning: BinnedFeatures; rows: BinnedRows } {
  const binning = binFeatures(X, maxBins);
  const offsets = binOffsets(binning.nBins);
  const out = codes ?? new Uint16Array(X.rows * X.cols);
  const { rows: n, cols } = X;
  for (let f = 0; f < cols; f++) {
    const column = binning.codes.subarray(f * n, (f + 1) * n);
    const offset = offsets[f] as number;
    for (let i = 0; i < n; i++) out[i * cols + f] = (column[i] as number) + offset;
  }
  return { binning, rows: { codes: out, rows: n, cols, offsets } };
}

/** Bins other rows (validation) with the training rows' thresholds. */
export function binOtherRows(X: Matrix, binning: BinnedFeatures, codes?: Uint16Array): BinnedRows {
  const offsets = binOffsets(binning.nBins);
  const out = codes ?? new Uint16Array(X.rows * X.cols);
  const { rows: n, cols, data } = X;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < cols; f++) {
      const x = data[i * cols + f] as number;
      if (Number.isNaN(x)) throw new Error(`feature ${f} has NaN at row ${i}; boosting needs complete data`);
      out[i * cols + f] = binOf(binning.thresholds[f] as Float64Array, x) + (offsets[f] as number);
    }
  }
  return { codes: out, rows: n, cols, offsets };
}
