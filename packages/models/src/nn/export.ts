import type { FeatureSpec } from "../features/design.ts";
import { featureNames } from "../features/design.ts";
import type { PiecewiseLinearEncoder } from "../features/piecewise-linear.ts";
import type { Scaler } from "../features/scaler.ts";
import type { ExportedMlp } from "../results/export-schemas.ts";
import { BATCH_NORM } from "./batch-norm.ts";
import { type DenseArrays, foldBatchNorm } from "./batch-norm-fold.ts";
import type { Mlp } from "./mlp.ts";

/**
 * A float32 value as the shortest decimal that reads back to the same float32 (at most 9 significant
 * digits): exact for a float32 consumer and about half the characters of the float64 expansion.
 */
export function float32Json(value: number): number {
  const single = Math.fround(value);
  for (let digits = 6; digits < 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return Number(single.toPrecision(9));
}

export interface MlpExportInfo {
  task: ExportedMlp["task"];
  protocol: string;
  classes: string[];
  features: FeatureSpec;
  scaler: Scaler;
  /** The piecewise-linear encoder the network's inputs went through, if any. */
  encoder?: PiecewiseLinearEncoder;
  superGenreOfClass?: string[];
}

/** The trained network as the browser's dense-layer contract, batch normalisation folded in. */
export function exportMlp(model: Mlp, info: MlpExportInfo): ExportedMlp {
  const { spec } = model;
  const read = (t: { dataSync(): ArrayLike<number> }) => Float64Array.from(t.dataSync());
  const layers = model.layers.map((layer, i): ExportedMlp["layers"][number] => {
    let arrays: DenseArrays = { weights: read(layer.kernel), bias: read(layer.bias) };
    if (layer.norm) {
      arrays = foldBatchNorm(arrays, {
        gamma: read(layer.norm.gamma),
        beta: read(layer.norm.beta),
        mean: read(layer.norm.movingMean),
        variance: read(layer.norm.movingVariance),
        epsilon: BATCH_NORM.epsilon,
      });
    }
    const [inputSize, outputSize] = layer.kernel.shape;
    return {
      inputSize,
      outputSize,
      weights: Array.from(arrays.weights, float32Json),
      bias: Array.from(arrays.bias, float32Json),
      activation: i === model.layers.length - 1 ? "softmax" : spec.activation,
    };
  });
  return {
    kind: "mlp",
    task: info.task,
    protocol: info.protocol,
    classes: [...info.classes],
    oneHot: info.features.oneHot.map((c) => ({ column: c.column, categories: [...c.categories] })),
    raw: [...info.features.raw],
    features: featureNames(info.features),
    scaler: { mean: [...info.scaler.mean], scale: [...info.scaler.scale] },
    ...(info.encoder
      ? { piecewiseLinear: { edges: info.encoder.edges.map((e) => (e ? [...e] : null)) } }
      : {}),
    layers,
    ...(info.superGenreOfClass ? { superGenreOfClass: [...info.superGenreOfClass] } : {}),
  };
}
