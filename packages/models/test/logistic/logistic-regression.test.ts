import { describe, expect, it } from "vitest";
import { LogisticRegression } from "../../src/logistic/logistic-regression.ts";
import { multinomialObjective } from "../../src/logistic/multinomial-loss.ts";
import { matrix } from "../../src/matrix.ts";
import { logLoss } from "../../src/metrics/log-loss.ts";
import { Random } from "../../src/random.ts";
import { toy } from "./toy.ts";

describe("LogisticRegression", () => {
  it("satisfies the first-order condition at its optimum (checked with an independent gradient)", () => {
    const { X, y } = toy(120, 3, 4);
    const m = new LogisticRegression({ C: 2, tol: 1e-9, ftol: 0, maxIter: 5000 }).fit(X, y, 4);
    const params = new Float64Array(4 * 4);
    for (let k = 0; k < 4; k++) {
      params.set(m.coefficients.data.subarray(k * 3, k * 3 + 3), k * 4);
      params[k * 4 + 3] = m.intercepts[k] as number;
    }
    const g = new Float64Array(params.length);
    const value = multinomialObjective(X, y, 4, 2)(params, g);
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-8);
    expect(value).toBeCloseTo(m.loss, 14);
    // Stationarity written out: (1/n) Σᵢ (pᵢₖ − [yᵢ = k]) xᵢ + wₖ/(C n) = 0 and Σᵢ pᵢₖ = #{yᵢ = k}.
    const P = m.predictProba(X);
    for (let k = 0; k < 4; k++) {
      let mass = 0;
      let count = 0;
      for (let i = 0; i < 120; i++) {
        mass += P[i * 4 + k] as number;
        if (y[i] === k) count++;
      }
      expect(mass).toBeCloseTo(count, 5);
    }
    // Unpenalised softmax intercepts are fixed only up to a constant; from the zero start they sum to 0.
    expect(m.intercepts.reduce((s, b) => s + b, 0)).toBeCloseTo(0, 12);
    // And the coefficients of every feature sum to 0 over classes (the penalty's doing).
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += m.coefficients.data[k * 3 + j] as number;
      expect(s).toBeCloseTo(0, 7);
    }
    // The mean log-loss part of the objective is the metrics package's log_loss.
    let pen = 0;
    for (const w of m.coefficients.data) pen += w * w;
    expect(logLoss(y, P) + pen / (2 * 2 * 120)).toBeCloseTo(m.loss, 10);
  });

  it("separates separable classes, with coefficients kept finite by the penalty", () => {
    // Three well-separated clusters on a line and in a second noise column.
    const rng = new Random(7);
    const n = 90;
    const X = matrix(n, 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 3;
      X.data[2 * i] = 10 * (i % 3) + rng.nextFloat();
      X.data[2 * i + 1] = rng.nextFloat();
    }
    const m = new LogisticRegression({ maxIter: 1000 }).fit(X, y, 3);
    expect(m.converged).toBe(true);
    expect(Array.from(m.predict(X))).toEqual(Array.from(y));
    expect(m.coefficients.data.every((w) => Number.isFinite(w) && Math.abs(w) < 20)).toBe(true);
    const P = m.predictProba(X);
    for (let i = 0; i < n; i++) expect(P[i * 3 + (y[i] as number)]).toBeGreaterThan(0.9);
  });

  it("binary: probabilities are [1 − σ(z), σ(z)], predict thresholds z at 0, and it equals softmax with 2C", () => {
    const { X, y } = toy(80, 3, 2);
    const bin = new LogisticRegression({ tol: 1e-10, ftol: 0, maxIter: 5000 }).fit(X, y, 2);
    expect(bin.coefficients.rows).toBe(1);
    const z = bin.decisionFunction(X);
    const P = bin.predictProba(X);
    const pred = bin.predict(X);
    for (let i = 0; i < 80; i++) {
      const s = 1 / (1 + Math.exp(-(z[i] as number)));
      expect(P[2 * i + 1]).toBeCloseTo(s, 15);
      expect((P[2 * i] as number) + (P[2 * i + 1] as number)).toBeCloseTo(1, 15);
      expect(pred[i]).toBe((z[i] as number) > 0 ? 1 : 0);
    }
    // Two-class softmax with rows (w₀, w₁): the optimum is w₁ = −w₀ = w/2, whose penalty ½(‖w₀‖² + ‖w₁‖²)
    // = ¼‖w‖² is the binomial penalty at C' = 2C. So multinomial(C = ½) is binomial(C = 1).
    const soft = new LogisticRegression({
      C: 0.5,
      multiClass: "multinomial",
      tol: 1e-10,
      ftol: 0,
      maxIter: 5000,
    });
    soft.fit(X, y, 2);
    expect(soft.coefficients.rows).toBe(2);
    for (let j = 0; j < 3; j++) {
      const diff = (soft.coefficients.data[3 + j] as number) - (soft.coefficients.data[j] as number);
      expect(diff).toBeCloseTo(bin.coefficients.data[j] as number, 6);
    }
    expect((soft.intercepts[1] as number) - (soft.intercepts[0] as number)).toBeCloseTo(
      bin.intercepts[0] as number,
      6,
    );
    const Psoft = soft.predictProba(X);
    for (let i = 0; i < P.length; i++) expect(Psoft[i]).toBeCloseTo(P[i] as number, 6);
  });

  it("predicts the argmax of predictProba and reports maxIter exhaustion", () => {
    const { X, y } = toy(100, 4, 5);
    const m = new LogisticRegression({ maxIter: 3 }).fit(X, y, 5);
    expect(m.iterations).toBe(3);
    expect(m.converged).toBe(false);
    expect(m.fitted.stop).toBe("maxIter");
    const P = m.predictProba(X);
    const pred = m.predict(X);
    for (let i = 0; i < 100; i++) {
      const row = Array.from(P.subarray(i * 5, i * 5 + 5));
      expect(pred[i]).toBe(row.indexOf(Math.max(...row)));
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 14);
    }
  });

  it("rejects bad input", () => {
    const { X, y } = toy(10, 2, 3);
    expect(() => new LogisticRegression().fit(X, y, 4)).toThrow(/class 3 has no samples/);
    expect(() => new LogisticRegression().fit(X, y.subarray(1), 3)).toThrow(/rows/);
    expect(() => new LogisticRegression().fit(X, y, 1)).toThrow(/2 classes/);
    expect(() => new LogisticRegression({ C: 0 })).toThrow(/C must be positive/);
    expect(() => new LogisticRegression().predict(X)).toThrow(/not fitted/);
  });
});
