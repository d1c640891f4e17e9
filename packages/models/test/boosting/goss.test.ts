import { describe, expect, it } from "vitest";
import { gossRows, gossStartIteration, kthLargest, validateGoss } from "../../src/boosting/goss.ts";
import { HistGradientBoostingClassifier } from "../../src/boosting/hist-gradient-boosting.ts";
import { argmaxRows } from "../../src/evaluate/classification.ts";
import { take, takeRows } from "../../src/matrix.ts";
import { accuracy } from "../../src/metrics/index.ts";
import { Random } from "../../src/random.ts";
import { blobs } from "../tree/fixtures.ts";

/** Values with many ties: integers 0..19 scaled, from a seeded generator. */
function tiedValues(n: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: n }, () => random.nextInt(20) / 4 - 2);
}

describe("kthLargest", () => {
  it("finds the k-th largest value, ties included, as a full sort does", () => {
    for (const seed of [1, 2, 3]) {
      const values = tiedValues(501, seed);
      const sorted = Array.from(values).sort((a, b) => b - a);
      for (const k of [1, 2, 50, 250, 500, 501])
        expect(kthLargest(values.slice(), 501, k)).toBe(sorted[k - 1]);
    }
  });
});

describe("gossRows", () => {
  const n = 1000;
  const goss = { topRate: 0.2, otherRate: 0.1, seed: 5 };
  const gradients = () => {
    const random = new Random(9);
    // A few large gradients (a class's own rows) among many tiny ones, with ties among the large ones.
    return Float32Array.from({ length: n }, (_, i) =>
      i % 7 === 0 ? -0.5 - (i % 3) * 0.1 : random.nextFloat() * 0.01,
    );
  };

  it("keeps the ⌈top·n⌉ largest |g| unscaled and samples the rest scaled by the inverse of its rate", () => {
    const g0 = gradients();
    const g = g0.slice();
    const h = Float32Array.from(g0, (v) => Math.abs(v) / 2);
    const rows = new Uint32Array(n);
    const count = gossRows(g, h, goss, 11, 3, rows, new Float32Array(n), new Uint32Array(n));
    const chosen = Array.from(rows.subarray(0, count));
    expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
    // The 200 largest |g|: all 143 rows i % 7 === 0 (|g| ≥ 0.5), then the 57 largest tiny ones.
    const byMagnitude = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => Math.abs(g0[b] as number) - Math.abs(g0[a] as number) || a - b,
    );
    const top = new Set(byMagnitude.slice(0, 200));
    for (const i of top) {
      expect(chosen).toContain(i);
      expect(g[i]).toBe(g0[i]);
    }
    const others = chosen.filter((i) => !top.has(i));
    const scale = 1 / ((0.1 * n) / (n - 200));
    for (const i of others) {
      expect(g[i]).toBeCloseTo((g0[i] as number) * scale, 6);
      expect(h[i]).toBeCloseTo((Math.abs(g0[i] as number) / 2) * scale, 6);
    }
    // Rows left out are untouched.
    for (let i = 0; i < n; i++) if (!chosen.includes(i)) expect(g[i]).toBe(g0[i]);
    // About other·n of the rest are drawn (binomial: 800 rows at 1/8, sd ≈ 9.4).
    expect(others.length).toBeGreaterThan(100 - 40);
    expect(others.length).toBeLessThan(100 + 40);
  });

  it("draws the same rows for the same (seed, iteration, class) and other rows for another class or iteration", () => {
    const draw = (iteration: number, k: number, seed = 5) => {
      const rows = new Uint32Array(n);
      const count = gossRows(
        gradients(),
        new Float32Array(n).fill(1),
        { ...goss, seed },
        iteration,
        k,
        rows,
        new Float32Array(n),
        new Uint32Array(n),
      );
      return Array.from(rows.subarray(0, count)).join();
    };
    expect(draw(11, 3)).toBe(draw(11, 3));
    expect(draw(11, 4)).not.toBe(draw(11, 3));
    expect(draw(12, 3)).not.toBe(draw(11, 3));
    expect(draw(11, 3, 6)).not.toBe(draw(11, 3));
  });

  it("keeps the gradient sum unbiased: averaged over draws, the sampled sum approaches the full one", () => {
    const g0 = gradients();
    const full = g0.reduce((s, v) => s + v, 0);
    let mean = 0;
    const draws = 2000;
    for (let d = 0; d < draws; d++) {
      const g = g0.slice();
      const rows = new Uint32Array(n);
      const count = gossRows(
        g,
        new Float32Array(n),
        goss,
        d + 1,
        0,
        rows,
        new Float32Array(n),
        new Uint32Array(n),
      );
      let sum = 0;
      for (let j = 0; j < count; j++) sum += g[rows[j] as number] as number;
      mean += sum / draws;
    }
    // The small-gradient rows (about 800, |g| < 0.01) sum to about 3.7; unscaled, a draw of an eighth of them
    // would miss about 3.2 of it. Scaled, one draw's sum has a spread of about 0.4 (800 rows × E[g²] ≈ 3e-5 ×
    // (8 − 1)), so 2,000 draws leave about 0.009: a bound of 0.045 is five of those.
    expect(Math.abs(mean - full)).toBeLessThan(0.045);
  });

  it("rejects rates that leave no room to sample, and starts after 1 / learning rate iterations as LightGBM does", () => {
    expect(() => validateGoss({ topRate: 0.5, otherRate: 0.5, seed: 1 })).toThrow(/topRate \+ otherRate < 1/);
    expect(() => validateGoss({ topRate: 0, otherRate: 0.1, seed: 1 })).toThrow(RangeError);
    expect(gossStartIteration(0.1)).toBe(10);
    expect(gossStartIteration(0.3)).toBe(3);
  });
});

