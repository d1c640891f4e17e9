import type { Random } from "../random.ts";

export interface SilhouetteOptions {
  /** Score only these rows (distances among them alone), as sklearn does with its random subsample. */
  indices?: ArrayLike<number>;
  /** Or draw this many distinct rows with `rng` (sklearn's `sample_size` and `random_state`). */
  sampleSize?: number;
  rng?: Random;
}

/**
 * The silhouette coefficient (b − a) / max(a, b) of each scored row under Euclidean distance, as sklearn's
 * `silhouette_samples(X[indices], labels[indices])`: a is the mean distance to the other members of the
 * row's cluster, b the smallest mean distance to another cluster's members; a row alone in its cluster
 * scores 0. X is row-major n × `dims`; labels are arbitrary integer cluster ids. O(m² · dims) for m rows,
 * so pass a subsample for large data. Throws unless 2 ≤ clusters ≤ m − 1, as sklearn.
 */
export function silhouetteSamples(
  X: Float64Array | Float32Array,
  dims: number,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
): Float64Array {
  const n = labels.length;
  if (X.length !== n * dims) throw new RangeError(`X has ${X.length} values, not ${n} × ${dims}`);
  const rows = chooseRows(n, options);
  const m = rows.length;

  const points = new Float64Array(m * dims);
  const codes = new Int32Array(m);
  const codeOf = new Map<number, number>();
  for (let r = 0; r < m; r++) {
    const i = rows[r] as number;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`row index ${i} out of range`);
    for (let f = 0; f < dims; f++) points[r * dims + f] = X[i * dims + f] as number;
    const label = labels[i] as number;
    let code = codeOf.get(label);
    if (code === undefined) {
      code = codeOf.size;
      codeOf.set(label, code);
    }
    codes[r] = code;
  }
  const k = codeOf.size;
  if (k < 2 || k > m - 1) {
    throw new RangeError(`the number of clusters is ${k}; valid values are 2 to n_samples - 1 (${m - 1})`);
  }
  const sizes = new Float64Array(k);
  for (const c of codes) sizes[c] = (sizes[c] as number) + 1;

  // sums[r * k + c]: total distance from row r to the members of cluster c.
  const sums = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    const cr = codes[r] as number;
    for (let s = r + 1; s < m; s++) {
      let d2 = 0;
      for (let f = 0; f < dims; f++) {
        const d = (points[r * dims + f] as number) - (points[s * dims + f] as number);
        d2 += d * d;
      }
      const d = Math.sqrt(d2);
      const rs = r * k + (codes[s] as number);
      const sr = s * k + cr;
      sums[rs] = (sums[rs] as number) + d;
      sums[sr] = (sums[sr] as number) + d;
    }
  }

  const out = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const own = codes[r] as number;
    const size = sizes[own] as number;
    if (size === 1) continue; // sklearn: 0/0 is NaN, then nan_to_num gives 0
    const a = (sums[r * k + own] as number) / (size - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c !== own) b = Math.min(b, (sums[r * k + c] as number) / (sizes[c] as number));
    }
    const denominator = Math.max(a, b);
    out[r] = denominator === 0 ? 0 : (b - a) / denominator;
  }
  return out;
}

/** The mean of {@link silhouetteSamples}: sklearn's `silhouette_score(X, labels, metric="euclidean")`. */
export function silhouetteScore(
  X: Float64Array | Float32Array,
  dims: number,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
): number {
  const values = silhouetteSamples(X, dims, labels, options);
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function chooseRows(n: number, { indices, sampleSize, rng }: SilhouetteOptions): ArrayLike<number> {
  if (indices !== undefined) return indices;
  if (sampleSize !== undefined) {
    if (rng === undefined) throw new TypeError("sampleSize needs an rng");
    return rng.sample(n, sampleSize);
  }
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}
