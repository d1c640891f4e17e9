import { encodePiecewiseLinear } from "../features/piecewise-linear.ts";
import type { ExportedMlp } from "../results/export-schemas.ts";

/**
 * Prediction from an exported network in plain TypeScript (no TensorFlow.js, no Node): what the report's
 * browser predictor runs. Arithmetic is float64 on the exported float32 weights, so probabilities agree
 * with the trained TensorFlow.js model to ~1e-7.
 */

type Layer = ExportedMlp["layers"][number];

/**
 * The scaled design row of one track: one-hot blocks in `model.oneHot` order, then the raw columns, then
 * (x − mean) / scale per column — the column order of the training design matrix.
 */
export function designRow(model: ExportedMlp, values: Readonly<Record<string, number>>): Float64Array {
  const row = new Float64Array(model.features.length);
  const valueFor = (column: string) => {
    const value = values[column];
    if (value === undefined || !Number.isFinite(value)) throw new Error(`no finite value for "${column}"`);
    return value;
  };
  let at = 0;
  for (const { column, categories } of model.oneHot) {
    const value = valueFor(column);
    const index = categories.indexOf(value);
    if (index < 0) throw new Error(`${column} = ${value} is not one of ${categories.join(", ")}`);
    row[at + index] = 1;
    at += categories.length;
  }
  for (const column of model.raw) row[at++] = valueFor(column);
  for (let j = 0; j < row.length; j++) {
    row[j] = ((row[j] as number) - (model.scaler.mean[j] as number)) / (model.scaler.scale[j] as number);
  }
  return row;
}

function activate(values: Float64Array, activation: Layer["activation"]): Float64Array {
  switch (activation) {
    case "linear":
      return values;
    case "relu":
      return values.map((v) => Math.max(v, 0));
    case "sigmoid":
      return values.map((v) => 1 / (1 + Math.exp(-v)));
    case "tanh":
      return values.map(Math.tanh);
    case "elu":
      return values.map((v) => (v > 0 ? v : Math.expm1(v)));
    case "softmax": {
      const max = values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
      const exps = values.map((v) => Math.exp(v - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / sum);
    }
  }
}

/** Applies the layers to a design row that is already scaled. */
export function forwardMlp(layers: readonly Layer[], input: Float64Array): Float64Array {
  let x = input;
  for (const layer of layers) {
    if (x.length !== layer.inputSize)
      throw new Error(`a layer takes ${layer.inputSize} inputs, got ${x.length}`);
    const out = Float64Array.from(layer.bias);
    for (let i = 0; i < layer.inputSize; i++) {
      const xi = x[i] as number;
      const offset = i * layer.outputSize;
      for (let j = 0; j < layer.outputSize; j++)
        out[j] = (out[j] as number) + xi * (layer.weights[offset + j] as number);
    }
    x = activate(out, layer.activation);
  }
  return x;
}

/** Class probabilities (in `model.classes` order) for one track's column values. */
export function predictMlp(model: ExportedMlp, values: Readonly<Record<string, number>>): Float64Array {
  return forwardMlp(model.layers, networkInput(model, designRow(model, values)));
}

/** The network's input for a scaled design row: the row itself, or its piecewise-linear encoding. */
export function networkInput(model: ExportedMlp, row: Float64Array): Float64Array {
  const edges = model.piecewiseLinear?.edges;
  if (!edges) return row;
  return encodePiecewiseLinear({ edges }, { data: row, rows: 1, cols: row.length }).data;
}

/** Sums class probabilities into super-genres (for the genre network), in first-appearance order of `superGenreOfClass`. */
export function superGenreProbabilities(
  model: Pick<ExportedMlp, "task" | "superGenreOfClass">,
  probabilities: Float64Array,
): { superGenre: string; probability: number }[] {
  const of = model.superGenreOfClass;
  if (!of) throw new Error(`the ${model.task} model has no super-genre map`);
  const sums = new Map<string, number>();
  of.forEach((s, c) => {
    sums.set(s, (sums.get(s) ?? 0) + (probabilities[c] as number));
  });
  return [...sums].map(([superGenre, probability]) => ({ superGenre, probability }));
}
