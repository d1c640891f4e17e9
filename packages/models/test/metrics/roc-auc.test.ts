import { describe, expect, it } from "vitest";
import { rocAuc, rocAucOneVsRest, rocOneVsRest } from "../../src/metrics/roc-auc.ts";
import { Random } from "../../src/random.ts";

/** AUC by its definition, independent of the ROC curve: P(score⁺ > score⁻) + ½ P(score⁺ = score⁻). */
function mannWhitney(positive: boolean[], scores: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < positive.length; i++) {
    if (!positive[i]) continue;
    for (let j = 0; j < positive.length; j++) {
      if (positive[j]) continue;
      pairs++;
      const a = scores[i] as number;
      const b = scores[j] as number;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe("rocOneVsRest", () => {
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

  it("matches hand-counted pairs and sklearn's macro OvR AUC", () => {
    // Class 0: positives score .7 .5 .3 against negatives .2 .1 .3 .4 .2 .1 .6 → 7 + 6 + 4.5 = 17.5 of 21.
    // Class 1: positives .5 .4 .8 .3 against .2 .3 .3 .25 .2 .4 → 6 + 5.5 + 6 + 4 = 21.5 of 24.
    // Class 2: positives .6 .4 .6 beat every negative (≤ .3) → 1.
    // Macro: (17.5/21 + 21.5/24 + 1) / 3. scikit-learn 1.2.1 roc_auc_score(multi_class="ovr") gives
    // 0.9097222222222222, per class 0.8333333333333333, 0.8958333333333334, 1.0.
    const r = rocOneVsRest(y, P);
    expect(r.auc[0]).toBeCloseTo(17.5 / 21, 15);
    expect(r.auc[1]).toBeCloseTo(21.5 / 24, 15);
    expect(r.auc[2]).toBe(1);
    expect(r.macroAuc).toBeCloseTo(0.9097222222222222, 15);
    expect(rocAucOneVsRest(y, Float32Array.from(P))).toBeCloseTo(0.9097222222222222, 7);
    expect(r.curves).toHaveLength(3);
    expect(r.curves[2]?.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
  });

  it("leaves a class absent from yTrue out of the macro mean", () => {
    // Only classes 0 and 1 occur: class 2's AUC is undefined (sklearn would raise).
    const r = rocOneVsRest(
      [0, 1, 0, 1],
      Float64Array.of(0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.6, 0.2, 0.2, 0.4, 0.5, 0.1),
    );
    // Class 0 scores: positives .8 .6, negatives .3 .4 → 1. Class 1: positives .6 .5, negatives .1 .2 → 1.
    expect(Array.from(r.auc.slice(0, 2))).toEqual([1, 1]);
    expect(r.auc[2]).toBeNaN();
    expect(r.macroAuc).toBe(1);
  });

  it("agrees with the Mann–Whitney count on random scores with many ties", () => {
    const rng = new Random(17);
    const n = 400;
    const k = 4;
    const labels = Int32Array.from({ length: n }, () => rng.nextInt(k));
    // Scores on a coarse grid of tenths, so ties are common.
    const scores = Float64Array.from({ length: n * k }, () => rng.nextInt(11) / 10);
    const r = rocOneVsRest(labels, scores);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const column = Array.from({ length: n }, (_, i) => scores[i * k + c] as number);
      const expected = mannWhitney(
        Array.from(labels, (l) => l === c),
        column,
      );
      expect(r.auc[c]).toBeCloseTo(expected, 12);
      sum += expected;
    }
    expect(r.macroAuc).toBeCloseTo(sum / k, 12);
  });
});

describe("rocAuc", () => {
  it("scores a binary problem, NaN for one class", () => {
    // Pairs: positives .35 .8 .4 .9 vs negatives .1 .4 .4 .2 → 13 of 16 (see roc.test.ts).
    expect(rocAuc([0, 0, 1, 1, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2])).toBe(0.8125);
    // Reversed roles: label 0 positive with the same scores → 1 − 13/16.
    expect(rocAuc([0, 0, 1, 1, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2], 0)).toBe(0.1875);
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNaN();
    // Alternating labels on increasing scores: scikit-learn 1.2.1 gives 0.75 (9 of 12 pairs).
    expect(rocAuc([0, 1, 0, 1, 0, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])).toBe(0.75);
  });
});
