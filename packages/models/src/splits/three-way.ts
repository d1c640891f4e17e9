import { Random } from "../random.ts";

/** Row positions of one group split three ways. Order matters: forward selection's KFold cuts `train` in order. */
export interface RowSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export interface ThreeWaySplitOptions {
  /** Fraction held out as the test set by the first split; the seed's 0.2. */
  testSize?: number;
  /** Fraction of the remainder held out for validation by the second split; the seed's 0.25 (0.25 · 0.8 = 0.2). */
  validationSize?: number;
}

/**
 * The seed's 60/20/20 protocol — `train_val, test = train_test_split(df, test_size=0.2, random_state=42)`
 * then `train, val = train_test_split(train_val, test_size=0.25, random_state=42)` — with sklearn's
 * `ShuffleSplit` sizes (n_test = ⌈size · n⌉) and order (test = the permutation's first n_test entries, train
 * the rest, in permutation order). Each call draws its permutation from a fresh `Random(seed)`, as each
 * `random_state=42` call restarts numpy's generator; the permutations themselves differ from numpy's.
 */
export function trainValidationTestSplit(
  nRows: number,
  seed: number,
  { testSize = 0.2, validationSize = 0.25 }: ThreeWaySplitOptions = {},
): RowSplit {
  const first = shuffleSplit(nRows, testSize, seed);
  const second = shuffleSplit(first.train.length, validationSize, seed);
  const pick = (positions: Int32Array) => positions.map((k) => first.train[k] as number);
  return { train: pick(second.train), validation: pick(second.test), test: first.test };
}

/** `split(nRows)` callbacks for the sweep: the same seeded three-way split whatever the response. */
export function seededSplit(seed: number, options: ThreeWaySplitOptions = {}): (nRows: number) => RowSplit {
  return (nRows) => trainValidationTestSplit(nRows, seed, options);
}

function shuffleSplit(n: number, testSize: number, seed: number): { train: Int32Array; test: Int32Array } {
  if (!(testSize > 0 && testSize < 1)) throw new RangeError(`test size must be in (0, 1), got ${testSize}`);
  const nTest = Math.ceil(testSize * n);
  if (nTest < 1 || nTest >= n) throw new RangeError(`cannot split ${n} rows with test size ${testSize}`);
  const permutation = new Random(seed).permutation(n);
  return { train: permutation.slice(nTest), test: permutation.slice(0, nTest) };
}
