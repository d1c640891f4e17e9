import type { Matrix } from "../matrix.ts";
import { Random } from "../random.ts";
import { binFeatures } from "./binning.ts";
import { TreeGrower } from "./grow.ts";
import { resolveGrowParams, type TreeOptions } from "./options.ts";
import { type TreeJSON, TreeModel } from "./tree-model.ts";

/**
 * A CART classification tree, like sklearn's `DecisionTreeClassifier` (best splitter, depth-first growth).
 * Features are pre-binned (see `binFeatures`); with at most `maxBins` distinct values per feature the tree is
 * the exact CART tree, up to the order in which tied splits are tried (features in index order here when all
 * are tried; sklearn permutes them).
 */
export class DecisionTreeClassifier {
  readonly options: TreeOptions;
  #model: TreeModel | null = null;

  constructor(options: TreeOptions = {}) {
    this.options = { ...options };
  }

  /**
   * Fits the tree on the rows of `X` with labels `y` in 0..nClasses−1. `sampleWeight` gives each row a weight
   * (e.g. integer bootstrap counts); rows of weight 0 are left out.
   */
  fit(X: Matrix, y: Int32Array, nClasses: number, sampleWeight?: ArrayLike<number>): this {
    if (X.rows === 0) throw new Error("cannot fit a tree on no rows");
    const params = resolveGrowParams(this.options, X.rows, X.cols);
    const data = binFeatures(X, this.options.maxBins ?? 255);
    const rs = this.options.randomState ?? 0;
    const rng = typeof rs === "number" ? new Random(rs) : rs;
    this.#model = new TreeModel(new TreeGrower(data, y, nClasses).grow(sampleWeight ?? null, params, rng));
    return this;
  }

  /** The fitted tree; throws before `fit`. */
  get model(): TreeModel {
    if (!this.#model) throw new Error("the tree is not fitted");
    return this.#model;
  }

  /** Class probabilities, row-major `rows × nClasses`. */
  predictProba(X: Matrix): Float64Array {
    return this.model.predictProba(X);
  }

  predict(X: Matrix): Int32Array {
    return this.model.predict(X);
  }

  /** Mean decrease in impurity per feature, normalised to sum 1. */
  get featureImportances(): Float64Array {
    return this.model.featureImportances;
  }
  get depth(): number {
    return this.model.depth;
  }
  get nodeCount(): number {
    return this.model.nodeCount;
  }
  get nLeaves(): number {
    return this.model.nLeaves;
  }

  toJSON(): TreeJSON {
    return this.model.toJSON();
  }

  /** A fitted classifier from {@link TreeJSON}; it predicts exactly as the tree that was saved. */
  static fromJSON(json: TreeJSON): DecisionTreeClassifier {
    const tree = new DecisionTreeClassifier();
    tree.#model = TreeModel.fromJSON(json);
    return tree;
  }
}
