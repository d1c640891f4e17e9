import { describe, expect, it } from "vitest";
import { gradientAt, lrLadder, SEED_LR_FIND, suggestLearningRate } from "../../src/nn/lr-range-test.ts";

describe("the learning-rate range test", () => {
  it("climbs Lightning's exponential ladder: min first, then min·(max/min)^((i+1)/steps)", () => {
    const ladder = lrLadder(SEED_LR_FIND);
    expect(ladder).toHaveLength(100);
    expect(ladder[0]).toBe(1e-10);
    expect(ladder[99]).toBeCloseTo(0.1, 12);
    // The seed's suggestion 0.0019498445997580478 = 10^(−10 + 9·0.81) is the ladder's rung 80.
    expect((ladder[80] as number) / 0.0019498445997580478).toBeCloseTo(1, 12);
    expect(() => lrLadder({ minLr: 1, maxLr: 0.1, steps: 10 })).toThrow("bad range test");
  });

  it("differentiates like torch.gradient / numpy.gradient on an uneven grid", () => {
    // numpy.gradient([1, 4, 9, 16], [0, 1, 3, 6]) = [3, 17/6, 73/30, 7/3].
    const g = gradientAt([1, 4, 9, 16], [0, 1, 3, 6]);
    [3, 17 / 6, 73 / 30, 7 / 3].forEach((want, i) => {
      expect(g[i]).toBeCloseTo(want, 12);
    });
  });

  it("suggests the first rate after the steepest drop", () => {
    // Flat at 2, one step down to 1.9 between rungs 49 and 50. On a geometric grid (ratio q) the central
    // difference at rung 50 is q times steeper than at rung 49, so rung 50 is the steepest point.
    const ladder = lrLadder(SEED_LR_FIND);
    const points = ladder.map((lr, i) => ({ lr, loss: i < 50 ? 2 : 1.9 }));
    expect(suggestLearningRate(points)).toBe(50);
  });

  it("lets a tiny dip among tiny rates beat a steady fall at useful rates (slopes are per unit of lr)", () => {
    const ladder = lrLadder(SEED_LR_FIND);
    // A 0.001 dip at rung 30 (lr ~ 1e-7), then from rung 70 (lr ~ 2e-4) a fall of 0.01 per rung.
    const points = ladder.map((lr, i) => ({
      lr,
      loss: (i === 30 ? 2.299 : 2.3) - (i > 70 ? 0.01 * (i - 70) : 0),
    }));
    const suggested = suggestLearningRate(points) as number;
    expect(suggested).toBeGreaterThanOrEqual(29);
    expect(suggested).toBeLessThanOrEqual(31);
  });

  it("skips the first 10 and the last point, ignores non-finite losses, and needs two points", () => {
    const ladder = lrLadder(SEED_LR_FIND);
    // The steepest fall sits in the skipped head; the suggestion must come from rung 10 on.
    const points = ladder.map((lr, i) => ({
      lr,
      loss: i < 5 ? 10 - i : i === 60 ? Number.NaN : 2 - 0.001 * i,
    }));
    // On the remaining straight fall, the smallest lr step (the first kept point) is the steepest.
    expect(suggestLearningRate(points)).toBe(10);
    expect(suggestLearningRate(points.slice(0, 12))).toBeNull();
  });
});
