import { CategoryCounts } from "./category-counts.ts";

/** Each row's categories (e.g. its artists); an empty list means no category is known. */
export type RowKeys = readonly (readonly string[])[];

/**
 * Raw class counts behind each encoded row, before smoothing, so that several smoothing strengths can be
 * tried without recounting. Row r's counts are `counts[r·K … r·K+K)`, its class prior `priors[priorOf[r]]`.
 */
export interface RawEncoding {
  rows: number;
  nClasses: number;
  counts: Float64Array;
  /** Training rows behind each row's counts (0: none of its categories was seen, the estimate is the prior). */
  evidence: Float64Array;
  /** Class priors (each sums to 1), one per set of counting rows. */
  priors: Float64Array[];
  priorOf: Int32Array;
}

/** Class frequencies of the counted rows, as a distribution. */
export function classPrior(classTotals: Float64Array): Float64Array {
  let total = 0;
  for (const c of classTotals) total += c;
  if (total <= 0) throw new Error("no rows were counted: the class prior is undefined");
  const prior = new Float64Array(classTotals.length);
  for (let g = 0; g < prior.length; g++) {
    const c = classTotals[g] as number;
    if (c <= 0) throw new Error(`class ${g} has no counted rows: its prior would be 0`);
    prior[g] = c / total;
  }
  return prior;
}

/** Encodes `rows` with the counts of other rows (`counts`), e.g. validation or test rows with training counts. */
export function countRows(counts: CategoryCounts, keys: RowKeys, rows: ArrayLike<number>): RawEncoding {
  const K = counts.nClasses;
  const n = rows.length;
  const out = new Float64Array(n * K);
  const evidence = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    evidence[r] = counts.gather(keys[rows[r] as number] ?? [], out.subarray(r * K, (r + 1) * K));
  }
  return {
    rows: n,
    nClasses: K,
    counts: out,
    evidence,
    priors: [classPrior(counts.classTotals)],
    priorOf: new Int32Array(n),
  };
}

/**
 * Out-of-fold encoding of the rows `folded` (fold f(r) = `foldOf[r]` in 0..nFolds−1): row r is encoded with the
 * counts of `always` and of the folded rows outside its fold, never with its own label nor with any row of its
 * fold (so rows sharing a track can be kept out of each other's estimates by putting them in one fold).
 */
export function countOutOfFold(
  keys: RowKeys,
  labels: Int32Array,
  nClasses: number,
  always: ArrayLike<number>,
  folded: ArrayLike<number>,
  foldOf: Int32Array,
  nFolds: number,
): RawEncoding {
  if (foldOf.length !== folded.length) {
    throw new Error(`foldOf has ${foldOf.length} entries for ${folded.length} folded rows`);
  }
  const total = CategoryCounts.fit(keys, labels, always, nClasses);
  const perFold = Array.from({ length: nFolds }, () => new CategoryCounts(nClasses));
  for (let r = 0; r < folded.length; r++) {
    const f = foldOf[r] as number;
    if (!Number.isInteger(f) || f < 0 || f >= nFolds)
      throw new RangeError(`fold ${f} is not in 0..${nFolds - 1}`);
    const row = folded[r] as number;
    const rowKeys = keys[row] ?? [];
    total.add(rowKeys, labels[row] as number);
    (perFold[f] as CategoryCounts).add(rowKeys, labels[row] as number);
  }
  const K = nClasses;
  const n = folded.length;
  const out = new Float64Array(n * K);
  const evidence = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const rowKeys = keys[folded[r] as number] ?? [];
    const cell = out.subarray(r * K, (r + 1) * K);
    const own = perFold[foldOf[r] as number] as CategoryCounts;
    evidence[r] = total.gather(rowKeys, cell) + own.gather(rowKeys, cell, -1);
  }
  const priors = perFold.map((fold) => {
    const rest = Float64Array.from(total.classTotals, (c, g) => c - (fold.classTotals[g] as number));
    return classPrior(rest);
  });
  return { rows: n, nClasses: K, counts: out, evidence, priors, priorOf: Int32Array.from(foldOf) };
}

/**
 * Additive smoothing toward the prior: p_g = (c_g + α·π_g) / (n + α), with c the row's class counts, n their
 * sum and π the class prior. α is a number of pseudo-rows: a category seen n ≫ α times keeps its own
 * distribution, one seen rarely is pulled to the prior, and an unseen one gets the prior itself.
 */
export function smooth(raw: RawEncoding, alpha: number): Float64Array {
  if (!(alpha > 0) || !Number.isFinite(alpha))
    throw new RangeError(`alpha must be a positive number, got ${alpha}`);
  const K = raw.nClasses;
  const out = new Float64Array(raw.rows * K);
  for (let r = 0; r < raw.rows; r++) {
    const prior = raw.priors[raw.priorOf[r] as number] as Float64Array;
    const scale = 1 / ((raw.evidence[r] as number) + alpha);
    for (let g = 0; g < K; g++) {
      out[r * K + g] = ((raw.counts[r * K + g] as number) + alpha * (prior[g] as number)) * scale;
    }
  }
  return out;
}
