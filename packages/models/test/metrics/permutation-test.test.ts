import { describe, expect, it } from "vitest";
import { permutationTestScore } from "../../src/metrics/permutation-test.ts";
import { Random } from "../../src/random.ts";

describe("permutationTestScore", () => {
  // 20 balanced labels; the "model" always predicts the true labels, so the real score is 1.
  const y = Int32Array.from({ length: 20 }, (_, i) => i % 2);
  const truth = y.slice();
  const accuracyAgainstTruth = (labels: Int32Array) => labels.filter((v, i) => v === truth[i]).length / 20;

  it("reports the score, the permuted scores and (C + 1) / (n + 1)", () => {
    const seen: Int32Array[] = [];
    const r = permutationTestScore({
      y,
      score: (labels) => {
        seen.push(labels);
        return accuracyAgainstTruth(labels);
      },
      nPermutations: 99,
      rng: new Random(4),
    });
    expect(r.score).toBe(1);
    expect(r.permutationScores).toHaveLength(99);
    expect(y).toEqual(truth); // the caller's labels are not shuffled in place
    // Every call got a permutation of y: ten 0s and ten 1s.
    expect(seen.every((l) => l.reduce((s, v) => s + v, 0) === 10)).toBe(true);
    // Only a label-preserving permutation (probability 1/C(20,10) ≈ 5e-6 each) would score 1.
    const c = r.permutationScores.filter((s) => s >= 1).length;
    expect(c).toBe(0);
    expect(r.pValue).toBe(1 / 100);
  });

  it("gives p = 1 when the labels carry no information", () => {
    // Constant labels: every permutation scores the same, so C = n and p = (n + 1)/(n + 1).
    const r = permutationTestScore({
      y: new Int32Array(10),
      score: (labels) => labels.filter((v) => v === 0).length / 10,
      nPermutations: 9,
      rng: new Random(4),
    });
    expect(r.pValue).toBe(1);
  });

  it("is reproducible for a seed", () => {
    const run = () =>
      permutationTestScore({ y, score: accuracyAgainstTruth, nPermutations: 30, rng: new Random(8) })
        .permutationScores;
    expect(run()).toEqual(run());
  });
});
