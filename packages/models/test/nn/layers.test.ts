import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../../src/nn/backend.ts";
import { batchNormTraining } from "../../src/nn/batch-norm.ts";
import { foldBatchNorm } from "../../src/nn/batch-norm-fold.ts";
import { dense } from "../../src/nn/dense.ts";
import { Mlp } from "../../src/nn/mlp.ts";
import { Random } from "../../src/random.ts";
import { expectAllClose } from "./expect-close.ts";

beforeAll(async () => {
  await selectBackend({ forced: "wasm" });
});

const random = (rng: Random, n: number) => Float64Array.from({ length: n }, () => 2 * rng.nextFloat() - 1);

describe("the dense layer's hand-written gradient", () => {
  it("equals TensorFlow.js's own gradient of x·W + b", () => {
    const rng = new Random(3);
    tf.tidy(() => {
      const values = (n: number) => Float32Array.from(random(rng, n));
      const x = tf.tensor2d(values(5 * 4), [5, 4]);
      const w = tf.tensor2d(values(4 * 3), [4, 3]);
      const b = tf.tensor1d(values(3));
      const upstream = tf.tensor2d(values(5 * 3), [5, 3]);
      const ours = tf.grads((a, c, d) =>
        tf.sum(tf.mul(dense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D), upstream)),
      );
      const builtIn = tf.grads((a, c, d) =>
        tf.sum(tf.mul(tf.add(tf.matMul(a as tf.Tensor2D, c as tf.Tensor2D), d), upstream)),
      );
      const got = ours([x, w, b]).map((t) => Array.from(t.dataSync()));
      const want = builtIn([x, w, b]).map((t) => Array.from(t.dataSync()));
      got.forEach((g, i) => {
        expectAllClose(g, want[i] ?? [], 5);
      });
      // As the first layer, the input's gradient is skipped (zeros); the weights' are unchanged.
      const first = tf.grads((a, c, d) =>
        tf.sum(tf.mul(dense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, true), upstream)),
      );
      const [dx, dw] = first([x, w, b]);
      expect(Array.from(dx?.dataSync() ?? [])).toEqual(new Array(20).fill(0));
      Array.from(dw?.dataSync() ?? []).forEach((v, j) => {
        expect(v).toBeCloseTo(want[1]?.[j] as number, 5);
      });
    });
  });
});

describe("batch normalisation in training mode", () => {
  it("normalises as PyTorch, moves the running statistics, and has the autodiff gradient", () => {
    const rng = new Random(5);
    const [n, c] = [6, 3];
    const z = tf.tensor2d(
      Float32Array.from(random(rng, n * c), (v) => 3 * v + 1),
      [n, c],
    );
    const gamma = tf.variable(tf.tensor1d([1.5, -0.5, 2]));
    const beta = tf.variable(tf.tensor1d([0.1, 0.2, -0.3]));
    const norm = {
      gamma,
      beta,
      movingMean: tf.variable(tf.zeros<tf.Rank.R1>([c]), false),
      movingVariance: tf.variable(tf.ones<tf.Rank.R1>([c]), false),
    };
    const upstream = tf.tensor2d(Float32Array.from(random(rng, n * c)), [n, c]);
    // Reference: the textbook formula with tf.moments, differentiated by TensorFlow.js.
    const reference = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(x, 0);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    const ours = tf.grads((x, g, b) =>
      tf.sum(tf.mul(batchNormTraining(x as tf.Tensor2D, { ...norm, gamma: g, beta: b } as never), upstream)),
    );
    const theirs = tf.grads((x, g, b) => tf.sum(tf.mul(reference(x, g, b), upstream)));
    const valueOurs = batchNormTraining(z, norm).dataSync();
    const valueTheirs = reference(z, gamma, beta).dataSync();
    valueOurs.forEach((v, i) => {
      expect(v).toBeCloseTo(valueTheirs[i] as number, 4);
    });
    const got = ours([z, gamma, beta]).map((t) => Array.from(t.dataSync()));
    const want = theirs([z, gamma, beta]).map((t) => Array.from(t.dataSync()));
    got.forEach((g, i) => {
      expectAllClose(g, want[i] ?? [], 4);
    });
    // Two passes in training mode (one direct, one inside tf.grads), momentum 0.1: the running mean is
    // (1 − 0.9²)·batch mean; the running variance moves from 1 towards the unbiased batch variance n/(n−1)·σ².
    const { mean, variance } = tf.moments(z, 0);
    const m = Array.from(mean.dataSync());
    const v = Array.from(variance.dataSync());
    const kept = 0.9 ** 2;
    expectAllClose(
      norm.movingMean.dataSync(),
      m.map((x) => (1 - kept) * x),
      4,
    );
    expectAllClose(
      norm.movingVariance.dataSync(),
      v.map((x) => kept + ((1 - kept) * x * n) / (n - 1)),
      4,
    );
  });
});

describe("the network", () => {
  it("draws PyTorch-style initial weights from the seed, identically on every construction", () => {
    const spec = {
      inputSize: 9,
      hidden: [4],
      outputSize: 3,
      activation: "sigmoid",
      batchNorm: false,
      dropout: 0,
      init: "pytorch",
    } as const;
    const [a, b, c] = [new Mlp(spec, 1), new Mlp(spec, 1), new Mlp(spec, 2)];
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.snapshot()).not.toEqual(c.snapshot());
    // U(±1/√fan_in): 1/3 for the first layer, 1/2 for the second.
    const [w1, b1, w2] = a.snapshot();
    expect(Math.max(...Array.from(w1 ?? []).map(Math.abs))).toBeLessThanOrEqual(1 / 3);
    expect(Math.max(...Array.from(b1 ?? []).map(Math.abs))).toBeLessThanOrEqual(1 / 3);
    expect(Math.max(...Array.from(w2 ?? []).map(Math.abs))).toBeLessThanOrEqual(1 / 2);
    expect(a.parameterCount()).toBe(9 * 4 + 4 + 4 * 3 + 3);
    for (const m of [a, b, c]) m.dispose();
    expect(() => new Mlp({ ...spec, hidden: [0] }, 1)).toThrow("positive integers");
  });
});

describe("batch normalisation folded into the dense layer before it", () => {
  it("gives the same outputs as dense then normalise", () => {
    const rng = new Random(9);
    const [inputs, outputs, rows] = [4, 3, 6];
    const weights = random(rng, inputs * outputs);
    const bias = random(rng, outputs);
    const norm = {
      gamma: random(rng, outputs),
      beta: random(rng, outputs),
      mean: random(rng, outputs),
      variance: random(rng, outputs).map((v) => v * v + 0.1),
      epsilon: 1e-5,
    };
    const folded = foldBatchNorm({ weights, bias }, norm);
    const x = random(rng, rows * inputs);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < outputs; j++) {
        let z = bias[j] as number;
        let f = folded.bias[j] as number;
        for (let i = 0; i < inputs; i++) {
          z += (x[r * inputs + i] as number) * (weights[i * outputs + j] as number);
          f += (x[r * inputs + i] as number) * (folded.weights[i * outputs + j] as number);
        }
        const normalised =
          ((norm.gamma[j] as number) * (z - (norm.mean[j] as number))) /
            Math.sqrt((norm.variance[j] as number) + 1e-5) +
          (norm.beta[j] as number);
        expect(f).toBeCloseTo(normalised, 12);
      }
    }
    expect(() => foldBatchNorm({ weights, bias }, { ...norm, gamma: [1] })).toThrow("batch norm has 1 units");
  });
});
