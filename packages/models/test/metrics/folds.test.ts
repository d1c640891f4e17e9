import { describe, expect, it } from "vitest";
import { type Fold, kFold, stratifiedKFold } from "../../src/metrics/folds.ts";
import { Random } from "../../src/random.ts";

const tests = (folds: Fold[]) => folds.map((f) => Array.from(f.test));

/** Every index is in exactly one test fold, and each train set is the complement of its test set. */
function expectPartition(folds: Fold[], n: number): void {
  const all = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  for (const f of folds) {
    const train = new Set(f.train);
    expect(f.train.length + f.test.length).toBe(n);
    expect(f.test.some((i) => train.has(i))).toBe(false);
    expect(Array.from(f.train)).toEqual(Array.from(f.train).sort((a, b) => a - b));
    expect(Array.from(f.test)).toEqual(Array.from(f.test).sort((a, b) => a - b));
  }
}

describe("kFold", () => {
  it("cuts consecutive folds, the first n mod k one larger", () => {
    // 8 = 3 + 3 + 2. scikit-learn 1.2.1 KFold(3).split: tests [0,1,2] [3,4,5] [6,7], trains the rest.
    const folds = kFold(8, 3);
    expect(tests(folds)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    expect(Array.from(folds[1]?.train ?? [])).toEqual([0, 1, 2, 6, 7]);
    expectPartition(folds, 8);
  });

  it("shuffles reproducibly with an rng", () => {
    const a = kFold(50, 5, { shuffle: true, rng: new Random(1) });
    const b = kFold(50, 5, { shuffle: true, rng: new Random(1) });
    expect(tests(a)).toEqual(tests(b));
    expect(tests(a)).not.toEqual(tests(kFold(50, 5)));
    expect(a.map((f) => f.test.length)).toEqual([10, 10, 10, 10, 10]);
    expectPartition(a, 50);
  });

  it("rejects bad split counts", () => {
    expect(() => kFold(5, 1)).toThrow(RangeError);
    expect(() => kFold(3, 4)).toThrow(RangeError);
    expect(() => kFold(5, 2, { shuffle: true })).toThrow(TypeError);
  });
});

describe("stratifiedKFold", () => {
  it("reproduces sklearn's folds without shuffling", () => {
    // Classes by first appearance: 2 → #0 (rows 0 1 5 8 11), 0 → #1 (rows 2 4 7 9 10), 1 → #2 (rows 3 6).
    // Sorted codes 0 0 0 0 0 1 1 1 1 1 2 2 dealt to folds 0 1 2 0 1 2 0 1 2 0 1 2:
    //   #0 → folds 0 1 2 0 1 → in row order 0 0 1 1 2; #1 → 2 0 1 2 0 → 0 0 1 2 2; #2 → 1 2.
    // So fold 0 = rows 0 1 2 4, fold 1 = 3 5 7 8, fold 2 = 6 9 10 11; scikit-learn 1.2.1 StratifiedKFold(3) agrees.
    const y = [2, 2, 0, 1, 0, 2, 1, 0, 2, 0, 0, 2];
    const folds = stratifiedKFold(y, 3);
    expect(tests(folds)).toEqual([
      [0, 1, 2, 4],
      [3, 5, 7, 8],
      [6, 9, 10, 11],
    ]);
    expectPartition(folds, y.length);
    // scikit-learn 1.2.1 StratifiedKFold(2) on another labelling: [0,1,2,3,4,6] and [5,7,8,9,10].
    expect(tests(stratifiedKFold(Int32Array.of(1, 0, 0, 0, 1, 1, 2, 0, 1, 0, 2), 2))).toEqual([
      [0, 1, 2, 3, 4, 6],
      [5, 7, 8, 9, 10],
    ]);
  });

  it("keeps class proportions when shuffling, reproducibly", () => {
    const rng = new Random(12);
    const y = Int32Array.from({ length: 103 }, () => rng.nextInt(4));
    const a = stratifiedKFold(y, 5, { shuffle: true, rng: new Random(2) });
    const b = stratifiedKFold(y, 5, { shuffle: true, rng: new Random(2) });
    expect(tests(a)).toEqual(tests(b));
    expect(tests(a)).not.toEqual(tests(stratifiedKFold(y, 5)));
    expectPartition(a, y.length);
    // Each class's count per fold is the same as without shuffling (only which rows changes) and within 1 of even.
    const perFold = (folds: Fold[]) =>
      folds.map((f) => [0, 1, 2, 3].map((c) => Array.from(f.test).filter((i) => y[i] === c).length));
    expect(perFold(a)).toEqual(perFold(stratifiedKFold(y, 5)));
    for (let c = 0; c < 4; c++) {
      const counts = perFold(a).map((row) => row[c] as number);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it("throws when every class is smaller than nSplits", () => {
    expect(() => stratifiedKFold([0, 0, 1, 1], 3)).toThrow(RangeError);
    expect(stratifiedKFold([0, 0, 0, 1], 3)).toHaveLength(3); // sklearn only warns here
  });
});
