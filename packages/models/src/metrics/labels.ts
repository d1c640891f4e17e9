/** Class labels: integer class indices 0..K-1, one per sample. */
export type Labels = ArrayLike<number>;

/** Per-class scores or probabilities, row-major n × K (row i holds sample i's K scores). */
export type Scores = Float64Array | Float32Array;

/** Throws unless the two arrays have the same length; returns that length. */
export function sameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what = "arrays"): number {
  if (a.length !== b.length) throw new RangeError(`${what} differ in length: ${a.length} and ${b.length}`);
  return a.length;
}

/** One more than the largest label in any of the arrays (0 when all are empty); checks every label. */
export function classCount(...arrays: Labels[]): number {
  let max = -1;
  for (const labels of arrays) {
    for (let i = 0; i < labels.length; i++) {
      const v = labels[i] as number;
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`label ${v} at ${i} is not a class index`);
      if (v > max) max = v;
    }
  }
  return max + 1;
}

/** Throws unless every label is an integer in [0, k). */
export function checkLabels(labels: Labels, k: number): void {
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= k) {
      throw new RangeError(`label ${v} at ${i} is not a class index in [0, ${k})`);
    }
  }
}

/** The number of columns K of an n × K score matrix, checking that its length is a multiple of n. */
export function scoreColumns(scores: Scores, n: number): number {
  if (n === 0) throw new RangeError("no samples");
  const k = scores.length / n;
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`scores of length ${scores.length} are not an n × K matrix for n = ${n}`);
  }
  return k;
}
