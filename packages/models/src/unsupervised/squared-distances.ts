/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (both row-major with `d` columns). */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let f = 0; f < d; f++) {
    const t = (a[ai + f] as number) - (b[bj + f] as number);
    s += t * t;
  }
  return s;
}

/**
 * Labels of the nearest of `k` centres for each of the `n` rows of X (first centre on ties, as sklearn), with
 * the squared distance to it written to `distances` when given.
 */
export function assignNearest(
  X: Float64Array,
  n: number,
  d: number,
  centres: Float64Array,
  k: number,
  labels: Int32Array,
  distances?: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const dist = squaredDistance(X, i, centres, c, d);
      if (dist < bestD) {
        bestD = dist;
        best = c;
      }
    }
    labels[i] = best;
    if (distances) distances[i] = bestD;
  }
}
