import type { Random } from "../random.ts";

/** One split of the samples: row indices to fit on and to score on, each ascending. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

export interface FoldOptions {
  /** Shuffle before splitting (sklearn's `shuffle=True`); needs `rng`. Default false. */
  shuffle?: boolean;
  rng?: Random;
}

/**
 * sklearn's `KFold(n_splits, shuffle).split`: the (optionally shuffled) indices 0..n-1 are cut into
 * `nSplits` consecutive test folds, the first n mod nSplits of them one larger; each fold's train set is
 * the rest. Test and train indices are returned in ascending order, as sklearn yields them.
 */
export function kFold(n: number, nSplits: number, { shuffle = false, rng }: FoldOptions = {}): Fold[] {
  checkSplits(n, nSplits);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) needRng(rng).shuffle(order);
  const testFold = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = Math.floor(n / nSplits) + (f < n % nSplits ? 1 : 0);
    for (let j = start; j < start + size; j++) testFold[order[j] as number] = f;
    start += size;
  }
  return foldsFromAssignment(testFold, nSplits);
}

/**
 * sklearn's `StratifiedKFold(n_splits, shuffle).split` (its algorithm since 0.22): classes are numbered in
 * order of first appearance; the sorted class codes are dealt round-robin to the folds to fix how many of
 * each class every fold gets; then, class by class, the fold numbers are assigned to that class's samples in
 * index order (shuffled first when `shuffle`). Without shuffling the folds equal sklearn's exactly.
 * Labels may be any values comparable with ===. Throws when every class is smaller than nSplits, as sklearn.
 */
export function stratifiedKFold(
  y: ArrayLike<number>,
  nSplits: number,
  { shuffle = false, rng }: FoldOptions = {},
): Fold[] {
  const n = y.length;
  checkSplits(n, nSplits);
  const codeOf = new Map<number, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    let c = codeOf.get(v);
    if (c === undefined) {
      c = codeOf.size;
      codeOf.set(v, c);
    }
    codes[i] = c;
  }
  const k = codeOf.size;
  const counts = new Int32Array(k);
  for (const c of codes) counts[c] = (counts[c] as number) + 1;
  if (counts.every((c) => c < nSplits)) {
    throw new RangeError(`n_splits=${nSplits} cannot be greater than the number of members in each class`);
  }

  // allocation[f * k + c]: samples of class c in fold f. Position p of the sorted codes goes to fold p mod nSplits.
  const allocation = new Int32Array(nSplits * k);
  let p = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < (counts[c] as number); j++, p++) {
      const cell = (p % nSplits) * k + c;
      allocation[cell] = (allocation[cell] as number) + 1;
    }
  }

  const testFold = new Int32Array(n);
  const next = new Int32Array(k); // how many of class c have been assigned so far
  const foldsForClass: Int32Array[] = [];
  for (let c = 0; c < k; c++) {
    const folds = new Int32Array(counts[c] as number);
    let j = 0;
    for (let f = 0; f < nSplits; f++) {
      for (let a = 0; a < (allocation[f * k + c] as number); a++) folds[j++] = f;
    }
    if (shuffle) needRng(rng).shuffle(folds);
    foldsForClass.push(folds);
  }
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    const j = next[c] as number;
    next[c] = j + 1;
    testFold[i] = (foldsForClass[c] as Int32Array)[j] as number;
  }
  return foldsFromAssignment(testFold, nSplits);
}

function foldsFromAssignment(testFold: Int32Array, nSplits: number): Fold[] {
  const n = testFold.length;
  const sizes = new Int32Array(nSplits);
  for (const f of testFold) sizes[f] = (sizes[f] as number) + 1;
  const folds: Fold[] = [];
  for (let f = 0; f < nSplits; f++) {
    const size = sizes[f] as number;
    const fold = { train: new Int32Array(n - size), test: new Int32Array(size) };
    let t = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (testFold[i] === f) fold.test[t++] = i;
      else fold.train[r++] = i;
    }
    folds.push(fold);
  }
  return folds;
}

function checkSplits(n: number, nSplits: number): void {
  if (!Number.isInteger(nSplits) || nSplits < 2)
    throw new RangeError(`nSplits must be an integer ≥ 2, got ${nSplits}`);
  if (nSplits > n)
    throw new RangeError(`cannot have nSplits=${nSplits} greater than the number of samples ${n}`);
}

