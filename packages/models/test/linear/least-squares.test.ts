import { describe, expect, it } from "vitest";
import { fitLinearRegression, predictLinearRegression } from "../../src/linear/least-squares.ts";
import { polynomialFeatures } from "../../src/linear/polynomial.ts";
import { fitFromStatistics, sufficientStatistics } from "../../src/linear/sufficient-statistics.ts";
import { type Matrix, matrix, takeRows } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";
import { olsData, parkMiller } from "./fixtures.ts";

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(tol);
  }
}

/** Appends columns to X (each a function of the row). */
function withColumns(X: Matrix, extra: ((row: Float64Array) => number)[]): Matrix {
  const p = X.cols + extra.length;
  const out = matrix(X.rows, p);
  for (let i = 0; i < X.rows; i++) {
    const row = X.data.subarray(i * X.cols, (i + 1) * X.cols);
    out.data.set(row, i * p);
    extra.forEach((f, k) => {
      out.data[i * p + X.cols + k] = f(row);
    });
  }
  return out;
}

describe("fitLinearRegression", () => {
  it("fits a line through exact points", () => {
    const m = fitLinearRegression(matrix(4, 1, Float64Array.of(0, 1, 2, 3)), [1, 3, 5, 7]);
    expect(m.intercept).toBeCloseTo(1, 14);
    expectClose(m.coefficients, [2], 1e-14);
    expect(m.rank).toBe(1);
  });

  it("matches a hand-computed least-squares line", () => {
    // x̄ = 1.5, ȳ = 2.25, Sxx = 5, Sxy = 4.5 → slope 0.9, intercept 2.25 − 0.9 · 1.5 = 0.9.
    const m = fitLinearRegression(matrix(4, 1, Float64Array.of(0, 1, 2, 3)), [1, 2, 2, 4]);
    expect(m.intercept).toBeCloseTo(0.9, 14);
    expectClose(m.coefficients, [0.9], 1e-14);
    expectClose(predictLinearRegression(m, matrix(2, 1, Float64Array.of(10, -1))), [9.9, 0], 1e-13);
  });

  it("matches sklearn's LinearRegression on 12 × 3 data", () => {
    // sklearn 1.2.1 LinearRegression().fit — sklearn-expected.py section 1.
    const { X, y } = olsData();
    const m = fitLinearRegression(X, y);
    expect(m.intercept).toBeCloseTo(0.1826539805011933, 13);
    expectClose(m.coefficients, [1.8152021984983302, -0.2602475085650111, 6.756117215270432], 1e-12);
    expect(m.rank).toBe(3);
  });

  it("returns sklearn's minimum-norm solution for a duplicated and a constant column", () => {
    // sklearn 1.2.1 (scipy gelsd) on [X, X[:, 0], 2.5] — sklearn-expected.py section 2.
    const { X, y } = olsData();
    const Xd = withColumns(X, [(r) => r[0] as number, () => 2.5]);
    const m = fitLinearRegression(Xd, y);
    expect(m.rank).toBe(3);
    expect(m.intercept).toBeCloseTo(0.1826539805011928, 12);
    expectClose(
      m.coefficients,
      [0.907601099249164, -0.2602475085650112, 6.75611721527043, 0.907601099249168, 0],
      1e-11,
    );
    // Predictions equal the full-rank fit's.
    const full = fitLinearRegression(X, y);
    expectClose(predictLinearRegression(m, Xd), predictLinearRegression(full, X), 1e-12);
  });

  it("handles a column that is a combination of others (min-norm, same fitted values)", () => {
    const { X, y } = olsData();
    const Xc = withColumns(X, [(r) => 2 * (r[0] as number) - (r[2] as number)]);
    const m = fitLinearRegression(Xc, y);
    expect(m.rank).toBe(3);
    const full = fitLinearRegression(X, y);
    expectClose(predictLinearRegression(m, Xc), predictLinearRegression(full, X), 1e-12);
    // Minimum norm: the coefficient vector is orthogonal to the null direction (2, 0, −1, −1).
    const b = m.coefficients;
    expect(Math.abs(2 * (b[0] as number) - (b[2] as number) - (b[3] as number))).toBeLessThan(1e-10);
  });

  it("recovers an exact quadratic through PolynomialFeatures(2)", () => {
    const u = parkMiller(99, 80);
    const X = matrix(40, 2, u);
    const y = new Float64Array(40);
    for (let i = 0; i < 40; i++) {
      const a = u[2 * i] as number;
      const b = u[2 * i + 1] as number;
      y[i] = 1 + 2 * a - 3 * b + 0.5 * a * a - a * b + 4 * b * b;
    }
    const m = fitLinearRegression(polynomialFeatures(X), y);
    // Bias column (constant) gets 0, as sklearn's pipeline; rank 5 of 6.
    expect(m.rank).toBe(5);
    expect(m.intercept).toBeCloseTo(1, 11);
    expectClose(m.coefficients, [0, 2, -3, 0.5, -1, 4], 1e-10);
  });

  it("matches sklearn's PolynomialFeatures(2) + LinearRegression pipeline", () => {
    // sklearn 1.2.1 make_pipeline(PolynomialFeatures(2), LinearRegression()) — sklearn-expected.py section 3.
    const { X, y } = olsData();
    const X2 = matrix(
      12,
      2,
      Float64Array.from({ length: 24 }, (_, k) => X.data[Math.floor(k / 2) * 3 + (k % 2)] as number),
    );
    const m = fitLinearRegression(polynomialFeatures(X2), y);
    expect(m.intercept).toBeCloseTo(1.9344374209656885, 10);
    expectClose(
      m.coefficients,
      [
        0, -1.444160402202026, -0.3209917735083369, 1.614718671269904, 0.1832467696939154,
        -0.0114383709296566,
      ],
      1e-10,
    );
    const at = polynomialFeatures(matrix(2, 2, Float64Array.of(0.2, 3.0, 0.9, 7.5)));
    expectClose(predictLinearRegression(m, at), [0.7542214903005087, 0.12868421204070524], 1e-11);
  });

  it("is accurate with wildly different column scales", () => {
    const rng = new Random(5);
    const n = 500;
    const X = matrix(n, 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const dur = 150_000 + 100_000 * rng.nextFloat();
      const small = 1e-4 * rng.nextFloat();
      const loud = -20 + 15 * rng.nextFloat();
      X.data.set([dur, small, loud], i * 3);
      y[i] = 0.3 + 2e-6 * dur + 1500 * small - 0.02 * loud;
    }
    const m = fitLinearRegression(X, y);
    expect(m.intercept).toBeCloseTo(0.3, 10);
    expectClose(m.coefficients, [2e-6, 1500, -0.02], 1e-9 * 1500);
    expect(Math.abs((m.coefficients[0] as number) - 2e-6)).toBeLessThan(1e-15);
  });

  it("gives intercept = mean(y) and no slopes for a single row or constant X", () => {
    const m = fitLinearRegression(matrix(3, 2, Float64Array.of(1, 2, 1, 2, 1, 2)), [1, 2, 6]);
    expect(m.rank).toBe(0);
    expect(m.intercept).toBeCloseTo(3, 14);
    expectClose(m.coefficients, [0, 0], 0);
  });

  it("handles more columns than rows with the minimum-norm solution", () => {
    const X = matrix(3, 4, parkMiller(3, 12));
    const y = Float64Array.of(1, -1, 2);
    const m = fitLinearRegression(X, y);
    expect(m.rank).toBe(2);
    expectClose(predictLinearRegression(m, X), y, 1e-12);
  });
});

