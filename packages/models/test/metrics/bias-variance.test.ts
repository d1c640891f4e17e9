import { describe, expect, it } from "vitest";
import { biasVarianceDecomp } from "../../src/metrics/bias-variance.ts";
import { Random } from "../../src/random.ts";

describe("biasVarianceDecomp", () => {
  it("decomposes squared error as mlxtend does", () => {
    // y = 1, 2; rounds predict (1,2) (3,2) (1,4) (3,4). Main prediction m = (2, 3).
    // loss = mean of (0,0,4,0,0,4,4,4) = 16/8 = 2; bias = ((2−1)² + (3−2)²)/2 = 1; var = mean (m − p)² = 8/8 = 1.
    const rounds = [
      [1, 2],
      [3, 2],
      [1, 4],
      [3, 4],
    ];
    const r = biasVarianceDecomp({
      nTrain: 10,
      yTest: [1, 2],
      fitPredict: (_, round) => rounds[round] as number[],
      loss: "mse",
      numRounds: 4,
      rng: new Random(1),
    });
    expect(r).toEqual({ avgExpectedLoss: 2, avgBias: 1, avgVar: 1 });
  });

  it("uses the mode, ties to the smallest label, for 0-1 loss", () => {
    // Test point 0 (y = 3): predictions 3 1 3 1 0 → 1 and 3 tie, the mode is 1 ≠ 3: bias 1; 3 miss y; 3 miss the mode.
    // Test point 1 (y = 1): 2 2 2 1 1 → mode 2 ≠ 1: bias 1; 3 miss y; 2 miss the mode.
    // Test point 2 (y = 2): always 2 → nothing.
    // loss = (3 + 3 + 0)/15 = 0.4; bias = 2/3; var = (3 + 2 + 0)/15 = 1/3.
    const rounds = [
      [3, 2, 2],
      [1, 2, 2],
      [3, 2, 2],
      [1, 1, 2],
      [0, 1, 2],
    ];
    const r = biasVarianceDecomp({
      nTrain: 10,
      yTest: Int32Array.of(3, 1, 2),
      fitPredict: (_, round) => Int32Array.from(rounds[round] as number[]),
      loss: "0-1_loss",
      numRounds: 5,
      rng: new Random(1),
    });
    expect(r.avgExpectedLoss).toBeCloseTo(0.4, 15);
    expect(r.avgBias).toBeCloseTo(2 / 3, 15);
    expect(r.avgVar).toBeCloseTo(1 / 3, 15);
  });

  it("fits on bootstrap samples drawn from the rng", () => {
    const seen: Int32Array[] = [];
    const run = (seed: number) =>
      biasVarianceDecomp({
        nTrain: 50,
        yTest: Float64Array.of(0.5, 1.5),
        // A "model" predicting the mean bootstrap index / 50 for every test row.
        fitPredict: (idx) => {
          seen.push(idx);
          const mean = idx.reduce((s, v) => s + v, 0) / idx.length / 50;
          return [mean, mean];
        },
        loss: "mse",
        numRounds: 20,
        rng: new Random(seed),
      });
    const first = run(3);
    expect(seen).toHaveLength(20);
    expect(seen.every((idx) => idx.length === 50 && idx.every((v) => v >= 0 && v < 50))).toBe(true);
    // Drawn with replacement: some index repeats within a sample (P(no repeat) = 50!/50^50 ≈ 3e-21).
    expect(seen.every((idx) => new Set(idx).size < 50)).toBe(true);
    expect(run(3)).toEqual(first);
    expect(first.avgExpectedLoss).toBeCloseTo(first.avgBias + first.avgVar, 14);
    expect(first.avgVar).toBeGreaterThan(0);
  });

  it("rejects non-label predictions for 0-1 loss and wrong lengths", () => {
    const base = { nTrain: 4, yTest: [0, 1], numRounds: 2, rng: new Random(0) };
    expect(() => biasVarianceDecomp({ ...base, loss: "0-1_loss", fitPredict: () => [0.5, 1] })).toThrow(
      RangeError,
    );
    expect(() => biasVarianceDecomp({ ...base, loss: "mse", fitPredict: () => [0] })).toThrow(RangeError);
  });
});
