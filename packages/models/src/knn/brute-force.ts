import type { Matrix } from "../matrix.ts";
import { Candidates, emptyNeighbors, type Neighbors } from "./neighbors.ts";

/**
 * Exact k nearest neighbours by scanning every training row for each query (sklearn's
 * `algorithm="brute"`), with early termination: a row's squared distance is abandoned as soon as its partial
 * sum exceeds the current k-th best, which is exact because partial sums of squares only grow. Ties follow
 * `closer`. Costs O(nQueries · nTrain · d) in the worst case; the KD-tree is far faster at low d.
 */
export function bruteForceNeighbors(train: Matrix, queries: Matrix, k: number): Neighbors {
  const { data: P, rows: n, cols: d } = train;
  const { data: Q, rows: m } = queries;
  if (queries.cols !== d) throw new RangeError(`queries have ${queries.cols} columns, training rows ${d}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be in [1, ${n}], got ${k}`);
  for (let i = 0; i < Q.length; i++) {
    if (Number.isNaN(Q[i] as number)) throw new RangeError(`queries have NaN at ${i}`);
  }
  for (let i = 0; i < P.length; i++) {
    if (Number.isNaN(P[i] as number)) throw new RangeError(`training rows have NaN at ${i}`);
  }
  const out = emptyNeighbors(m, k);
  const best = new Candidates(k);
  for (let q = 0; q < m; q++) {
    best.reset();
    const qo = q * d;
    let worst = best.worst;
    for (let p = 0; p < n; p++) {
      const po = p * d;
      let s = 0;
      let j = 0;
      for (; j < d; j++) {
        const diff = (Q[qo + j] as number) - (P[po + j] as number);
        s += diff * diff;
        if (s > worst) break;
      }
      if (j === d) {
        best.offer(s, p);
        worst = best.worst;
      }
    }
    best.writeTo(out, q);
  }
  return out;
}
