import { describe, expect, it } from "vitest";
import { type Fold, kFold, stratifiedGroupKFold, stratifiedKFold } from "../../src/metrics/folds.ts";
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

const SKLEARN_STRING_GROUPS_3 = [
  [1, 3, 8, 9, 11, 15, 18],
  [0, 2, 4, 5, 7, 10, 19],
  [6, 12, 13, 14, 16, 17],
];
const SKLEARN_STRING_GROUPS_4 = [
  [0, 1, 2, 8, 15],
  [4, 5, 7, 10, 19],
  [6, 9, 12, 13, 14, 18],
  [3, 11, 16, 17],
];

describe("stratifiedGroupKFold", () => {
  // Expected folds printed by scikit-learn 1.2.1: StratifiedGroupKFold(k).split(X, y, groups), test indices.
  it("matches scikit-learn's folds on integer groups", () => {
    const y = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2, 2, 0, 1, 0, 1, 2, 0, 0];
    const groups = [0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 11];
    const testsOf = (k: number) => stratifiedGroupKFold(y, groups, k).map((fold) => Array.from(fold.test));
    expect(testsOf(2)).toEqual([
      [0, 1, 4, 5, 6, 7, 8, 12, 15],
      [2, 3, 9, 10, 11, 13, 14, 16, 17],
    ]);
    expect(testsOf(3)).toEqual([
      [0, 1, 8, 9, 10, 12],
      [2, 3, 15, 16, 17],
      [4, 5, 6, 7, 11, 13, 14],
    ]);
  });

  it("matches scikit-learn's folds on string groups listed out of order", () => {
    const y = [2, 0, 1, 1, 0, 2, 2, 1, 0, 0, 1, 2, 0, 1, 2, 2, 0, 1, 1, 0];
    const groups = [..."kbkacczqbmqaddzeffmg"];
    const testsOf = (k: number) => stratifiedGroupKFold(y, groups, k).map((fold) => Array.from(fold.test));
    expect(testsOf(3)).toEqual(SKLEARN_STRING_GROUPS_3);
    expect(testsOf(4)).toEqual(SKLEARN_STRING_GROUPS_4);
  });

  it("matches scikit-learn's folds on 600 rows in 250 groups and 7 classes (numpy's rounding reproduced)", () => {
    const n = 600;
    const y = Array.from({ length: n }, (_, i) => (i * 37 + ((i * i) % 11)) % 7);
    const groups = Array.from({ length: n }, (_, i) => (i * 7919 + Math.floor(i / 3) * 13) % 250);
    // Each row's test fold, as scikit-learn 1.2.1 assigned it.
    const expected =
      "3021124304133024034210210224441124333112032014443030132102002120404414332313021124304133024034210210" +
      "2244411243331120320144430301321020021204044143323130211243041330240342102102244411243331120320144430" +
      "3013210200212040441433231302112430413302403421021022444112433311203201444303013210200212040441433231" +
      "3021124304133024034210210224441124333112032014443030132102002120404414332313021124304133024034210210" +
      "2244411243331120320144430301321020021204044143323130211243041330240342102102244411243331120320144430" +
      "3013210200212040441433231302112430413302403421021022444112433311203201444303013210200212040441433231";
    const fold = new Array<number>(n);
    stratifiedGroupKFold(y, groups, 5).forEach((f, k) => {
      for (const row of f.test) fold[row] = k;
    });
    expect(fold.join("")).toBe(expected);
  });

  it("keeps every group in one test fold and balances classes better than whole groups dealt at random", () => {
    const rng = new Random(5);
    const n = 3000;
    const groups = Array.from({ length: n }, () => `g${rng.nextInt(900)}`);
    const y = Array.from({ length: n }, () => rng.nextInt(12));
    const folds = stratifiedGroupKFold(y, groups, 5, { shuffle: true, rng: new Random(1) });
    const foldOf = new Map<string, number>();
    folds.forEach((fold, f) => {
      for (const row of fold.test) {
        expect(foldOf.get(groups[row] as string) ?? f).toBe(f);
        foldOf.set(groups[row] as string, f);
      }
      expect(fold.train.length + fold.test.length).toBe(n);
    });
    // Every class's share in every fold stays within 3 points of a fifth.
    for (const fold of folds) {
      for (let c = 0; c < 12; c++) {
        const inFold = Array.from(fold.test).filter((row) => y[row] === c).length;
        const total = y.filter((v) => v === c).length;
        expect(Math.abs(inFold / total - 0.2)).toBeLessThan(0.03);
      }
    }
  });
});
