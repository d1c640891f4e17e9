import { describe, expect, it } from "vitest";
import { type CombinerInput, combine, fitCombiner } from "../../src/genre-model/combiner.ts";
import { Random } from "../../src/random.ts";

/** A random distribution over k classes, peaked at random (so the experts carry information). */
function randomDistribution(rng: Random, k: number): Float64Array {
  const p = Float64Array.from({ length: k }, () => 0.05 + rng.nextFloat() ** 3);
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / sum);
}

/**
 * A synthetic task drawn from the combiner's own model: each row's label is sampled from
 * softmax(Σ_j w_{h,j} · log p_j + b) with known weights and biases, so a fit on many rows must recover them.
 */
function synthetic(
  n: number,
  k: number,
  weights: number[][],
  bias: number[],
  seed: number,
): { input: CombinerInput; labels: Int32Array } {
  const rng = new Random(seed);
  const J = (weights[0] as number[]).length;
  const experts = Array.from({ length: J }, () => new Float64Array(n * k));
  const groups = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = rng.nextInt(weights.length);
    groups[i] = h;
    const scores = new Float64Array(k).map((_, g) => bias[g] as number);
    for (let j = 0; j < J; j++) {
      const p = randomDistribution(rng, k);
      (experts[j] as Float64Array).set(p, i * k);
      for (let g = 0; g < k; g++)
        scores[g] =
          (scores[g] as number) + ((weights[h] as number[])[j] as number) * Math.log(p[g] as number);
    }
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    let u = rng.nextFloat() * total;
    let y = 0;
    while (y < k - 1 && u >= (e[y] as number)) u -= e[y++] as number;
    labels[i] = y;
  }
  return { input: { experts, groups, nGroups: weights.length, nClasses: k }, labels };
}

describe("fitCombiner", () => {
  it("recovers known weights per evidence group and the class biases", () => {
    const weights = [
      [2, 0.5],
      [0.3, 1.5],
    ];
    const bias = [0.4, -0.2, 0, -0.6, 0.4];
    const { input, labels } = synthetic(20_000, 5, weights, bias, 3);
    const fit = fitCombiner(input, labels, { l2: 0, l2Weights: 0, tol: 1e-7 });
    expect(fit.converged).toBe(true);
    // 20,000 rows: the maximum-likelihood estimates lie within a few hundredths of the truth.
    weights.flat().forEach((w, q) => {
      expect(Math.abs((fit.weights[q] as number) - w)).toBeLessThan(0.08);
    });
    // Biases are identified up to a constant; the zero start keeps their sum at the truth's sum (0).
    bias.forEach((b, g) => {
      expect(Math.abs((fit.bias[g] as number) - b)).toBeLessThan(0.08);
    });
  });

  it("gives an uninformative expert (weight 0 in truth) a weight near 0, never below", () => {
    const { input, labels } = synthetic(10_000, 4, [[1.2, 0]], [0, 0, 0, 0], 8);
    const fit = fitCombiner(input, labels);
    expect(fit.weights[0]).toBeGreaterThan(1);
    expect(fit.weights[1]).toBeGreaterThanOrEqual(0);
    expect(fit.weights[1]).toBeLessThan(0.05);
  });

  it("keeps a weight at 0 where the free fit would make it negative", () => {
    // Labels drawn with weight −1 on the expert: the most likely class is its least probable one.
    const { input, labels } = synthetic(5_000, 4, [[-1]], [0, 0, 0, 0], 4);
    const fit = fitCombiner(input, labels);
    expect(fit.weights[0]).toBeGreaterThanOrEqual(0);
    expect(fit.weights[0]).toBeLessThan(0.05);
  });

  it("rejects zero probabilities, out-of-range groups and mismatched labels", () => {
    const input: CombinerInput = {
      experts: [Float64Array.from([0.5, 0.5, 1, 0])],
      groups: Int32Array.from([0, 0]),
      nGroups: 1,
      nClasses: 2,
    };
    expect(() => fitCombiner(input, Int32Array.from([0, 1]))).toThrow(/probability 0/);
    const ok = { ...input, experts: [Float64Array.from([0.5, 0.5, 0.9, 0.1])] };
    expect(() => fitCombiner({ ...ok, groups: Int32Array.from([0, 1]) }, Int32Array.from([0, 1]))).toThrow(
      /group 1/,
    );
    expect(() => fitCombiner(ok, Int32Array.from([0]))).toThrow(/1 labels for 2 rows/);
  });
});

describe("combine", () => {
  it("is the weighted geometric mean of the experts times exp(bias), renormalised (hand-checked)", () => {
    const fit = {
      weights: Float64Array.from([2, 1]),
      bias: Float64Array.from([0, Math.log(2)]),
      nExperts: 2,
      nGroups: 1,
      iterations: 0,
      evaluations: 0,
      converged: true,
      stop: "gtol" as const,
      logLoss: 0,
    };
    const input: CombinerInput = {
      experts: [Float64Array.from([0.5, 0.5]), Float64Array.from([0.2, 0.8])],
      groups: Int32Array.from([0]),
      nGroups: 1,
      nClasses: 2,
    };
    // Class 0: 0.5² · 0.2 · 1 = 0.05; class 1: 0.5² · 0.8 · 2 = 0.4; normalised 0.05 / 0.45 and 0.4 / 0.45.
    const p = combine(fit, input);
    expect(p[0]).toBeCloseTo(1 / 9, 14);
    expect(p[1]).toBeCloseTo(8 / 9, 14);
    expect(() => combine(fit, { ...input, nGroups: 2 })).toThrow(/groups/);
  });
});
