import { auc } from "./auc.ts";
import { checkLabels, type Labels, type Scores, scoreColumns } from "./labels.ts";
import { type RocCurve, rocCurve } from "./roc.ts";

/**
 * The area under the ROC curve of one binary problem: sklearn's `roc_auc_score` for binary y_true
 * (trapezoids over {@link rocCurve}, so tied scores earn half credit). NaN when y_true holds only one
 * class, where sklearn raises.
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, positive = 1): number {
  const curve = rocCurve(yTrue, yScore, { positive });
  return auc(curve.fpr, curve.tpr);
}

/** One-vs-rest ROC curves and areas for every class, with their macro average. */
export interface OneVsRestRoc {
  /** Curve k treats class k as positive and column k of the scores as its score. */
  curves: RocCurve[];
  /** AUC of each class; NaN for a class with no samples (or all of them). */
  auc: Float64Array;
  /** The unweighted mean of the finite per-class AUCs. */
  macroAuc: number;
}

/**
 * One-vs-rest ROC analysis of an n × K score matrix: per-class {@link rocCurve} and AUC, and
 * sklearn's `roc_auc_score(y_true, y_score, multi_class="ovr", average="macro")` as `macroAuc`.
 * Where a class is absent from y_true sklearn raises; here its AUC is NaN and it is left out of the mean.
 * Unlike sklearn this does not check that rows sum to 1 (the AUC does not depend on it).
 */
export function rocOneVsRest(yTrue: Labels, scores: Scores): OneVsRestRoc {
  const n = yTrue.length;
  const k = scoreColumns(scores, n);
  checkLabels(yTrue, k);
  const curves: RocCurve[] = [];
  const areas = new Float64Array(k);
  const column = new Float64Array(n);
  let sum = 0;
  let defined = 0;
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) column[i] = scores[i * k + c] as number;
    const curve = rocCurve(yTrue, column, { positive: c });
    const area = auc(curve.fpr, curve.tpr);
    curves.push(curve);
    areas[c] = area;
    if (Number.isFinite(area)) {
      sum += area;
      defined++;
    }
  }
  return { curves, auc: areas, macroAuc: sum / defined };
}

/** Just the macro one-vs-rest AUC of {@link rocOneVsRest}: `roc_auc_score(multi_class="ovr", average="macro")`. */
export function rocAucOneVsRest(yTrue: Labels, scores: Scores): number {
  return rocOneVsRest(yTrue, scores).macroAuc;
}