describe("HistGradientBoostingClassifier with GOSS", () => {
  const all = blobs(6, 3000, 4, 6, 1.5);
  const tr = Int32Array.from({ length: 2000 }, (_, i) => i);
  const te = Int32Array.from({ length: 1000 }, (_, i) => 2000 + i);
  const X = takeRows(all.X, tr);
  const y = take(all.y, tr);
  const fit = (threads: number, goss: { topRate: number; otherRate: number; seed: number } | null) =>
    new HistGradientBoostingClassifier({
      maxIter: 30,
      maxLeafNodes: 15,
      learningRate: 0.2,
      threads,
      goss,
    }).fit(X, y, 6);
  const flat = (m: HistGradientBoostingClassifier) =>
    JSON.stringify(
      Object.entries(m.model.flat).map(([k, v]) => [
        k,
        ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
      ]),
    );

  it("gives the same model in one thread and in worker threads, different from the unsampled one, about as accurate", async () => {
    const goss = { topRate: 0.2, otherRate: 0.1, seed: 3 };
    const one = await fit(1, goss);
    const two = await fit(2, goss);
    expect(flat(two)).toBe(flat(one));
    const plain = await fit(1, null);
    expect(flat(one)).not.toBe(flat(plain));
    // The first 1 / 0.2 = 5 iterations use every row: the first 5 × 6 trees are the unsampled model's.
    const firstTrees = (m: HistGradientBoostingClassifier) => {
      const f = m.model.flat;
      return Array.from(f.value.subarray(0, f.treeStart[30] as number)).join();
    };
    expect(firstTrees(one)).toBe(firstTrees(plain));
    const Xt = takeRows(all.X, te);
    const yt = take(all.y, te);
    const accOf = (m: HistGradientBoostingClassifier) => accuracy(yt, argmaxRows(m.predictProba(Xt), 6));
    expect(accOf(one)).toBeGreaterThan(accOf(plain) - 0.03);
  }, 60_000);
});
