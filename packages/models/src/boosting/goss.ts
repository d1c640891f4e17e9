import { Random } from "../random.ts";

/**
 * Gradient-based one-side sampling (GOSS, Ke et al., "LightGBM", NeurIPS 2017; LightGBM's `data_sample_strategy
 * = goss`): each tree grows on the rows with the largest gradients plus a random sample of the rest, whose
 * gradients and hessians are scaled up so their sums stay unbiased.
 *
 * Why here: on the 114 genres most rows of most classes' trees carry almost no gradient (pₖ ≈ 0, not class k),
 * and every iteration grows 114 trees, so a tree on a fifth of the rows costs a fraction of one on all of them
 * for nearly the same splits. Unlike LightGBM, which draws one sample per iteration from |g·h| summed over all
 * classes, each class draws its own from its own |g|: a class's informative rows are mostly its own.
 */
export interface GossOptions {
  /** Share of rows kept for the largest |gradient| (LightGBM `top_rate`, 0.2). */
  topRate: number;
  /** Share of all rows drawn at random from the rest (LightGBM `other_rate`, 0.1). */
  otherRate: number;
  /** Seed of the draws; the draw of (iteration, class) depends on nothing else, so not on the thread count. */
  seed: number;
}

/** LightGBM waits this many iterations (1 / learning rate) before sampling: the first trees see every row. */
export function gossStartIteration(learningRate: number): number {
  return Math.floor(1 / learningRate);
}

export function validateGoss(goss: GossOptions): void {
  const { topRate, otherRate, seed } = goss;
  if (!(topRate > 0 && otherRate > 0 && topRate + otherRate < 1))
    throw new RangeError(
      `GOSS needs topRate > 0, otherRate > 0 and topRate + otherRate < 1, got ${topRate}, ${otherRate}`,
    );
  if (!Number.isSafeInteger(seed)) throw new RangeError(`GOSS seed must be a safe integer, got ${seed}`);
}

/**
 * Chooses one tree's rows. Writes their indices, ascending, into `rows` and returns how many. The ⌈top·n⌉ rows of
 * largest |g| are all kept (ties at the cut resolved by row order); every other row is kept with probability
 * other·n / (n − top·n) and its g and h are multiplied in place by the inverse of that probability.
 * `magnitudes` and `draws` are scratch of length n.
 */
export function gossRows(
  g: Float32Array,
  h: Float32Array,
  goss: GossOptions,
  iteration: number,
  k: number,
  rows: Uint32Array,
  magnitudes: Float32Array,
  draws: Uint32Array,
): number {
  const n = g.length;
  const nTop = Math.min(n, Math.ceil(goss.topRate * n));
  const nRest = n - nTop;
  if (nRest === 0) {
    for (let i = 0; i < n; i++) rows[i] = i;
    return n;
  }
  for (let i = 0; i < n; i++) magnitudes[i] = Math.abs(g[i] as number);
  const { cut, above } = topCut(magnitudes, n, nTop);
  // One draw per row (row i's draw whether or not it is needed), into `draws`.
  new Random(drawSeed(goss.seed, iteration, k)).fillUint32(draws);
  // Rows strictly above the cut are all in; rows at the cut fill the remaining top places in row order.
  let atCut = nTop - above;
  // A 32-bit draw keeps its row when below keep · 2³² (a probability to 2⁻³²).
  const keepBelow = Math.min(2 ** 32, Math.round(((goss.otherRate * n) / nRest) * 2 ** 32));
  const scale = 2 ** 32 / keepBelow;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const m = Math.abs(g[i] as number);
    if (m > cut || (m === cut && atCut > 0)) {
      if (m === cut) atCut--;
      rows[count++] = i;
    } else if ((draws[i] as number) < keepBelow) {
      g[i] = (g[i] as number) * scale;
      h[i] = (h[i] as number) * scale;
      rows[count++] = i;
    }
  }
  return count;
}

/** A seed for (seed, iteration, class): distinct integers for every iteration and class of one fit. */
function drawSeed(seed: number, iteration: number, k: number): bigint {
  return (BigInt(seed) << 40n) ^ (BigInt(iteration) << 16n) ^ BigInt(k);
}

/** The k-th largest of values[0..n−1] (k ≥ 1); reorders `values`. */
export function kthLargest(values: Float32Array, n: number, k: number): number {
  return topCut(values, n, k).cut;
}

/**
 * The k-th largest of values[0..n−1] (k ≥ 1) and how many values are strictly larger, by quickselect with a
 * median-of-three pivot (deterministic: no random pivots); reorders `values`. The count comes from the partition
 * itself: every value left of the final range is larger than every value in it.
 */
function topCut(values: Float32Array, n: number, k: number): { cut: number; above: number } {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo] as number;
    const b = values[mid] as number;
    const c = values[hi] as number;
    // The median of the three: max(min(a, b), min(max(a, b), c)).
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    // Three-way partition, descending: [lo, lt) > pivot, [lt, gt] = pivot, (gt, hi] < pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = values[i] as number;
      if (v > pivot) {
        values[i] = values[lt] as number;
        values[lt++] = v;
        i++;
      } else if (v < pivot) {
        values[i] = values[gt] as number;
        values[gt--] = v;
      } else i++;
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return { cut: pivot, above: lt };
  }
  return { cut: values[lo] as number, above: lo };
}
