import { describe, expect, it } from "vitest";
import { crossValidate } from "../../src/metrics/cross-validate.ts";
import { kFold } from "../../src/metrics/folds.ts";
import { meanStd } from "../../src/metrics/mean-std.ts";

describe("crossValidate", () => {
  it("scores each fold and summarises with numpy's mean and std (ddof 0)", () => {
    // Fold k scores 1, 2, 4: mean 7/3; std = √(((−4/3)² + (−1/3)² + (5/3)²)/3) = √(42/27) = √14 / 3.
    const calls: number[] = [];
    const scores = [1, 2, 4];
    const cv = crossValidate(kFold(6, 3), (fold, k) => {
      calls.push(k);
      expect(fold.test).toHaveLength(2);
      return scores[k] as number;
    });
    expect(calls).toEqual([0, 1, 2]);
    expect(Array.from(cv.scores)).toEqual([1, 2, 4]);
    expect(cv.mean).toBeCloseTo(7 / 3, 15);
    expect(cv.std).toBeCloseTo(Math.sqrt(14) / 3, 15);
  });

  it("has a zero spread for equal scores", () => {
    expect(meanStd([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, std: 0 });
    expect(meanStd([]).mean).toBeNaN();
  });
});
