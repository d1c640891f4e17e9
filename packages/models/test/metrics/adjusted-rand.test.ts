import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../../src/metrics/adjusted-rand.ts";
import { Random } from "../../src/random.ts";

/** Hubert & Arabie's formula with binomial coefficients: an independent route to the ARI. */
function hubertArabie(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const pair = (m: number) => (m * (m - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]},${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i] as number, (rows.get(a[i] as number) ?? 0) + 1);
    cols.set(b[i] as number, (cols.get(b[i] as number) ?? 0) + 1);
  }
  const index = [...cells.values()].reduce((s, m) => s + pair(m), 0);
  const sumA = [...rows.values()].reduce((s, m) => s + pair(m), 0);
  const sumB = [...cols.values()].reduce((s, m) => s + pair(m), 0);
  const expected = (sumA * sumB) / pair(a.length);
  return (index - expected) / ((sumA + sumB) / 2 - expected);
}

describe("adjustedRandIndex", () => {
  it("matches hand computation on small partitions", () => {
    // [0,0,1,1,2,2] vs [0,0,1,2,2,2]: Σ C(n_ij, 2) = 1 + 1 = 2; rows Σ C = 3; columns (2, 1, 3) Σ C = 1 + 0 + 3 = 4;
    // C(6, 2) = 15; expected = 3·4/15 = 0.8; max = (3 + 4)/2 = 3.5; ARI = (2 − 0.8)/(3.5 − 0.8) = 4/9.
    // scikit-learn 1.2.1: 0.4444444444444444.
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2])).toBeCloseTo(4 / 9, 15);
    // Cluster ids need not be 0..K-1: [0,0,0,1,1,1] vs [5,5,7,7,9,9]: Σ = 2, rows 6, columns 3, C(6,2) = 15;
    // (2 − 18/15) / (4.5 − 18/15) = 0.8 / 3.3 = 8/33. scikit-learn 1.2.1: 0.24242424242424243.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [5, 5, 7, 7, 9, 9])).toBeCloseTo(8 / 33, 15);
    // Crossed halves: Σ = 0, rows 2, columns 2, C(4,2) = 6; (0 − 2/3) / (2 − 2/3) = −1/2. sklearn: -0.5.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBe(-0.5);
  });

  it("is 1 for identical partitions up to renaming, including degenerate ones", () => {
    // scikit-learn 1.2.1 returns 1.0 for each of these.
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [0, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [3, 4, 5])).toBe(1);
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(RangeError);
  });

  it("stays accurate at n = 200,000, where pair counts pass 2^53", () => {
    const rng = new Random(8);
    const n = 200_000;
    const a = Int32Array.from({ length: n }, () => rng.nextInt(6));
    // b agrees with a 70% of the time, else a random one of 9 ids.
    const b = Int32Array.from(a, (v) => (rng.nextFloat() < 0.7 ? v : rng.nextInt(9)));
    const expected = hubertArabie(a, b);
    expect(expected).toBeGreaterThan(0.3);
    expect(adjustedRandIndex(a, b)).toBeCloseTo(expected, 11);
    // Independent labelings score near 0.
    const c = Int32Array.from({ length: n }, () => rng.nextInt(6));
    expect(Math.abs(adjustedRandIndex(a, c))).toBeLessThan(0.001);
  });
});
