import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../../src/metrics/index.ts";
import {
  fitGaussianMixture,
  gaussianMixturePredict,
  gaussianMixtureScore,
} from "../../src/unsupervised/gaussian-mixture.ts";
import { blobs } from "./blobs.ts";

describe("fitGaussianMixture", () => {
  // 300 points around (0, 0) and 100 around (10, 5), standard deviation 1: weights 0.75 / 0.25.
  const big = blobs([[0, 0]], 300, 1, 1);
  const small = blobs([[10, 5]], 100, 1, 2);
  const data = new Float64Array(800);
  data.set(big.X.data);
  data.set(small.X.data, 600);
  const X = { data, rows: 400, cols: 2 };
  const truth = Int32Array.from({ length: 400 }, (_, i) => (i < 300 ? 0 : 1));

  it("recovers the means, weights and covariances of two well-separated Gaussians", () => {
    const fit = fitGaussianMixture(X, { nComponents: 2, seed: 0 });
    expect(fit.converged).toBe(true);
    expect(adjustedRandIndex(truth, fit.labels)).toBe(1);
    const bigComponent = fit.labels[0] as number;
    const smallComponent = 1 - bigComponent;
    expect(fit.weights[bigComponent]).toBeCloseTo(0.75, 6);
    expect(fit.weights[smallComponent]).toBeCloseTo(0.25, 6);
    const mean = (c: number, f: number) => fit.means.data[c * 2 + f] as number;
    expect(Math.abs(mean(bigComponent, 0))).toBeLessThan(0.2);
    expect(Math.abs(mean(bigComponent, 1))).toBeLessThan(0.2);
    expect(Math.abs(mean(smallComponent, 0) - 10)).toBeLessThan(0.3);
    expect(Math.abs(mean(smallComponent, 1) - 5)).toBeLessThan(0.3);
    // Separated components: each covariance is its points' own (population) covariance, plus reg_covar.
    for (const [c, from, to] of [
      [bigComponent, 0, 300],
      [smallComponent, 300, 400],
    ] as const) {
      const m = [0, 1].map((f) => {
        let s = 0;
        for (let i = from; i < to; i++) s += data[i * 2 + f] as number;
        return s / (to - from);
      });
      let vx = 0;
      for (let i = from; i < to; i++) vx += ((data[i * 2] as number) - (m[0] as number)) ** 2;
      expect(fit.covariances[c * 4]).toBeCloseTo(vx / (to - from) + 1e-6, 6);
      expect(fit.covariances[c * 4 + 1]).toBeCloseTo(fit.covariances[c * 4 + 2] as number, 14);
    }
    expect(gaussianMixturePredict(fit, X)).toEqual(fit.labels);
    expect(gaussianMixtureScore(fit, X)).toBeCloseTo(fit.lowerBounds.at(-1) as number, 3);
  });

  it("never lowers the log-likelihood from one EM iteration to the next", () => {
    // Overlapping blobs and more components than blobs, so EM needs many iterations.
    const { X: Y } = blobs(
      [
        [0, 0, 0],
        [2, 1, 0],
        [1, 3, 1],
      ],
      150,
      1.2,
      5,
    );
    const fit = fitGaussianMixture(Y, { nComponents: 5, seed: 3, tol: 1e-10, maxIter: 200 });
    expect(fit.lowerBounds.length).toBeGreaterThan(5);
    for (let i = 1; i < fit.lowerBounds.length; i++) {
      expect(fit.lowerBounds[i] as number).toBeGreaterThanOrEqual((fit.lowerBounds[i - 1] as number) - 1e-12);
    }
  });

  it("is deterministic for a seed", () => {
    const a = fitGaussianMixture(X, { nComponents: 3, seed: 4 });
    const b = fitGaussianMixture(X, { nComponents: 3, seed: 4 });
    expect(b.means.data).toEqual(a.means.data);
    expect(b.labels).toEqual(a.labels);
  });
});
