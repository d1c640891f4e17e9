import { sameLength } from "./labels.ts";

/**
 * The adjusted Rand index of two partitions of the same samples: sklearn's `adjusted_rand_score`.
 * Labels are arbitrary integers (cluster ids need not be 0..K-1). Computed, as sklearn does, from the pair
 * confusion matrix (pairs together in both, in one only, in neither) in exact BigInt arithmetic:
 * ARI = 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), and 1 when fn = fp = 0
 * (identical partitions, including the degenerate all-one-cluster and all-singletons cases).
 */
export function adjustedRandIndex(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const n = sameLength(labelsTrue, labelsPred, "labelsTrue and labelsPred");
  const rows = denseCodes(labelsTrue);
  const cols = denseCodes(labelsPred);
  const contingency = new Map<number, number>();
  const rowSums = new Float64Array(rows.count);
  const colSums = new Float64Array(cols.count);
  for (let i = 0; i < n; i++) {
    const r = rows.codes[i] as number;
    const c = cols.codes[i] as number;
    const key = r * cols.count + c;
    contingency.set(key, (contingency.get(key) ?? 0) + 1);
    rowSums[r] = (rowSums[r] as number) + 1;
    colSums[c] = (colSums[c] as number) + 1;
  }
  let sumSquares = 0n;
  for (const v of contingency.values()) sumSquares += BigInt(v) * BigInt(v);
  let rowSquares = 0n;
  for (const v of rowSums) rowSquares += BigInt(v) * BigInt(v);
  let colSquares = 0n;
  for (const v of colSums) colSquares += BigInt(v) * BigInt(v);
  const N = BigInt(n);
  // Ordered pairs, as sklearn's pair_confusion_matrix.
  const tp = sumSquares - N;
  const fp = colSquares - sumSquares;
  const fn = rowSquares - sumSquares;
  const tn = N * N - fp - fn - sumSquares;
  if (fn === 0n && fp === 0n) return 1;
  const numerator = 2n * (tp * tn - fn * fp);
  const denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
  // Each side rounds to the nearest double, as sklearn's Python-int arithmetic does.
  return Number(numerator) / Number(denominator);
}

/** Dense codes 0..count-1 for arbitrary labels, in order of first appearance. */
function denseCodes(labels: ArrayLike<number>): { codes: Int32Array; count: number } {
  const index = new Map<number, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number;
    let code = index.get(v);
    if (code === undefined) {
      code = index.size;
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, count: index.size };
}
