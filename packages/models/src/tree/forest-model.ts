import type { Matrix } from "../matrix.ts";
import { argmaxRows, type TreeJSON, TreeModel } from "./tree-model.ts";

/** A fitted forest as JSON: its trees in order (see {@link TreeJSON}). */
export interface ForestJSON {
  nFeatures: number;
  nClasses: number;
  trees: TreeJSON[];
}

/**
 * A fitted random forest that predicts (no Node APIs, for the browser): class probabilities are the mean of
 * the trees' leaf distributions, summed in tree order, as sklearn's `RandomForestClassifier.predict_proba`.
 */
export class ForestModel {
  readonly trees: readonly TreeModel[];
  readonly nFeatures: number;
  readonly nClasses: number;

  constructor(trees: readonly TreeModel[]) {
    const first = trees[0];
    if (!first) throw new Error("a forest needs at least one tree");
    for (const t of trees) {
      if (t.nFeatures !== first.nFeatures || t.nClasses !== first.nClasses) {
        throw new Error("the forest's trees disagree on the number of features or classes");
      }
    }
    this.trees = trees;
    this.nFeatures = first.nFeatures;
    this.nClasses = first.nClasses;
  }

  /** Class probabilities, row-major `rows × nClasses`. */
  predictProba(X: Matrix): Float64Array {
    const out = new Float64Array(X.rows * this.nClasses);
    for (const tree of this.trees) tree.addProbaInto(X, out);
    const n = this.trees.length;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / n;
    return out;
  }

  /** The most probable class of each row (lowest index on ties). */
  predict(X: Matrix): Int32Array {
    return argmaxRows(this.predictProba(X), X.rows, this.nClasses);
  }

  /**
   * Mean of the trees' impurity-based importances, over trees with more than one node, renormalised to sum 1
   * (sklearn's `feature_importances_`); all 0 when every tree is a single leaf.
   */
  get featureImportances(): Float64Array {
    const out = new Float64Array(this.nFeatures);
    let used = 0;
    for (const t of this.trees) {
      if (t.nodeCount <= 1) continue;
      used++;
      const imp = t.arrays.importances;
      for (let f = 0; f < out.length; f++) out[f] = (out[f] as number) + (imp[f] as number);
    }
    let sum = 0;
    for (let f = 0; f < out.length; f++) {
      out[f] = used > 0 ? (out[f] as number) / used : 0;
      sum += out[f] as number;
    }
    if (sum > 0) for (let f = 0; f < out.length; f++) out[f] = (out[f] as number) / sum;
    return out;
  }

  toJSON(): ForestJSON {
    return { nFeatures: this.nFeatures, nClasses: this.nClasses, trees: this.trees.map((t) => t.toJSON()) };
  }

  static fromJSON(json: ForestJSON): ForestModel {
    return new ForestModel(json.trees.map((t) => TreeModel.fromJSON(t)));
  }
}
