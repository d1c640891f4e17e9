import type { Criterion } from "./options.ts";

/**
 * Impurity of the class weights `counts[offset .. offset + k)` with total `total`: Gini `1 − Σ p²` or entropy
 * `−Σ p log2 p` (sklearn's definitions; base 2 for entropy). 0 for an empty node.
 */
export function impurity(
  criterion: Criterion,
  counts: Float64Array,
  offset: number,
  k: number,
  total: number,
): number {
  if (total <= 0) return 0;
  if (criterion === "gini") {
    let sq = 0;
    for (let c = 0; c < k; c++) {
      const v = counts[offset + c] as number;
      sq += v * v;
    }
    return 1 - sq / (total * total);
  }
  let h = 0;
  for (let c = 0; c < k; c++) {
    const v = counts[offset + c] as number;
    if (v > 0) {
      const p = v / total;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/** `x ln x`, with 0 ln 0 = 0: the entropy proxy's building block. */
export function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}
