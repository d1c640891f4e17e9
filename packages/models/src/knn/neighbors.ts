/**
 * The k nearest training rows of each query row, row-major nQueries × k, nearest first: what sklearn's
 * `kneighbors(X, n_neighbors=k)` returns as `(distances, indices)`.
 */
export interface Neighbors {
  k: number;
  /** Training-row indices. */
  indices: Int32Array;
  /** Euclidean distances (square roots of the squared distances the search compares). */
  distances: Float64Array;
}

/**
 * The order every search here uses, so that all algorithms return the same neighbours: by squared distance
 * Σⱼ (qⱼ − pⱼ)² — summed over j in column order, so the same doubles whichever algorithm computes it — and,
 * among equal distances, by smaller training index (what a stable sort of the distances gives).
 *
 * sklearn guarantees no particular order among equal distances (its KD-tree keeps whichever tied point its
 * traversal meets first; its brute force computes ‖q‖² − 2q·p + ‖p‖², whose rounding reorders near-ties),
 * so on data with duplicated rows — common in the Spotify tracks — the k-th neighbour, and rarely the vote,
 * may differ from sklearn's.
 */
export function closer(d: number, i: number, worstD: number, worstI: number): boolean {
  return d < worstD || (d === worstD && i < worstI);
}

/**
 * A sorted candidate list of the k best (distance², index) pairs for one query; insertion keeps it sorted by
 * `closer`. k is small (5 in the seed), so insertion into an array beats a heap.
 */
export class Candidates {
  readonly k: number;
  readonly d2: Float64Array;
  readonly index: Int32Array;

  constructor(k: number) {
    this.k = k;
    this.d2 = new Float64Array(k);
    this.index = new Int32Array(k);
    this.reset();
  }

  reset(): void {
    this.d2.fill(Number.POSITIVE_INFINITY);
    this.index.fill(0x7fffffff);
  }

  /** The current k-th (worst) squared distance: a point farther than this cannot enter. */
  get worst(): number {
    return this.d2[this.k - 1] as number;
  }

  /** Inserts (d2, i) if it beats the current k-th candidate. */
  offer(d2: number, i: number): void {
    const k = this.k;
    const D = this.d2;
    const I = this.index;
    if (!closer(d2, i, D[k - 1] as number, I[k - 1] as number)) return;
    let p = k - 1;
    while (p > 0 && closer(d2, i, D[p - 1] as number, I[p - 1] as number)) {
      D[p] = D[p - 1] as number;
      I[p] = I[p - 1] as number;
      p--;
    }
    D[p] = d2;
    I[p] = i;
  }

  /** Copies the list into row `q` of a Neighbors result (distances as square roots). */
  writeTo(out: Neighbors, q: number): void {
    const o = q * this.k;
    for (let m = 0; m < this.k; m++) {
      out.indices[o + m] = this.index[m] as number;
      out.distances[o + m] = Math.sqrt(this.d2[m] as number);
    }
  }
}

export function emptyNeighbors(nQueries: number, k: number): Neighbors {
  return { k, indices: new Int32Array(nQueries * k), distances: new Float64Array(nQueries * k) };
}
