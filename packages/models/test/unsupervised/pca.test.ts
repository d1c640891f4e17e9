import { describe, expect, it } from "vitest";
import { matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";
import { fitPca, pcaTransform } from "../../src/unsupervised/pca.ts";
import { symmetricEigen } from "../../src/unsupervised/symmetric-eigen.ts";
import { normal } from "./blobs.ts";

const close = (actual: ArrayLike<number>, expected: number[], digits = 12) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    expect(actual[i]).toBeCloseTo(e, digits);
  });
};

describe("fitPca", () => {
  // X = [[2, 0], [0, 1], [−2, −1]] has mean 0. Covariance (n − 1 = 2): var x = 8/2 = 4, var y = 2/2 = 1,
  // cov xy = (0 + 0 + 2)/2 = 1, so C = [[4, 1], [1, 1]]. Its eigenvalues solve λ² − 5λ + 3 = 0:
  // λ = (5 ± √13)/2 = 4.302776 and 0.697224, ratios λ/5 = 0.860555 and 0.139445. The first eigenvector
  // solves (4 − λ)v₁ + v₂ = 0: v ∝ (1, λ − 4) = (1, 0.302776), normalised (0.957092, 0.289784); the second
  // is orthogonal, (−0.289784, 0.957092). Scores on v: 1.914, 0.290, −2.204 — the largest |score| is negative.
  const X = matrix(3, 2, Float64Array.from([2, 0, 0, 1, -2, -1]));
  const l1 = (5 + Math.sqrt(13)) / 2;
  const l2 = (5 - Math.sqrt(13)) / 2;
  const v = [1, l1 - 4].map((x) => x / Math.hypot(1, l1 - 4));
  const [a, b] = v as [number, number];

  it("finds the hand-computed eigenvalues, ratios and axes", () => {
    const pca = fitPca(X);
    close(pca.explainedVariance, [l1, l2]);
    close(pca.explainedVarianceRatio, [l1 / 5, l2 / 5]);
    close(pca.singularValues, [Math.sqrt(2 * l1), Math.sqrt(2 * l2)]);
    close(pca.mean, [0, 0]);
    expect(pca.noiseVariance).toBe(0);
    expect(fitPca(X, { nComponents: 1 }).noiseVariance).toBeCloseTo(l2, 12);
  });

  it("signs the axes as sklearn ≥ 1.5 (largest loading positive) by default", () => {
    close(fitPca(X).components.data, [a, b, -b, a]);
  });

  it("signs them as sklearn ≤ 1.4 (largest score positive) on request — Debian's sklearn 1.2.1 agrees", () => {
    // sklearn 1.2.1: PCA().fit(X).components_ = [[-0.9570920264890529, -0.28978414868843005],
    //                                              [-0.28978414868843005, 0.9570920264890529]]
    const pca = fitPca(X, { signConvention: "scores" });
    close(
      pca.components.data,
      [-0.9570920264890529, -0.28978414868843005, -0.28978414868843005, 0.9570920264890529],
    );
    close(pcaTransform(pca, X).data, [-2 * a, -2 * b, -b, a, 2 * a + b, 2 * b - a]);
  });

  it("matches scikit-learn 1.2.1 on a fixed 10 × 3 matrix", () => {
    // python3: PCA().fit(A).explained_variance_ratio_, .explained_variance_, .components_ (sklearn 1.2.1)
    const A = matrix(
      10,
      3,
      Float64Array.from([
        2.5, 2.4, 0.5, 0.5, 0.7, 1.9, 2.2, 2.9, -0.3, 1.9, 2.2, 0.8, 3.1, 3.0, -1.2, 2.3, 2.7, 0.1, 2.0, 1.6,
        1.5, 1.0, 1.1, 0.9, 1.5, 1.6, 2.2, 1.1, 0.9, 0.4,
      ]),
    );
    const pca = fitPca(A, { signConvention: "scores" });
    close(pca.explainedVarianceRatio, [0.8466296204856584, 0.13285349798311605, 0.02051688153122541]);
    close(pca.explainedVariance, [2.0200582744787807, 0.3169884461877149, 0.048953279333503824]);
    close(
      pca.components.data,
      [
        0.5089852246988572, 0.555683216124522, -0.6573813234004764, -0.46097154729734624, -0.4689985282620046,
        -0.7533562325157761, -0.7269382873535719, 0.6864812770976219, 0.017440830653216444,
      ],
      10,
    );
  });

  it("keeps distances under a full rotation and orders variance", () => {
    const rng = new Random(3);
    const n = 200;
    const d = 6;
    const data = Float64Array.from({ length: n * d }, (_, k) => normal(rng) * (1 + (k % d)));
    const Y = matrix(n, d, data);
    const pca = fitPca(Y);
    const Z = pcaTransform(pca, Y);
    const dist = (M: typeof Y, i: number, j: number) => {
      let s = 0;
      for (let f = 0; f < M.cols; f++)
        s += ((M.data[i * M.cols + f] as number) - (M.data[j * M.cols + f] as number)) ** 2;
      return s;
    };
    for (const [i, j] of [
      [0, 1],
      [5, 77],
      [100, 199],
    ] as const) {
      expect(dist(Z, i, j)).toBeCloseTo(dist(Y, i, j), 9);
    }
    for (let c = 1; c < d; c++) {
      expect(pca.explainedVariance[c] as number).toBeLessThanOrEqual(pca.explainedVariance[c - 1] as number);
    }
    const total = Array.from(pca.explainedVarianceRatio).reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(1, 12);
  });
});

describe("symmetricEigen", () => {
  it("diagonalises a symmetric matrix: A v = λ v with orthonormal v", () => {
    const A = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = symmetricEigen(A, 3);
    for (let r = 0; r < 3; r++) {
      for (let i = 0; i < 3; i++) {
        let av = 0;
        for (let j = 0; j < 3; j++) av += (A[i * 3 + j] as number) * (vectors[r * 3 + j] as number);
        expect(av).toBeCloseTo((values[r] as number) * (vectors[r * 3 + i] as number), 12);
      }
    }
    expect((values[0] as number) + (values[1] as number) + (values[2] as number)).toBeCloseTo(12, 12);
  });
});
