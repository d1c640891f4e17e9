import { describe, expect, it } from "vitest";
import {
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from "../../src/metrics/regression.ts";

describe("regression metrics", () => {
  // y = 3, −0.5, 2, 7; ŷ = 2.5, 0, 2, 8; residuals 0.5, −0.5, 0, −1.
  // MSE = (0.25 + 0.25 + 0 + 1) / 4 = 0.375; MAE = (0.5 + 0.5 + 0 + 1) / 4 = 0.5.
  // mean y = 11.5 / 4 = 2.875; SS_tot = 0.125² + 3.375² + 0.875² + 4.125² = 29.1875; R² = 1 − 1.5 / 29.1875.
  // scikit-learn 1.2.1: 0.375, 0.6123724356957945, 0.5, 0.9486081370449679.
  const y = [3, -0.5, 2, 7];
  const yHat = Float64Array.of(2.5, 0, 2, 8);

  it("computes MSE, RMSE, MAE and R²", () => {
    expect(meanSquaredError(y, yHat)).toBe(0.375);
    expect(rootMeanSquaredError(y, yHat)).toBeCloseTo(0.6123724356957945, 15);
    expect(meanAbsoluteError(y, yHat)).toBe(0.5);
    expect(r2Score(y, yHat)).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    expect(r2Score(y, yHat)).toBeCloseTo(0.9486081370449679, 15);
  });

  it("follows sklearn on constant targets and tiny inputs", () => {
    // SS_tot = 0: 1 when the prediction is perfect, else 0 (force_finite). scikit-learn 1.2.1: 1.0, 0.0.
    expect(r2Score([1, 1, 1], [1, 1, 1])).toBe(1);
    expect(r2Score([1, 1, 1], [1, 2, 1])).toBe(0);
    expect(r2Score([1], [1])).toBeNaN();
    // Predicting the mean gives R² = 0; a worse prediction goes negative: y = 0, 2, ŷ = 2, 0 → 1 − 8/2 = −3.
    expect(r2Score([0, 2], [1, 1])).toBe(0);
    expect(r2Score([0, 2], [2, 0])).toBe(-3);
    expect(() => meanSquaredError([1, 2], [1])).toThrow(RangeError);
  });
});
