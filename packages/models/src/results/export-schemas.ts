import { z } from "zod";
import { encodedWidth } from "../features/piecewise-linear.ts";

/**
 * Fitted models saved for other packages and the browser: everything needed to predict a track's class
 * from its columns — feature names in order, classes, preprocessing, parameters.
 */
const finite = z.number().finite();
const oneHot = z.array(z.object({ column: z.string(), categories: z.array(finite) }));

/** What every exported model carries to rebuild its input row: classes, encoding and scaling, in order. */
const design = {
  classes: z.array(z.string()),
  oneHot,
  raw: z.array(z.string()),
  features: z.array(z.string()),
  scaler: z.object({ mean: z.array(finite), scale: z.array(finite) }),
};

export const exportedLogistic = z.object({
  kind: z.literal("logistic-regression"),
  protocol: z.string(),
  ...design,
  /** K × d, row-major. */
  coefficients: z.array(finite),
  intercepts: z.array(finite),
});
export type ExportedLogistic = z.infer<typeof exportedLogistic>;

export const exportedTree = z.object({
  kind: z.literal("decision-tree"),
  protocol: z.string(),
  classes: z.array(z.string()),
  features: z.array(z.string()),
  tree: z.object({
    nFeatures: z.number().int(),
    nClasses: z.number().int(),
    feature: z.array(z.number().int()),
    threshold: z.array(finite),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(finite),
    importances: z.array(finite).optional(),
  }),
});
export type ExportedTree = z.infer<typeof exportedTree>;

const mlpLayer = z.object({
  inputSize: z.number().int().positive(),
  outputSize: z.number().int().positive(),
  /** inputSize × outputSize, row-major ([input][output]): output_j = activation(Σ_i x_i·w[i][j] + bias_j). */
  weights: z.array(finite),
  bias: z.array(finite),
  activation: z.enum(["relu", "sigmoid", "tanh", "elu", "linear", "softmax"]),
});

/**
 * A trained multilayer perceptron (dense layers only: batch normalisation is folded into the preceding
 * layer). Predict by one-hot encoding `oneHot`, appending `raw`, scaling with `scaler` (the order of
 * `features`), encoding piecewise-linearly when `piecewiseLinear` is given, then applying `layers` in turn; the last layer's softmax gives the probabilities of `classes`.
 */
export const exportedMlp = z
  .object({
    kind: z.literal("mlp"),
    task: z.enum(["super-genre", "genre"]),
    protocol: z.string(),
    ...design,
    /**
     * When the network reads piecewise-linear encoded inputs: each scaled design column's bin edges (null: the
     * column passes through), applied after scaling (see features/piecewise-linear.ts).
     */
    piecewiseLinear: z.object({ edges: z.array(z.array(z.number().finite()).min(2).nullable()) }).optional(),
    layers: z.array(mlpLayer).min(1),
    /** For the genre network: each class's super-genre, to sum probabilities into super-genres. */
    superGenreOfClass: z.array(z.string()).optional(),
  })
  .superRefine((model, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    const d = model.oneHot.reduce((n, c) => n + c.categories.length, 0) + model.raw.length;
    if (model.features.length !== d) issue(`${model.features.length} feature names for ${d} design columns`);
    if (model.scaler.mean.length !== d || model.scaler.scale.length !== d)
      issue("scaler size ≠ design columns");
    const edges = model.piecewiseLinear?.edges;
    if (edges && edges.length !== d)
      issue(`${edges.length} piecewise-linear columns for ${d} design columns`);
    let width = edges ? encodedWidth(edges) : d;
    model.layers.forEach((layer, i) => {
      if (layer.inputSize !== width) issue(`layer ${i} takes ${layer.inputSize} inputs, gets ${width}`);
      if (layer.weights.length !== layer.inputSize * layer.outputSize) issue(`layer ${i} weights size`);
      if (layer.bias.length !== layer.outputSize) issue(`layer ${i} bias size`);
      width = layer.outputSize;
    });
    if (width !== model.classes.length)
      issue(`the network has ${width} outputs for ${model.classes.length} classes`);
    if (model.superGenreOfClass && model.superGenreOfClass.length !== model.classes.length) {
      issue("superGenreOfClass must name one super-genre per class");
    }
  });
