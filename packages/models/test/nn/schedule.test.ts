import { describe, expect, it } from "vitest";
import { EarlyStopping } from "../../src/nn/early-stopping.ts";
import { learningRateAt } from "../../src/nn/schedule.ts";

describe("learning-rate schedules", () => {
  it("StepLR(10, 0.1) keeps lr₀ for epochs 0–9, then a tenth for 10–19, a hundredth from 20", () => {
    const step = { kind: "step", stepSize: 10, gamma: 0.1 } as const;
    const lrs = [0, 9, 10, 19, 20, 27].map((e) => learningRateAt(step, 0.002, e));
    [0.002, 0.002, 0.0002, 0.0002, 0.00002, 0.00002].forEach((want, i) => {
      expect(lrs[i]).toBeCloseTo(want, 12);
    });
  });

  it("cosine annealing goes from lr₀ through lr₀/2 at mid-course to 0", () => {
    const cosine = { kind: "cosine", epochs: 4 } as const;
    expect(learningRateAt(cosine, 1, 0)).toBe(1);
    expect(learningRateAt(cosine, 1, 2)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(cosine, 1, 1)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 12);
    expect(learningRateAt(cosine, 1, 4)).toBeCloseTo(0, 12);
    expect(learningRateAt({ kind: "constant" }, 0.3, 50)).toBe(0.3);
    expect(() => learningRateAt(cosine, 1, -1)).toThrow("epoch");
  });
});

describe("early stopping (Lightning's rule)", () => {
  it("counts epochs that fail to beat the best by more than minDelta and stops after `patience` of them", () => {
    const stopping = new EarlyStopping({ patience: 3, minDelta: 1e-4, restoreBest: false });
    // Epoch 4 improves on epoch 2 by only 5e-5: not an improvement. Stop after epochs 3, 4, 5.
    const losses = [1.0, 0.9, 0.95, 0.89995, 0.96, 0.5];
    const improved: boolean[] = [];
    let stoppedAt = 0;
    for (const [i, loss] of losses.entries()) {
      improved.push(stopping.update(i + 1, loss));
      if (stopping.shouldStop) {
        stoppedAt = i + 1;
        break;
      }
    }
    expect(improved).toEqual([true, true, false, false, false]);
    expect(stoppedAt).toBe(5);
    expect(stopping.bestEpoch).toBe(2);
    expect(stopping.best).toBe(0.9);
  });

  it("stops at once on a non-finite loss and rejects bad settings", () => {
    const stopping = new EarlyStopping({ patience: 5, minDelta: 0, restoreBest: true });
    stopping.update(1, 1);
    stopping.update(2, Number.NaN);
    expect(stopping.shouldStop).toBe(true);
    expect(() => new EarlyStopping({ patience: 0, minDelta: 0, restoreBest: false })).toThrow("patience");
  });
});
