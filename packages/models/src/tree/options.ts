import type { Random } from "../random.ts";

/** Impurity measure of a node's class distribution, as sklearn's `criterion`. */
export type Criterion = "gini" | "entropy";

/**
 * Features tried at each node, as sklearn's `max_features`: null = all; "sqrt"/"log2" of the feature count;
 * an integer ≥ 1 = that many; a fraction in (0, 1) = that share (at least one). Resampled at every node.
 */
export type MaxFeatures = null | "sqrt" | "log2" | number;

/** How node histograms are built: "subtract" derives the larger child's from its parent, "direct" bins only the
 * features sampled at each node; "auto" picks "direct" when few features are tried per node. */
export type HistogramMode = "auto" | "subtract" | "direct";

/** Options of a CART classification tree, named after sklearn's `DecisionTreeClassifier`. */
export interface TreeOptions {
  /** Default "gini". */
  criterion?: Criterion;
  /** Deepest level a node may sit at (root = 0); null (default) = unlimited. */
  maxDepth?: number | null;
  /** Fewest rows a node needs to be split: an integer ≥ 2 (default 2) or a fraction of the rows (rounded up). */
  minSamplesSplit?: number;
  /** Fewest rows each child must keep: an integer ≥ 1 (default 1) or a fraction ≤ 0.5 of the rows (rounded up). */
  minSamplesLeaf?: number;
  /** Default null (all features) for a tree. */
  maxFeatures?: MaxFeatures;
  /** A split must decrease weighted impurity by at least this (sklearn's formula, weighted by node share). */
  minImpurityDecrease?: number;
  /** Bins per feature for pre-binning, 2..256 (default 255); features with no more distinct values are exact. */
  maxBins?: number;
  /** Seed or generator for feature sampling; default 0. */
  randomState?: number | Random;
  /** Histogram strategy (default "auto"); every mode gives the same tree. */
  histogram?: HistogramMode;
}

/** Options with counts resolved for a given training set: what the tree grower reads. */
export interface GrowParams {
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number;
  minImpurityDecrease: number;
  histogram: HistogramMode;
}

/** Checks `options` and resolves counts for `rows` training rows and `features` features. */
export function resolveGrowParams(options: TreeOptions, rows: number, features: number): GrowParams {
  const criterion = options.criterion ?? "gini";
  if (criterion !== "gini" && criterion !== "entropy") throw new RangeError(`unknown criterion ${criterion}`);
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  if (!(maxDepth >= 0) || (Number.isFinite(maxDepth) && !Number.isInteger(maxDepth))) {
    throw new RangeError(`maxDepth must be a non-negative integer or null, got ${maxDepth}`);
  }
  const minSamplesLeaf = resolveCount(options.minSamplesLeaf ?? 1, rows, 1, 0.5, "minSamplesLeaf");
  const minSamplesSplit = Math.max(
    resolveCount(options.minSamplesSplit ?? 2, rows, 2, 1, "minSamplesSplit"),
    2 * minSamplesLeaf,
  );
  const minImpurityDecrease = options.minImpurityDecrease ?? 0;
  if (!(minImpurityDecrease >= 0)) throw new RangeError("minImpurityDecrease must be ≥ 0");
  const maxFeatures = resolveMaxFeatures(options.maxFeatures ?? null, features);
  const histogram = options.histogram ?? "auto";
  if (histogram !== "auto" && histogram !== "subtract" && histogram !== "direct") {
    throw new RangeError(`unknown histogram mode ${histogram}`);
  }
  return {
    criterion,
    maxDepth,
    minSamplesSplit,
    minSamplesLeaf,
    maxFeatures,
    minImpurityDecrease,
    histogram,
  };
}

/** sklearn's `max_features` → the number of features tried per node. */
export function resolveMaxFeatures(maxFeatures: MaxFeatures, features: number): number {
  if (maxFeatures === null) return features;
  if (maxFeatures === "sqrt") return Math.max(1, Math.floor(Math.sqrt(features)));
  if (maxFeatures === "log2") return Math.max(1, Math.floor(Math.log2(features)));
  if (Number.isInteger(maxFeatures) && maxFeatures >= 1) return Math.min(maxFeatures, features);
  if (maxFeatures > 0 && maxFeatures < 1) return Math.max(1, Math.floor(maxFeatures * features));
  throw new RangeError(
    `maxFeatures must be null, "sqrt", "log2", an integer ≥ 1 or a fraction, got ${maxFeatures}`,
  );
}

function resolveCount(
  value: number,
  rows: number,
  minInt: number,
  maxFraction: number,
  name: string,
): number {
  if (Number.isInteger(value) && value >= minInt) return value;
  if (value > 0 && value < 1 && value <= maxFraction) return Math.max(minInt, Math.ceil(value * rows));
  throw new RangeError(
    `${name} must be an integer ≥ ${minInt} or a fraction in (0, ${maxFraction}], got ${value}`,
  );
}