export type ExportedMlp = z.infer<typeof exportedMlp>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64");

/**
 * A random forest in the compact form of `src/tree/forest-codec.ts` (typed arrays as base64), which
 * `CompactForest.decode` loads in the browser and which predicts exactly as the trained forest.
 */
export const exportedForest = z.object({
  kind: z.literal("random-forest"),
  protocol: z.string(),
  classes: z.array(z.string()),
  features: z.array(z.string()),
  /** Trees saved (the trained forest's first ones) out of those trained, and their accuracy on the test rows. */
  trees: z.number().int().positive(),
  trainedTrees: z.number().int().positive(),
  maxDepth: z.number().int().positive().nullable(),
  testAccuracy: z.number().min(0).max(1),
  forest: z.object({
    nFeatures: z.number().int().positive(),
    nClasses: z.number().int().positive(),
    nodes: z.array(z.number().int().positive()),
    feature: base64,
    threshold: base64,
    thresholds: z.array(z.array(finite)),
    leafSize: base64,
    leafClass: base64,
    countBytes: z.union([z.literal(1), z.literal(2), z.literal(4)]),
    leafCount: base64,
  }),
});
export type ExportedForest = z.infer<typeof exportedForest>;

/**
 * Gradient-boosted trees in the compact form of `src/boosting/boosted-codec.ts` (typed arrays as base64), which
 * the browser decodes. The model reads the raw values of `features` in that order; `testAccuracy` (and
 * `top5Accuracy` and `summedTestAccuracy` for the genres) is this very model's, as decoded, on the test rows of the
 * protocol it was trained on: with float32 leaf scores it may differ from the trained model's by a row or two.
 */
export const exportedBoosted = z
  .object({
    kind: z.literal("gradient-boosting"),
    task: z.enum(["super-genre", "genre"]),
    protocol: z.enum(["seed-random", "track-grouped", "recording-grouped"]),
    classes: z.array(z.string()),
    features: z.array(z.string()),
    iterations: z.number().int().positive(),
    testAccuracy: z.number().min(0).max(1),
    top5Accuracy: z.number().min(0).max(1).nullable(),
    /** For the genre model: each class's super-genre, to sum probabilities into super-genres. */
    superGenreOfClass: z.array(z.string()).optional(),
    /** For the genre model: test accuracy of its probabilities summed into super-genres. */
    summedTestAccuracy: z.number().min(0).max(1).optional(),
    model: z.object({
      nFeatures: z.number().int().positive(),
      nClasses: z.number().int().min(2),
      baseline: z.array(finite),
      nodes: z.array(z.number().int().positive()),
      feature: base64,
      threshold: base64,
      thresholds: z.array(z.array(finite)),
      left: base64,
      right: base64,
      /** Leaf scores in float32 (the export's accuracies are then the decoded model's) or exact float64. */
      valueType: z.enum(["float64", "float32"]),
      value: base64,
    }),
  })
  .superRefine((m, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    if (m.model.nFeatures !== m.features.length)
      issue(`${m.features.length} feature names for ${m.model.nFeatures} features`);
    if (m.model.nClasses !== m.classes.length)
      issue(`${m.classes.length} classes for a ${m.model.nClasses}-class model`);
    if (m.model.nodes.length !== m.iterations * m.classes.length) issue("trees ≠ iterations × classes");
    if (m.superGenreOfClass && m.superGenreOfClass.length !== m.classes.length)
      issue("superGenreOfClass must name one super-genre per class");
  });
export type ExportedBoosted = z.infer<typeof exportedBoosted>;
