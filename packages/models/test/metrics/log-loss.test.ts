import { describe, expect, it } from "vitest";
import { logLoss } from "../../src/metrics/log-loss.ts";

describe("logLoss", () => {
  it("averages −log p of the true class", () => {
    const y = [0, 1, 2, 2, 1, 0, 2, 1, 0, 1];
    // biome-ignore format: one row per sample
    const P = Float64Array.of(
      0.7, 0.2, 0.1,
      0.2, 0.5, 0.3,
      0.1, 0.3, 0.6,
      0.3, 0.3, 0.4,
      0.4, 0.4, 0.2,
      0.5, 0.25, 0.25,
      0.2, 0.2, 0.6,
      0.1, 0.8, 0.1,
      0.3, 0.4, 0.3,
      0.6, 0.3, 0.1,
    );
    // True-class probabilities: .7 .5 .6 .4 .4 .5 .6 .8 .3 .3.
    const byHand =
      -(
        Math.log(0.7) +
        2 * Math.log(0.5) +
        2 * Math.log(0.6) +
        2 * Math.log(0.4) +
        Math.log(0.8) +
        2 * Math.log(0.3)
      ) / 10;
    expect(logLoss(y, P)).toBeCloseTo(byHand, 14);
    expect(logLoss(y, P)).toBeCloseTo(0.7228291176304996, 14); // scikit-learn 1.2.1 log_loss
  });

  it("clips zero and one probabilities to machine epsilon", () => {
    // Row 2 gives the true class 0, clipped to 2^-52: (−log(1 − 2^-52) − log(2^-52)) / 2 = 52·ln 2 / 2 + ~1e-16.
    // scikit-learn 1.2.1 log_loss([0, 1], [[1, 0], [1, 0]]) = 18.021826694558577.
    const loss = logLoss([0, 1], Float64Array.of(1, 0, 1, 0));
    expect(loss).toBeCloseTo((52 * Math.LN2) / 2, 13);
    expect(loss).toBeCloseTo(18.021826694558577, 13);
    // Float32 input clips at 2^-23, as sklearn's finfo(float32).eps: (23·ln 2) / 2 plus a negligible 2^-24.
    expect(logLoss([0, 1], Float32Array.of(1, 0, 1, 0))).toBeCloseTo((23 * Math.LN2) / 2, 6);
    // A custom eps of 1e-15 (sklearn's old default): −log(1e-15) / 2 ≈ 17.269.
    expect(logLoss([0, 1], Float64Array.of(1, 0, 1, 0), { eps: 1e-15 })).toBeCloseTo(
      -Math.log(1e-15) / 2,
      13,
    );
    // Perfect predictions cost −log(1 − eps) ≈ eps.
    expect(logLoss([0, 1], Float64Array.of(1, 0, 0, 1))).toBeLessThan(1e-15);
  });

  it("validates labels against the number of columns", () => {
    expect(() => logLoss([0, 2], Float64Array.of(0.5, 0.5, 0.5, 0.5))).toThrow(RangeError);
  });
});