describe("fitFromStatistics", () => {
  it("equals the QR fit, full rank and rank deficient", () => {
    const { X, y } = olsData();
    for (const design of [X, withColumns(X, [(r) => r[0] as number, () => 2.5]), polynomialFeatures(X)]) {
      const direct = fitLinearRegression(design, y);
      const fromStats = fitFromStatistics(sufficientStatistics(design, y));
      expect(fromStats.rank).toBe(direct.rank);
      expect(fromStats.intercept).toBeCloseTo(direct.intercept, 9);
      expectClose(
        fromStats.coefficients,
        direct.coefficients,
        1e-8 * Math.max(1, ...direct.coefficients.map(Math.abs)),
      );
      expectClose(predictLinearRegression(fromStats, design), predictLinearRegression(direct, design), 1e-10);
    }
  });

  it("with bootstrap weights equals refitting on the resampled rows", () => {
    const { X, y } = olsData();
    const idx = new Random(11).bootstrap(12);
    const weights = new Float64Array(12);
    for (const i of idx) weights[i] = (weights[i] as number) + 1;
    const weighted = fitFromStatistics(sufficientStatistics(X, y, { weights }));
    const refit = fitLinearRegression(
      takeRows(X, idx),
      Float64Array.from(idx, (i) => y[i] as number),
    );
    expect(weighted.intercept).toBeCloseTo(refit.intercept, 11);
    expectClose(weighted.coefficients, refit.coefficients, 1e-10);
  });

  it("fits a subset of columns, in the order given", () => {
    const { X, y } = olsData();
    const stats = sufficientStatistics(X, y);
    const sub = fitFromStatistics(stats, [2, 0]);
    const direct = fitLinearRegression(
      matrix(
        12,
        2,
        Float64Array.from(
          { length: 24 },
          (_, k) => X.data[Math.floor(k / 2) * 3 + (k % 2 === 0 ? 2 : 0)] as number,
        ),
      ),
      y,
    );
    expect(sub.intercept).toBeCloseTo(direct.intercept, 11);
    expectClose(sub.coefficients, direct.coefficients, 1e-10);
  });
});
