import { type Matrix, matrix } from "../../src/matrix.ts";

/**
 * A deterministic n × d problem with K classes, built from sines and cosines so that the same numbers come
 * out of numpy. Python twin (used to produce the scikit-learn reference values in the tests):
 *
 *     def toy(n, d, K):
 *         X = np.zeros((n, d)); y = np.zeros(n, dtype=int)
 *         for i in range(n):
 *             c = (i * 7 + (i // 5)) % K
 *             y[i] = c
 *             for j in range(d):
 *                 X[i, j] = (np.sin(1.3 * i + 0.7 * j * j + 0.1) * (1 + j) + 0.9 * np.cos(0.37 * i * (j + 1))
 *                            + (1.2 if (c + j) % K == 0 else 0.0) - 0.5 * c * (j % 2))
 *         return X, y
 */
export function toy(n: number, d: number, K: number): { X: Matrix; y: Int32Array } {
  const X = matrix(n, d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = (i * 7 + Math.floor(i / 5)) % K;
    y[i] = c;
    for (let j = 0; j < d; j++) {
      X.data[i * d + j] =
        Math.sin(1.3 * i + 0.7 * j * j + 0.1) * (1 + j) +
        0.9 * Math.cos(0.37 * i * (j + 1)) +
        ((c + j) % K === 0 ? 1.2 : 0) -
        0.5 * c * (j % 2);
    }
  }
  return { X, y };
}
