import type { Random } from "../random.ts";
import { squaredDistance } from "./squared-distances.ts";

/**
 * Initial centres by greedy k-means++: sklearn's `_kmeans_plusplus` (Arthur & Vassilvitskii 2007, with the
 * greedy refinement sklearn uses). The first centre is a uniformly random row; each further centre is the best,
 * by resulting potential (sum of squared distances to the nearest centre), of 2 + ⌊ln k⌋ candidates drawn with
 * probability proportional to the current squared distance. Returns the centres (row-major k × d) and the row
 * index each was taken from.
 */
export function kmeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: Random,
): { centres: Float64Array; indices: Int32Array } {
  if (k < 1 || k > n) throw new RangeError(`cannot choose ${k} centres from ${n} rows`);
  const trials = 2 + Math.floor(Math.log(k));
  const centres = new Float64Array(k * d);
  const indices = new Int32Array(k);
  const first = rng.nextInt(n);
  indices[0] = first;
  centres.set(X.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(X, i, centres, 0, d);
    potential += closest[i] as number;
  }
  const cumulative = new Float64Array(n);
  const candidate = new Float64Array(n);
  const bestDistances = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += closest[i] as number;
      cumulative[i] = running;
    }
    let bestIndex = -1;
    let bestPotential = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) {
      // np.searchsorted(cumsum, u · potential) (left side), clipped to n − 1.
      const target = rng.nextFloat() * potential;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] as number) < target) lo = mid + 1;
        else hi = mid;
      }
      const index = Math.min(lo, n - 1);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i] as number, squaredDistance(X, i, X, index, d));
        candidate[i] = dist;
        pot += dist;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestIndex = index;
        bestDistances.set(candidate);
      }
    }
    indices[c] = bestIndex;
    centres.set(X.subarray(bestIndex * d, bestIndex * d + d), c * d);
    closest.set(bestDistances);
    potential = bestPotential;
  }
  return { centres, indices };
}
