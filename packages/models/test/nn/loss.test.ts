import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../../src/nn/backend.ts";
import { balancedClassWeights, weightedCrossEntropy, weightedCrossEntropyOf } from "../../src/nn/loss.ts";

beforeAll(async () => {
  await selectBackend({ forced: "wasm" });
});

// Logits of two rows over three classes; labels 1 and 2; class weights 1, 2, 3.
const logits = [
  [1, 2, 0],
  [0, 0, 0],
];
const targets = [
  [0, 2, 0],
  [0, 0, 3],
];
// By hand (numpy): row 1 nll = ln(e + e² + 1) − 2 = 0.40760596, row 2 nll = ln 3;
// (2·0.40760596 + 3·ln 3) / 5.
const EXPECTED_LOSS = 0.8222097589786179;
// (softmax(z)·w_y − targets) / Σw_y, from numpy.
const EXPECTED_GRADIENT = [
  [0.09789139, -0.13390362, 0.03601223],
  [0.2, 0.2, -0.4],
];

describe("class-weighted cross entropy (PyTorch semantics)", () => {
  it("equals Σ w_y·nll / Σ w_y computed by hand", () => {
    const value = tf.tidy(
      () => weightedCrossEntropy(tf.tensor2d(logits), tf.tensor2d(targets)).dataSync()[0],
    );
    expect(value).toBeCloseTo(EXPECTED_LOSS, 6);
  });

  it("has the hand-derived gradient, the same as autodiff through logSoftmax", () => {
    const [custom, autodiff] = tf.tidy(() => {
      const t = tf.tensor2d(targets);
      const custom = tf.grad((z: tf.Tensor) => weightedCrossEntropy(z as tf.Tensor2D, t))(
        tf.tensor2d(logits),
      );
      const plain = tf.grad((z: tf.Tensor) => tf.div(tf.neg(tf.sum(tf.mul(t, tf.logSoftmax(z)))), tf.sum(t)));
      return [custom.arraySync() as number[][], plain(tf.tensor2d(logits)).arraySync() as number[][]];
    });
    custom.flat().forEach((g, i) => {
      expect(g).toBeCloseTo(EXPECTED_GRADIENT.flat()[i] as number, 6);
      expect(g).toBeCloseTo(autodiff.flat()[i] as number, 6);
    });
  });

  it("matches its float64 twin on probabilities", () => {
    const p = (row: number[]) => {
      const e = row.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    const probabilities = Float64Array.from(logits.flatMap(p));
    expect(weightedCrossEntropyOf(probabilities, Int32Array.of(1, 2), Float64Array.of(1, 2, 3))).toBeCloseTo(
      EXPECTED_LOSS,
      12,
    );
    expect(() => weightedCrossEntropyOf(probabilities, Int32Array.of(1), Float64Array.of(1, 2, 3))).toThrow(
      "do not fit",
    );
  });

  it("weights classes n / (K · count), as sklearn's 'balanced'", () => {
    // 6 rows: class 0 ×3, class 1 ×2, class 2 ×1 → 6/9, 6/6, 6/3.
    const w = balancedClassWeights(Int32Array.of(0, 0, 0, 1, 1, 2), 3);
    expect(Array.from(w)).toEqual([6 / 9, 1, 2]);
    expect(() => balancedClassWeights(Int32Array.of(0, 0, 2), 3)).toThrow("classes 1 have no training rows");
    expect(() => balancedClassWeights(Int32Array.of(0, 3), 3)).toThrow("outside");
  });
});