function needRng(rng: Random | undefined): Random {
  if (rng === undefined) throw new TypeError("shuffle needs an rng");
  return rng;
}

/**
 * numpy's `add.reduce` over a contiguous run of doubles: pairwise summation with eight accumulators in blocks
 * of at most 128 (numpy's `pairwise_sum`), so sums round exactly as numpy's do.
 */
export function numpySum(values: ArrayLike<number>, offset = 0, n = values.length - offset): number {
  if (n < 8) {
    let sum = -0;
    for (let i = 0; i < n; i++) sum += values[offset + i] as number;
    return sum;
  }
  if (n <= 128) {
    // Eight locals rather than an array: this runs for every fold tried for every group, and allocating an
    // accumulator array each call was most of stratifiedGroupKFold's time. Same additions, same order.
    let r0 = values[offset] as number;
    let r1 = values[offset + 1] as number;
    let r2 = values[offset + 2] as number;
    let r3 = values[offset + 3] as number;
    let r4 = values[offset + 4] as number;
    let r5 = values[offset + 5] as number;
    let r6 = values[offset + 6] as number;
    let r7 = values[offset + 7] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const at = offset + i;
      r0 += values[at] as number;
      r1 += values[at + 1] as number;
      r2 += values[at + 2] as number;
      r3 += values[at + 3] as number;
      r4 += values[at + 4] as number;
      r5 += values[at + 5] as number;
      r6 += values[at + 6] as number;
      r7 += values[at + 7] as number;
    }
    let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) sum += values[offset + i] as number;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return numpySum(values, offset, half) + numpySum(values, offset + half, n - half);
}

/** numpy's `np.std` (ddof 0) of a contiguous run, rounded as numpy rounds it. */
function numpyStd(values: Float64Array): number {
  const n = values.length;
  const mean = numpySum(values) / n;
  // A loop, not Float64Array.from(values, mapFn): that costs ~400 ns a value in Node 20, and this runs for
  // every group (tens of thousands of recordings × 114 genres).
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) squares[i] = ((values[i] as number) - mean) * ((values[i] as number) - mean);
  return Math.sqrt(numpySum(squares) / n);
}

/**
 * sklearn's `StratifiedGroupKFold(n_splits, shuffle).split(X, y, groups)`: every group lands in exactly one
 * test fold, and the folds' class proportions are kept as even as grouping allows. Groups, numbered in sorted
 * order of their values as `np.unique` numbers them (and shuffled when `shuffle`), are taken in order of
 * decreasing spread (the standard deviation of their class counts; a stable sort), and each goes to the fold
 * where the mean over classes of the standard deviation, across folds, of the share of that class's samples
 * would be lowest; where two are close (`np.isclose`), the fold with fewer samples, then the lower index.
 *
 * Every floating-point step rounds as numpy's does (pairwise sums, the same order of operations), because
 * groups whose spreads are mathematically equal are ordered by rounding, and a different order changes the
 * folds; with it, the folds are sklearn's exactly (tested against scikit-learn's output). `groups` may be
 * any values comparable with ===. Shuffled, the folds differ from sklearn's, whose generator is numpy's.
 */
