import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ADAM_DEFAULTS, Adam } from "../../src/nn/adam.ts";
import { selectBackend } from "../../src/nn/backend.ts";
import { decayedGradient, type WeightDecayMode } from "../../src/nn/weight-decay.ts";

beforeAll(async () => {
  await selectBackend({ forced: "wasm" });
});

/** θ after two Adam steps from θ = 1 with gradients 0.5 then −0.2, lr 0.1, λ 0.01 (computed with numpy). */
const TWO_STEPS: Record<WeightDecayMode, [number, number]> = {
  coupled: [0.9000000019607842, 0.863364138070182],
  decoupled: [0.8990000019999999, 0.8635404181145107],
  none: [0.9000000019999999, 0.8654394181165107],
};

describe("Adam with PyTorch's semantics", () => {
  it.each(Object.entries(TWO_STEPS))(
    "matches a hand-run of torch.optim.Adam/AdamW (%s decay)",
    (mode, expected) => {
      const theta = tf.variable(tf.scalar(1));
      const adam = new Adam([theta], {
        ...ADAM_DEFAULTS,
        decay: { mode: mode as WeightDecayMode, rate: mode === "none" ? 0 : 0.01 },
      });
      const seen: number[] = [];
      for (const g of [0.5, -0.2]) {
        tf.tidy(() => adam.apply([tf.scalar(g)], 0.1));
        seen.push(theta.dataSync()[0] as number);
      }
      expect(seen[0]).toBeCloseTo(expected[0], 6);
      expect(seen[1]).toBeCloseTo(expected[1], 6);
      expect(adam.steps).toBe(2);
      adam.dispose();
      theta.dispose();
    },
  );

  it("updates several tensors as one flat vector without mixing them up", () => {
    const a = tf.variable(tf.tensor2d([[1, 2]]));
    const b = tf.variable(tf.tensor1d([3]));
    const adam = new Adam([a, b], { ...ADAM_DEFAULTS, decay: { mode: "none", rate: 0 } });
    // Adam's first step moves every parameter by lr against the sign of its gradient.
    tf.tidy(() => adam.apply([tf.tensor2d([[1, -1]]), tf.tensor1d([2])], 0.5));
    const [a0, a1] = Array.from(a.dataSync());
    expect(a0).toBeCloseTo(0.5, 6);
    expect(a1).toBeCloseTo(2.5, 6);
    expect(b.dataSync()[0]).toBeCloseTo(2.5, 6);
    expect(() => adam.apply([tf.scalar(1)], 0.1)).toThrow("1 gradients for 2 variables");
    adam.dispose();
    a.dispose();
    b.dispose();
  });
});

describe("coupled weight decay", () => {
  it("adds the gradient of the L2 penalty (λ/2)·Σθ² to the data gradient", () => {
    tf.tidy(() => {
      const theta = tf.tensor1d([0.5, -2, 3]);
      const loss = (t: tf.Tensor) => tf.sum(tf.sin(t));
      const penalised = tf.grad((t: tf.Tensor) => tf.add(loss(t), tf.mul(0.005, tf.sum(tf.square(t)))))(
        theta,
      );
      const coupled = decayedGradient(tf.grad(loss)(theta), theta, { mode: "coupled", rate: 0.01 });
      const [got, want] = [coupled.arraySync() as number[], penalised.arraySync() as number[]];
      got.forEach((g, i) => {
        expect(g).toBeCloseTo(want[i] as number, 6);
      });
      // By hand: cos θ + 0.01·θ.
      [0.5, -2, 3].forEach((t, i) => {
        expect(got[i]).toBeCloseTo(Math.cos(t) + 0.01 * t, 6);
      });
      const untouched = decayedGradient(tf.grad(loss)(theta), theta, { mode: "decoupled", rate: 0.01 });
      (untouched.arraySync() as number[]).forEach((g, i) => {
        expect(g).toBeCloseTo(Math.cos([0.5, -2, 3][i] as number), 6);
      });
    });
  });
});
