import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designRow, predictMlp, superGenreProbabilities } from "../../src/browser.ts";
import { TRACK_NUMERIC_COLUMNS } from "../../src/dataset/tracks.ts";
import { splitMatrices } from "../../src/experiments/classifier-evaluation.ts";
import { createContext } from "../../src/experiments/context.ts";
import { designMatrix } from "../../src/features/design.ts";
import { encodePiecewiseLinear, fitPiecewiseLinear } from "../../src/features/piecewise-linear.ts";
import { applyScaler } from "../../src/features/scaler.ts";
import { seedLogisticFeatures } from "../../src/features/seed-feature-sets.ts";
import { type Matrix, take } from "../../src/matrix.ts";
import { selectBackend } from "../../src/nn/backend.ts";
import { exportMlp, float32Json } from "../../src/nn/export.ts";
import { Mlp, type MlpSpec } from "../../src/nn/mlp.ts";
import { predictProba } from "../../src/nn/predict.ts";
import { trainMlp } from "../../src/nn/train.ts";
import { exportedMlp } from "../../src/results/export-schemas.ts";
import { syntheticTable } from "../experiments/synthetic-table.ts";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/predict-exported.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "nn-export-"));

beforeAll(async () => {
  await selectBackend({ forced: "wasm" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = syntheticTable(60, 5);
const context = createContext(table);
const features = seedLogisticFeatures(table);
const [split] = context.splits;
if (!split) throw new Error("no split");
const { train, validation, test, scaler } = splitMatrices(context, split, features, true);
if (!scaler) throw new Error("no scaler");
/** The test rows as the browser gets them: raw column values by name. */
const rawRows = Array.from(split.test, (row) =>
  Object.fromEntries(TRACK_NUMERIC_COLUMNS.map((c) => [c, table.columns[c][row] as number])),
);

/** A small network trained on the split's rows (or on given encodings of them). */
function trained(
  task: "superGenre" | "genre",
  spec: Omit<MlpSpec, "inputSize" | "outputSize">,
  inputs: { train: Matrix; validation: Matrix } = { train, validation },
  epochs = 4,
) {
  const { classes, labels } = context.tasks[task];
  const k = classes.length;
  const model = new Mlp({ ...spec, inputSize: inputs.train.cols, outputSize: k }, 3);
  trainMlp(
    model,
    { x: inputs.train, y: take(labels, split?.train ?? []) },
    { x: inputs.validation, y: take(labels, split?.validation ?? []) },
    new Float64Array(k).fill(1),
    {
      name: "export",
      batchSize: 16,
      maxEpochs: epochs,
      learningRate: 0.01,
      schedule: { kind: "constant" },
      weightDecay: { mode: "none", rate: 0 },
      earlyStopping: null,
      seed: 1,
    },
  );
  return { model, classes };
}

/** Predicts the test rows from the saved JSON in a separate `tsx` process. */
function predictInFreshProcess(json: string): number[][] {
  const [modelPath, rowsPath, outPath] = ["model.json", "rows.json", "out.json"].map((f) => join(dir, f)) as [
    string,
    string,
    string,
  ];
  writeFileSync(modelPath, json);
  writeFileSync(rowsPath, JSON.stringify(rawRows));
  const child = spawnSync("npx", ["tsx", fixture, modelPath, rowsPath, outPath], {
    cwd: packageDir,
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`predict-exported failed: ${child.stderr}`);
  return JSON.parse(readFileSync(outPath, "utf8")) as number[][];
}

/** The fields of a hand-written export with one raw input and two classes (for the schema's refusals). */
const ONE_INPUT_TWO_CLASSES = {
  kind: "mlp",
  task: "super-genre",
  protocol: "seed-random",
  classes: ["a", "b"],
  oneHot: [],
  raw: ["x"],
  features: ["x"],
  scaler: { mean: [0], scale: [1] },
} as const;

describe("the exported network", () => {
  it.each([
    [
      "super-genre, ReLU with batch normalisation",
      "superGenre",
      { hidden: [16, 8], activation: "relu", batchNorm: true, dropout: 0, init: "he" },
    ],
    [
      "genre, sigmoid",
      "genre",
      { hidden: [12], activation: "sigmoid", batchNorm: false, dropout: 0, init: "pytorch" },
    ],
    [
      "super-genre, ELU",
      "superGenre",
      { hidden: [8, 8], activation: "elu", batchNorm: true, dropout: 0, init: "glorot" },
    ],
    [
      "genre, tanh",
      "genre",
      { hidden: [8], activation: "tanh", batchNorm: false, dropout: 0, init: "glorot" },
    ],
  ] as const)("reloaded in a fresh process predicts as the trained model (%s)", (_, task, spec) => {
    const { model, classes } = trained(task, spec);
    const exported = exportMlp(model, {
      task: task === "genre" ? "genre" : "super-genre",
      protocol: split.protocol,
      classes,
      features,
      scaler,
      ...(task === "genre"
        ? { superGenreOfClass: classes.map((g) => (g.includes("metal") ? "metal" : "other")) }
        : {}),
    });
    const json = JSON.stringify(exportedMlp.parse(exported));
    const expected = predictProba(model, test);
    const got = predictInFreshProcess(json);
    expect(got).toHaveLength(test.rows);
    const k = classes.length;
    const maxDiff = Math.max(...got.flat().map((p, i) => Math.abs(p - (expected[i] as number))));
    expect(got.flat()).toHaveLength(test.rows * k);
    expect(maxDiff).toBeLessThan(1e-5);
    // Only dense layers reach the browser; the last one gives probabilities.
    expect(exported.layers.map((l) => l.activation)).toEqual([
      ...spec.hidden.map(() => spec.activation),
      "softmax",
    ]);
    model.dispose();
  });

  it("reloaded in a fresh process predicts as the trained model on piecewise-linear inputs", () => {
    const encoder = fitPiecewiseLinear(train, 4);
    const encode = (x: typeof train) => encodePiecewiseLinear(encoder, x);
    expect(encoder.edges.some((e) => e !== null)).toBe(true);
    const { model, classes } = trained(
      "superGenre",
      { hidden: [8], activation: "relu", batchNorm: true, dropout: 0, init: "he" },
      { train: encode(train), validation: encode(validation) },
      3,
    );
    const k = classes.length;
    const exported = exportedMlp.parse(
      exportMlp(model, { task: "super-genre", protocol: split.protocol, classes, features, scaler, encoder }),
    );
    expect(exported.piecewiseLinear?.edges).toEqual(encoder.edges);
    const expected = predictProba(model, encode(test));
    const got = predictInFreshProcess(JSON.stringify(exported)).flat();
    expect(got).toHaveLength(test.rows * k);
    expect(Math.max(...got.map((p, i) => Math.abs(p - (expected[i] as number))))).toBeLessThan(1e-5);
    model.dispose();
  });

  it("refuses piecewise-linear edges that do not match the design", () => {
    const bad = exportedMlp.safeParse({
      ...ONE_INPUT_TWO_CLASSES,
      piecewiseLinear: { edges: [[0, 1, 2], null] },
      layers: [
        { inputSize: 3, outputSize: 2, weights: [1, 2, 3, 4, 5, 6], bias: [0, 0], activation: "softmax" },
      ],
    });
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      "2 piecewise-linear columns for 1 design columns",
    ]);
  });

  it("builds the design row exactly as the training design matrix and scaler did", () => {
    const model = exportedMlp.parse(
      exportMlp(
        trained("superGenre", { hidden: [4], activation: "relu", batchNorm: false, dropout: 0, init: "he" })
          .model,
        {
          task: "super-genre",
          protocol: split.protocol,
          classes: context.tasks.superGenre.classes,
          features,
          scaler,
        },
      ),
    );
    const expected = applyScaler(scaler, designMatrix(table, features, split.test));
    rawRows.forEach((row, i) => {
      expect(Array.from(designRow(model, row))).toEqual(
        Array.from(expected.data.subarray(i * expected.cols, (i + 1) * expected.cols)),
      );
    });
    const probabilities = predictMlp(model, rawRows[0] as Record<string, number>);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(() => designRow(model, { ...rawRows[0], key: 12.5 })).toThrow("key = 12.5 is not one of");
    const { tempo: _, ...noTempo } = rawRows[0] as Record<string, number>;
    expect(() => designRow(model, noTempo)).toThrow('no finite value for "tempo"');
  });

  it("sums a genre network's probabilities into super-genres", () => {
    const model = exportedMlp.parse({
      kind: "mlp",
      task: "genre",
      protocol: "seed-random",
      classes: ["a", "b", "c"],
      oneHot: [],
      raw: ["x"],
      features: ["x"],
      scaler: { mean: [0], scale: [1] },
      layers: [{ inputSize: 1, outputSize: 3, weights: [0, 0, 0], bias: [0, 0, 0], activation: "softmax" }],
      superGenreOfClass: ["s", "t", "s"],
    });
    expect(superGenreProbabilities(model, Float64Array.of(0.2, 0.5, 0.3))).toEqual([
      { superGenre: "s", probability: 0.5 },
      { superGenre: "t", probability: 0.5 },
    ]);
  });

  it("rejects inconsistent layer shapes", () => {
    const bad = exportedMlp.safeParse({
      ...ONE_INPUT_TWO_CLASSES,
      layers: [{ inputSize: 2, outputSize: 2, weights: [1, 2, 3], bias: [0, 0], activation: "softmax" }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      "layer 0 takes 2 inputs, gets 1",
      "layer 0 weights size",
    ]);
  });

  it("writes float32 values with the fewest digits that read back to the same float32", () => {
    for (const v of [0.1, -1.2345678, 3.4e-12, 123456.789, 1 / 3]) {
      const written = float32Json(v);
      expect(Math.fround(written)).toBe(Math.fround(v));
      expect(
        String(written)
          .replace(/^-|e.*$/g, "")
          .replace(".", "")
          .replace(/^0+/, "").length,
      ).toBeLessThanOrEqual(9);
    }
    expect(float32Json(0.1)).toBe(0.1);
  });
});
