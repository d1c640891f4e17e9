import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { TRACK_NUMERIC_COLUMNS } from "../../src/dataset/tracks.ts";
import { createContext } from "../../src/experiments/context.ts";
import {
  ABLATION_EPOCHS,
  ABLATIONS,
  FINAL_EPOCHS,
  runNeuralNetwork,
  SEARCH_CANDIDATES,
  SEED_NETWORK,
} from "../../src/experiments/neural-network.ts";
import { sumIntoSuperGenres } from "../../src/genre-model/super-genre.ts";
import { selectBackend } from "../../src/nn/backend.ts";
import { predictMlp, superGenreProbabilities } from "../../src/nn/inference.ts";
import { exportedMlp } from "../../src/results/export-schemas.ts";
import { type NeuralNetworkResult, neuralNetworkResult } from "../../src/results/nn-schemas.ts";
import { syntheticTable } from "../experiments/synthetic-table.ts";

describe("the neural-network experiment on a small synthetic table", () => {
  const lines: string[] = [];
  const table = syntheticTable(60, 4);
  const context = createContext(table, (line) => lines.push(line));
  let result: NeuralNetworkResult;
  const tensors = { before: 0, after: 0 };
  beforeAll(async () => {
    await selectBackend({ forced: "wasm" });
    tensors.before = tf.memory().numTensors;
    result = neuralNetworkResult.parse(await runNeuralNetwork(context));
    tensors.after = tf.memory().numTensors;
  });

  it("frees every tensor it made", () => {
    expect(tensors.after).toBe(tensors.before);
  });

  it("reproduces the seed's settings, changing only the batch where the table is small", () => {
    const { config, training, lrRangeTest } = result.seedReproduction;
    expect({ ...config, batchSize: SEED_NETWORK.batchSize }).toEqual(SEED_NETWORK);
    expect(lrRangeTest.points.length).toBeGreaterThan(10);
    expect(lrRangeTest.repeats).toHaveLength(5);
    // Early stopping with patience 10 runs at least 11 epochs; StepLR cuts the rate after epoch 10.
    expect(training.epochs.length).toBeGreaterThanOrEqual(11);
    expect(training.epochs[10]?.learningRate).toBeCloseTo(SEED_NETWORK.learningRate * 0.1, 12);
  });

  it("changes exactly one setting per ablation, from the seed run's own first epochs", () => {
    const [baseline, ...runs] = result.ablations.runs;
    expect(baseline?.training.epochs).toEqual(
      result.seedReproduction.training.epochs.slice(0, ABLATION_EPOCHS),
    );
    runs.forEach((run, i) => {
      expect(run.id).toBe(ABLATIONS[i]?.id);
      expect(run.config).toEqual({ ...baseline?.config, ...ABLATIONS[i]?.config });
      expect(run.training.epochs).toHaveLength(ABLATION_EPOCHS);
    });
  });

  it("searches on each protocol's own rows and trains each protocol's choice once, on the genres", () => {
    expect(result.searches.map((s) => s.protocol)).toEqual(context.splits.map((s) => s.protocol));
    for (const search of result.searches) {
      expect(search.candidates.map((c) => c.id)).toEqual(SEARCH_CANDIDATES.map((c) => c.id));
      const best = Math.max(...search.candidates.map((c) => c.validationAccuracy));
      expect(search.candidates.find((c) => c.id === search.chosen)?.validationAccuracy).toBe(best);
    }
    expect(result.final.runs.map((r) => `${r.task} ${r.protocol}`)).toEqual(
      context.splits.map((s) => `genre ${s.protocol}`),
    );
    expect(result.final.runs.map((r) => r.config.maxEpochs)).toEqual(context.splits.map(() => FINAL_EPOCHS));
    expect(result.evaluations.map((e) => `${e.task} ${e.protocol.protocol}`)).toEqual(
      context.splits.flatMap((s) => [`super-genre ${s.protocol}`, `genre ${s.protocol}`]),
    );
    for (const run of result.final.runs) {
      const search = result.searches.find((s) => s.protocol === run.protocol);
      expect(run.network).toBe(search?.chosen);
    }
  });

  it("exports the seed protocol's genre network, whose summed probabilities give the super-genre answers", () => {
    expect(context.exports.has("model-mlp-super-genre" as never)).toBe(false);
    const genre = exportedMlp.parse(context.exports.get("model-mlp-genre"));
    expect(genre.classes).toEqual(context.tasks.genre.classes);
    // The synthetic table maps acoustic and ambient to misc, pop and k-pop to pop, metal and black-metal to metal.
    expect(Object.fromEntries(genre.classes.map((g, i) => [g, genre.superGenreOfClass?.[i]]))).toEqual({
      acoustic: "misc",
      ambient: "misc",
      "black-metal": "metal",
      "k-pop": "pop",
      metal: "metal",
      pop: "pop",
    });
    // Recompute the seed protocol's super-genre test accuracy from the exported network alone, as the browser
    // predicts: raw values → network → genre probabilities summed per super-genre → the largest sum.
    const split = context.splits.find((s) => s.protocol === "seed-random");
    if (!split) throw new Error("no seed split");
    const { superGenre } = context.tasks;
    let correct = 0;
    for (const row of split.test) {
      const values = Object.fromEntries(
        TRACK_NUMERIC_COLUMNS.map((c) => [c, table.columns[c][row] as number]),
      );
      const sums = superGenreProbabilities(genre, predictMlp(genre, values));
      const best = sums.reduce((a, b) => (b.probability > a.probability ? b : a));
      if (best.superGenre === superGenre.classes[superGenre.labels[row] as number]) correct++;
    }
    const evaluation = result.evaluations.find(
      (e) => e.task === "super-genre" && e.protocol.protocol === "seed-random",
    );
    // The export holds float32 weights: allow one test row to fall the other way on a near-tie.
    expect(Math.abs(correct / split.test.length - (evaluation?.test.accuracy ?? -1))).toBeLessThanOrEqual(
      1 / split.test.length + 1e-12,
    );
    expect(evaluation?.chosen?.head).toBe("114 genres, probabilities summed per super-genre");
  });

  it("keeps timings out of the result and in the build log, and logs progress", () => {
    expect(JSON.stringify(result)).not.toMatch(/seconds/i);
    expect(context.steps.some((s) => s.step === "seed: epoch 1")).toBe(true);
    expect(lines.some((l) => /^models ▸ nn seed: epoch 1\/100 loss/.test(l))).toBe(true);
  });
});

describe("summing genre probabilities into super-genres", () => {
  it("adds each genre's probability to its super-genre's column", () => {
    // Two rows, genres → super-genres [0, 1, 0].
    const summed = sumIntoSuperGenres(
      Float64Array.of(0.2, 0.5, 0.3, 0.6, 0.1, 0.3),
      Int32Array.of(0, 1, 0),
      2,
    );
    expect(Array.from(summed)).toEqual([0.5, 0.5, 0.8999999999999999, 0.1]);
  });
});
