import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { argmaxRows } from "../../src/evaluate/classification.ts";
import { accuracy } from "../../src/metrics/index.ts";
import { selectBackend } from "../../src/nn/backend.ts";
import { weightedCrossEntropyOf } from "../../src/nn/loss.ts";
import { Mlp, type MlpSpec } from "../../src/nn/mlp.ts";
import { predictProba } from "../../src/nn/predict.ts";
import { type TrainingConfig, trainMlp } from "../../src/nn/train.ts";
import { tinyTask } from "./tiny-task.ts";

beforeAll(async () => {
  await selectBackend({ forced: "wasm" });
});

const SPEC: MlpSpec = {
  inputSize: 6,
  hidden: [16, 16],
  outputSize: 3,
  activation: "relu",
  batchNorm: false,
  dropout: 0,
  init: "he",
};
const CONFIG: TrainingConfig = {
  name: "test",
  batchSize: 32,
  maxEpochs: 5,
  learningRate: 0.01,
  schedule: { kind: "constant" },
  weightDecay: { mode: "none", rate: 0 },
  earlyStopping: null,
  seed: 5,
};
const ones = new Float64Array(3).fill(1);

describe("training", () => {
  it("learns separable blobs and logs one progress line per epoch", () => {
    const { train, validation } = tinyTask({ rows: 300, d: 6, k: 3, seed: 1 });
    const model = new Mlp(SPEC, 1);
    const lines: string[] = [];
    const history = trainMlp(model, train, validation, ones, CONFIG, { log: (l) => lines.push(l) });
    const last = history.epochs[4];
    expect(last?.validationAccuracy).toBeGreaterThan(0.9);
    // The recorded validation accuracy is the model's own, recomputed.
    expect(last?.validationAccuracy).toBe(
      accuracy(validation.y, argmaxRows(predictProba(model, validation.x), 3)),
    );
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^models ▸ nn test: epoch 1\/5 loss \d\.\d{4} val \d\.\d{4} acc \d+\.\d % \(\d+\.\d s\)$/,
    );
    expect(history.stoppedEarlyAt).toBeNull();
    model.dispose();
  });

  it("stops `patience` epochs after the best one and puts the best weights back", () => {
    // Random labels: the net memorises the training rows and its validation loss climbs.
    const { train, validation } = tinyTask({ rows: 60, d: 6, k: 3, seed: 2, noise: true });
    const model = new Mlp({ ...SPEC, hidden: [64, 64] }, 3);
    const history = trainMlp(model, train, validation, ones, {
      ...CONFIG,
      batchSize: 8,
      maxEpochs: 60,
      learningRate: 0.02,
      earlyStopping: { patience: 3, minDelta: 1e-4, restoreBest: true },
    });
    expect(history.stoppedEarlyAt).toBe(history.bestEpoch + 3);
    expect(history.epochs).toHaveLength(history.stoppedEarlyAt as number);
    expect(history.restoredBest).toBe(true);
    // The restored model scores exactly what the best epoch recorded.
    const restored = weightedCrossEntropyOf(predictProba(model, validation.x), validation.y, ones);
    expect(restored).toBe(history.epochs[history.bestEpoch - 1]?.validationLoss);
    expect(restored).toBeLessThan(history.epochs[history.epochs.length - 1]?.validationLoss as number);
    model.dispose();
  });

  it("holds a constant number of tensors across epochs and frees them all at the end", () => {
    const { train, validation } = tinyTask({ rows: 200, d: 6, k: 3, seed: 4 });
    const before = tf.memory().numTensors;
    const model = new Mlp({ ...SPEC, batchNorm: true, dropout: 0.2 }, 1);
    const counts: number[] = [];
    trainMlp(
      model,
      train,
      validation,
      ones,
      { ...CONFIG, weightDecay: { mode: "coupled", rate: 0.01 } },
      {
        onEpoch: () => counts.push(tf.memory().numTensors),
      },
    );
    expect(counts).toHaveLength(5);
    expect(new Set(counts).size).toBe(1);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trains with batch normalisation and dropout, moving the running statistics", () => {
    const { train, validation } = tinyTask({ rows: 300, d: 6, k: 3, seed: 6 });
    const model = new Mlp({ ...SPEC, batchNorm: true, dropout: 0.1 }, 2);
    const history = trainMlp(model, train, validation, ones, CONFIG);
    expect(history.epochs[4]?.validationAccuracy).toBeGreaterThan(0.9);
    const norm = model.layers[0]?.norm;
    expect(Array.from(norm?.movingMean.dataSync() ?? []).some((v) => v !== 0)).toBe(true);
    model.dispose();
  });
});

describe("determinism", () => {
  const run = () => {
    const { train, validation } = tinyTask({ rows: 120, d: 6, k: 3, seed: 8 });
    const model = new Mlp({ ...SPEC, batchNorm: true, dropout: 0.1 }, 4);
    const history = trainMlp(model, train, validation, ones, {
      ...CONFIG,
      maxEpochs: 3,
      weightDecay: { mode: "decoupled", rate: 0.01 },
    });
    const out = {
      weights: model.snapshot().map((a) => Array.from(a)),
      epochs: JSON.stringify(history.epochs),
    };
    model.dispose();
    return out;
  };

  it.each(["wasm", "cpu"] as const)(
    "gives bit-identical weights and curves from the same seeds on %s",
    async (name) => {
      await selectBackend({ forced: name });
      try {
        expect(run()).toEqual(run());
      } finally {
        await selectBackend({ forced: "wasm" });
      }
    },
  );
});
