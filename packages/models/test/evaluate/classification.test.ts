import { describe, expect, it } from "vitest";
import { argmaxRows, evaluateClassifier } from "../../src/evaluate/classification.ts";
import { classificationMetrics } from "../../src/results/schemas.ts";

describe("evaluateClassifier", () => {
  // Four samples, three classes. Predictions (argmax): 0, 1, 1, 2; truth: 0, 1, 2, 2.
  const proba = Float64Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.5, 0.3, 0.1, 0.2, 0.7]);
  const truth = Int32Array.from([0, 1, 2, 2]);

  it("takes the first maximum as the prediction", () => {
    expect([...argmaxRows(proba, 3)]).toEqual([0, 1, 1, 2]);
    expect([...argmaxRows(Float64Array.from([0.5, 0.5]), 2)]).toEqual([0]);
  });

  it("reports accuracy, per-class scores and the confusion matrix (hand-checked), valid under the schema", () => {
    const metrics = evaluateClassifier(truth, proba, ["a", "b", "c"]);
    expect(metrics.accuracy).toBe(0.75);
    // Class b: predicted twice, right once → precision 0.5; its one true sample found → recall 1.
    expect(metrics.perClass[1]).toMatchObject({ label: "b", precision: 0.5, recall: 1, support: 1 });
    // Class c: predicted once, right → precision 1; found 1 of 2 → recall 0.5.
    expect(metrics.perClass[2]).toMatchObject({ label: "c", precision: 1, recall: 0.5, support: 2 });
    expect(metrics.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 1],
    ]);
    expect(metrics.topK).toEqual([{ k: 1, accuracy: 0.75 }]);
    // Log loss: −(ln 0.7 + ln 0.8 + ln 0.3 + ln 0.7) / 4.
    expect(metrics.logLoss).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.8) + Math.log(0.3) + Math.log(0.7)) / 4,
      12,
    );
    expect(metrics.roc?.curves).toHaveLength(3);
    expect(classificationMetrics.safeParse(metrics).success).toBe(true);
  });
});
