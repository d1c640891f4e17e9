import { describe, expect, it } from "vitest";
import { permutationImportance } from "../../src/metrics/permutation-importance.ts";
import { Random } from "../../src/random.ts";

describe("permutationImportance", () => {
  // 6 rows × 3 columns, row-major. The "model" predicts y = column 0 and ignores the rest.
  const n = 6;
  const X = Float64Array.from({ length: n * 3 }, (_, i) => (i % 3 === 0 ? i / 3 : (i * 7) % 5));
  const y = Float64Array.from({ length: n }, (_, i) => i);
  // Score = −mean |ŷ − y|, so the baseline is 0 and a shuffled column 0 gives a drop ≥ 0.
  const score = (M: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs((M[i * 3] as number) - (y[i] as number));
    return -s / n;
  };

  it("measures the score drop of each shuffled column", () => {
    const before = X.slice();
    const r = permutationImportance({ X, nCols: 3, predictScore: score, nRepeats: 8, rng: new Random(5) });
    expect(X).toEqual(before); // the input is not touched
    expect(r.baseline).toBeCloseTo(0, 15);
    expect(r.importances).toHaveLength(3 * 8);
    // Ignored columns: every drop is exactly 0.
    for (const j of [1, 2]) {
      expect(Array.from(r.importances.subarray(j * 8, j * 8 + 8))).toEqual(new Array(8).fill(0));
      expect(r.mean[j]).toBe(0);
      expect(r.std[j]).toBe(0);
    }
    // Column 0: each drop is mean |i − π(i)| for a permutation π: a multiple of 1/6 in [0, 3].
    const drops = Array.from(r.importances.subarray(0, 8));
    for (const d of drops) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(Math.abs(d * 6 - Math.round(d * 6))).toBeLessThan(1e-12);
    }
    expect(drops.some((d) => d > 0)).toBe(true);
    const mean = drops.reduce((s, d) => s + d, 0) / 8;
    expect(r.mean[0]).toBeCloseTo(mean, 15);
    expect(r.std[0]).toBeCloseTo(Math.sqrt(drops.reduce((s, d) => s + (d - mean) ** 2, 0) / 8), 15);
  });

  it("replays the same shuffles for every column, as sklearn", () => {
    // Two identical columns scored symmetrically: their drops must match repeat by repeat.
    const Z = Float64Array.from({ length: n * 2 }, (_, i) => Math.floor(i / 2));
    const colScore = (j: number) => (M: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (M[i * 2 + j] as number) === i ? 1 : 0;
      return s / n;
    };
    const both = (M: Float64Array) => colScore(0)(M) + colScore(1)(M);
    const r = permutationImportance({ X: Z, nCols: 2, predictScore: both, nRepeats: 10, rng: new Random(9) });
    expect(Array.from(r.importances.subarray(0, 10))).toEqual(Array.from(r.importances.subarray(10, 20)));
    const again = permutationImportance({
      X: Z,
      nCols: 2,
      predictScore: both,
      nRepeats: 10,
      rng: new Random(9),
    });
    expect(again).toEqual(r);
  });

  it("rejects a matrix whose length is not a multiple of nCols", () => {
    expect(() =>
      permutationImportance({ X: new Float64Array(5), nCols: 2, predictScore: () => 0, rng: new Random(0) }),
    ).toThrow(RangeError);
  });
});