export function stratifiedGroupKFold(
  y: ArrayLike<number>,
  groups: ArrayLike<unknown>,
  nSplits: number,
  { shuffle = false, rng }: FoldOptions = {},
): Fold[] {
  const n = y.length;
  if (groups.length !== n) throw new RangeError(`y has ${n} rows but groups has ${groups.length}`);
  checkSplits(n, nSplits);
  // Classes and groups numbered as np.unique numbers them: in sorted order of their values.
  const sortedCodes = <T>(values: T[]) => {
    const distinct = [...new Set(values)].sort((a, b) =>
      typeof a === "number" && typeof b === "number"
        ? a - b
        : String(a) < String(b)
          ? -1
          : String(a) > String(b)
            ? 1
            : 0,
    );
    return new Map(distinct.map((value, code) => [value, code]));
  };
  const yValues = Array.from(y);
  const groupValues = Array.from(groups as ArrayLike<unknown>);
  const classOf = sortedCodes(yValues);
  const groupOf = sortedCodes(groupValues);
  const K = classOf.size;
  const G = groupOf.size;
  if (G < nSplits)
    throw new RangeError(`cannot have nSplits=${nSplits} greater than the number of groups ${G}`);
  const rowGroup = Int32Array.from(groupValues, (g) => groupOf.get(g) as number);
  const perGroup = new Float64Array(G * K); // [group * K + class]
  const classTotals = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const c = classOf.get(yValues[i] as number) as number;
    const at = (rowGroup[i] as number) * K + c;
    perGroup[at] = (perGroup[at] as number) + 1;
    classTotals[c] = (classTotals[c] as number) + 1;
  }
  // sklearn shuffles the rows of its count matrix; here the order in which groups are visited.
  const order = Int32Array.from({ length: G }, (_, g) => g);
  if (shuffle) needRng(rng).shuffle(order);
  const spread = Float64Array.from(order, (g) => numpyStd(perGroup.subarray(g * K, (g + 1) * K)));
  const visit = Array.from(order.keys()).sort(
    (a, b) => (spread[b] as number) - (spread[a] as number) || a - b,
  );

  const foldCounts = new Float64Array(nSplits * K); // [fold * K + class]
  const shares = new Float64Array(nSplits);
  const groupFold = new Int32Array(G);
  // np.std(y_counts_per_fold / y_cnt, axis=0) for one class: the reduction over folds runs fold by fold.
  const stdOf = (c: number) => {
    const total = classTotals[c] as number;
    let sum = 0;
    for (let f = 0; f < nSplits; f++) {
      shares[f] = (foldCounts[f * K + c] as number) / total;
      sum += shares[f] as number;
    }
    const mean = sum / nSplits;
    let squares = 0;
    for (let f = 0; f < nSplits; f++) squares += ((shares[f] as number) - mean) ** 2;
    return Math.sqrt(squares / nSplits);
  };
  // Each class's std for the folds as they stand. Trying a group in a fold changes only the classes the group
  // has rows of (adding 0 leaves a count, and so its std, exactly as it was), so only those are recomputed:
  // np.mean over every class's std is then the same number sklearn computes, at a fraction of the work.
  const stds = new Float64Array(K);
  for (let c = 0; c < K; c++) stds[c] = stdOf(c);
  const present = new Int32Array(K);
  const saved = new Float64Array(K);
  for (const position of visit) {
    const g = order[position] as number;
    const counts = perGroup.subarray(g * K, (g + 1) * K);
    let m = 0;
    for (let c = 0; c < K; c++) if ((counts[c] as number) !== 0) present[m++] = c;
    let best = -1;
    let bestEval = Number.POSITIVE_INFINITY;
    let bestSize = Number.POSITIVE_INFINITY;
    for (let f = 0; f < nSplits; f++) {
      for (let i = 0; i < m; i++) {
        const c = present[i] as number;
        foldCounts[f * K + c] = (foldCounts[f * K + c] as number) + (counts[c] as number);
        saved[c] = stds[c] as number;
        stds[c] = stdOf(c);
      }
      // np.mean(np.std(y_counts_per_fold / y_cnt, axis=0)).
      const evaluation = numpySum(stds) / K;
      for (let i = 0; i < m; i++) {
        const c = present[i] as number;
        foldCounts[f * K + c] = (foldCounts[f * K + c] as number) - (counts[c] as number);
        stds[c] = saved[c] as number;
      }
      const size = numpySum(foldCounts, f * K, K);
      // np.isclose with its defaults: rtol 1e-5, atol 1e-8.
      const close = Math.abs(evaluation - bestEval) <= 1e-8 + 1e-5 * Math.abs(bestEval);
      if (evaluation < bestEval || (close && size < bestSize)) {
        best = f;
        bestEval = evaluation;
        bestSize = size;
      }
    }
    groupFold[g] = best;
    for (let i = 0; i < m; i++) {
      const c = present[i] as number;
      foldCounts[best * K + c] = (foldCounts[best * K + c] as number) + (counts[c] as number);
      stds[c] = stdOf(c);
    }
  }
  return foldsFromAssignment(
    Int32Array.from(rowGroup, (g) => groupFold[g] as number),
    nSplits,
  );
}
