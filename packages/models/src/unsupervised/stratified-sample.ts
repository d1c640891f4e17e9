import type { Random } from "../random.ts";

/**
 * Positions 0..n−1 of a stratified random sample of `size` rows: sklearn
 * `StratifiedShuffleSplit(n_splits=1, train_size=size).split(X, y)`'s training indices. Each class gets its
 * proportional share rounded down, and the rows left over go to the classes with the largest remainders (ties
 * broken at random), as sklearn's `_approximate_mode`; each class's rows are then a random subset of it, and
 * the sample is returned in random order. Rows are not sklearn's (the generator is not numpy's); the protocol is.
 */
export function stratifiedSample(labels: ArrayLike<number>, size: number, rng: Random): Int32Array {
  const n = labels.length;
  if (!Number.isInteger(size) || size < 0 || size > n)
    throw new RangeError(`cannot sample ${size} of ${n} rows`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const counts = classes.map((c) => (byClass.get(c) as number[]).length);
  const shares = counts.map((count) => (count * size) / n);
  const take = shares.map(Math.floor);
  let left = size - take.reduce((a, b) => a + b, 0);
  // Largest remainder first; equal remainders in random order.
  const remainders = shares.map((s, i) => ({ i, r: s - (take[i] as number), tie: rng.nextFloat() }));
  remainders.sort((a, b) => b.r - a.r || a.tie - b.tie);
  for (const { i } of remainders) {
    if (left === 0) break;
    if ((take[i] as number) < (counts[i] as number)) {
      take[i] = (take[i] as number) + 1;
      left--;
    }
  }
  const out: number[] = [];
  classes.forEach((c, ci) => {
    const members = byClass.get(c) as number[];
    const chosen = rng.sample(members.length, take[ci] as number);
    for (const j of chosen) out.push(members[j] as number);
  });
  return rng.shuffle(Int32Array.from(out));
}
