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
