import { describe, expect, it } from "vitest";
import { foldScorer, forwardSelect } from "../../src/linear/forward-selection.ts";
import { fitLinearRegression, predictLinearRegression } from "../../src/linear/least-squares.ts";
import { type Matrix, matrix, take, takeColumns, takeRows } from "../../src/matrix.ts";
import { crossValidate } from "../../src/metrics/cross-validate.ts";
import { kFold } from "../../src/metrics/folds.ts";
import { r2Score } from "../../src/metrics/regression.ts";
import { Random } from "../../src/random.ts";
import { selectionData } from "./fixtures.ts";

/** Independent method: cross_val_score by refitting LinearRegression (QR) on each fold's raw train rows. */
function directCvR2(
  X: Matrix,
  y: Float64Array,
  columns: number[],
  nSplits = 5,
): { scores: Float64Array; mean: number } {
  const Xs = takeColumns(X, columns);
  return crossValidate(kFold(X.rows, nSplits), (fold) => {
    const model = fitLinearRegression(takeRows(Xs, fold.train), take(y, fold.train));
    return r2Score(take(y, fold.test), predictLinearRegression(model, takeRows(Xs, fold.test)));
  });
}

describe("forwardSelect", () => {
  it("matches sklearn's SequentialFeatureSelector on 60 × 6 data", () => {
    // sklearn 1.2.1 SequentialFeatureSelector(LinearRegression(), n_features_to_select="auto",
    // direction="forward", scoring="r2", cv=5): support [1, 3, 4]; trace from cross_val_score(KFold(5)).
    // sklearn-expected.py section 4.
    const { X, y } = selectionData();
    const s = forwardSelect(X, y);
    expect(s.support).toEqual([1, 3, 4]);
    expect(s.order).toEqual([1, 3, 4]);
    const expected = [0.5392552039681435, 0.8811211866210489, 0.9829385207581242];
    s.scores.forEach((v, k) => {
      expect(v).toBeCloseTo(expected[k] as number, 12);
    });
    const step0 = [
      -0.12131393478969787, 0.5392552039681435, -0.07606036377430728, 0.3994026629865902,
      -0.19000272726057005, 0.47293549926402073,
    ];
    expect(s.steps[0]?.candidates.map((c) => c.feature)).toEqual([0, 1, 2, 3, 4, 5]);
    s.steps[0]?.candidates.forEach((c, k) => {
      expect(c.score).toBeCloseTo(step0[k] as number, 12);
    });
    const step2 = [0.8776445210054004, 0.8830399507135789, 0.9829385207581242, 0.8720773032138307];
    expect(s.steps[2]?.candidates.map((c) => c.feature)).toEqual([0, 2, 4, 5]);
    s.steps[2]?.candidates.forEach((c, k) => {
      expect(c.score).toBeCloseTo(step2[k] as number, 12);
    });
    expect(s.nSplits).toBe(5);
  });

  it("scores a subset like sklearn's cross_val_score and like direct refits", () => {
    // sklearn 1.2.1 cross_val_score(LinearRegression(), X[:, [1, 3]], y, cv=KFold(5), scoring="r2").
    const { X, y } = selectionData();
    const sklearnFolds = [
      0.9159712501862609, 0.9060405647973694, 0.8828720644963348, 0.8509900364574344, 0.8497320171678453,
    ];
    const sklearnMean = sklearnFolds.reduce((a, b) => a + b) / 5;
    const direct = directCvR2(X, y, [1, 3]);
    direct.scores.forEach((v, k) => {
      expect(v).toBeCloseTo(sklearnFolds[k] as number, 12);
    });
    expect(foldScorer(X, y, kFold(60, 5))([1, 3])).toBeCloseTo(sklearnMean, 12);
  });

  it("sufficient-statistics CV equals direct refits on many subsets, including collinear ones", () => {
    const rng = new Random(3);
    const n = 137;
    const X = matrix(n, 6);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = Array.from({ length: 4 }, () => rng.nextFloat());
      // Column 4 duplicates column 0; column 5 = column 1 − 2 · column 2 (exact collinearity).
      X.data.set(
        [
          r[0] as number,
          (r[1] as number) * 1e4,
          r[2] as number,
          r[3] as number,
          r[0] as number,
          (r[1] as number) * 1e4 - 2 * (r[2] as number),
        ],
        i * 6,
      );
      y[i] = (r[0] as number) + 3e-4 * (r[1] as number) * 1e4 - (r[3] as number) + 0.3 * rng.nextFloat();
    }
    const score = foldScorer(X, y, kFold(n, 5));
    for (const cols of [[0], [1, 3], [0, 4], [1, 2, 5], [0, 1, 2, 3, 4, 5], [3, 5]]) {
      expect(score(cols)).toBeCloseTo(directCvR2(X, y, cols).mean, 10);
    }
  });

  it("finds the informative features of a synthetic dataset", () => {
    const rng = new Random(17);
    const n = 400;
    const p = 8;
    const X = matrix(n, p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) X.data[i * p + j] = rng.nextFloat();
      // Effects 5 (x6) > 3 (x2) > 1.5 (x0); x3, x1 … pure noise.
      y[i] =
        5 * (X.data[i * p + 6] as number) -
        3 * (X.data[i * p + 2] as number) +
        1.5 * (X.data[i * p] as number) +
        0.2 * rng.nextFloat();
    }
    const s = forwardSelect(X, y);
    expect(s.order.length).toBe(4); // "auto": ⌊8 / 2⌋
    expect(s.order.slice(0, 3)).toEqual([6, 2, 0]);
    expect(s.scores[2]).toBeGreaterThan(0.98);
    // The trace is non-decreasing up to noise once the informative features are in.
    expect(s.scores[0]).toBeLessThan(s.scores[1] as number);
    expect(s.scores[1]).toBeLessThan(s.scores[2] as number);
  });

  it("supports integer, fractional and tol-stopped targets", () => {
    const { X, y } = selectionData();
    expect(forwardSelect(X, y, { nFeaturesToSelect: 1 }).order).toEqual([1]);
    expect(forwardSelect(X, y, { nFeaturesToSelect: 0.5 }).order).toEqual([1, 3, 4]);
    // tol with "auto": keep adding while the best score improves by ≥ tol (at most p − 1 features).
    const t = forwardSelect(X, y, { tol: 0.05 });
    expect(t.order).toEqual([1, 3, 4]);
    expect(forwardSelect(X, y, { tol: -Infinity }).order.length).toBe(5);
    expect(() => forwardSelect(X, y, { nFeaturesToSelect: 6 })).toThrow(RangeError);
  });
});
