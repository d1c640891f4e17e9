import {
  classificationReport,
  confusionMatrix,
  logLoss,
  rocOneVsRest,
  topKAccuracy,
} from "../metrics/index.ts";
import type { ClassificationMetrics } from "../results/schemas.ts";

export interface EvaluateOptions {
  /** Include one-vs-rest ROC curves and AUCs (default true). */
  roc?: boolean;
  topK?: number[];
  /** At most this many points per ROC curve are kept for plotting (default 101). */
  rocPoints?: number;
}

/** argmax of each row of an n × K probability matrix (first maximum wins, as numpy's argmax). */
export function argmaxRows(proba: Float64Array, k: number): Int32Array {
  const n = proba.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((proba[i * k + c] as number) > (proba[i * k + best] as number)) best = c;
    out[i] = best;
  }
  return out;
}

/** Keeps the first and last point and evenly spaced ones between: enough to draw, small to ship. */
function thin(values: Float64Array, keep: number[]): number[] {
  return keep.map((i) => values[i] as number);
}
function thinIndices(length: number, points: number): number[] {
  if (length <= points) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: points }, (_, i) => Math.round((i * (length - 1)) / (points - 1)));
}

/** Every classification metric the report shows, from true labels and predicted probabilities. */
export function evaluateClassifier(
  yTrue: Int32Array,
  proba: Float64Array,
  classes: readonly string[],
  options: EvaluateOptions = {},
): ClassificationMetrics {
  const k = classes.length;
  const predicted = argmaxRows(proba, k);
  const report = classificationReport(yTrue, predicted, k);
  const confusion = confusionMatrix(yTrue, predicted, k);
  const metrics: ClassificationMetrics = {
    classes: [...classes],
    accuracy: report.accuracy,
    topK: (options.topK ?? (k > 5 ? [1, 5] : [1])).map((top) => ({
      k: top,
      accuracy: topKAccuracy(yTrue, proba, top),
    })),
    macro: { precision: report.macro.precision, recall: report.macro.recall, f1: report.macro.f1 },
    weighted: {
      precision: report.weighted.precision,
      recall: report.weighted.recall,
      f1: report.weighted.f1,
    },
    perClass: report.classes.map((c, i) => ({ label: classes[i] as string, ...c })),
    confusion: Array.from({ length: k }, (_, r) => Array.from(confusion.subarray(r * k, (r + 1) * k))),
    logLoss: logLoss(yTrue, proba),
  };
  if (options.roc ?? true) {
    const roc = rocOneVsRest(yTrue, proba);
    metrics.roc = {
      macroAuc: roc.macroAuc,
      curves: roc.curves.map((curve, c) => {
        const keep = thinIndices(curve.fpr.length, options.rocPoints ?? 101);
        return {
          label: classes[c] as string,
          auc: roc.auc[c] as number,
          fpr: thin(curve.fpr, keep),
          tpr: thin(curve.tpr, keep),
        };
      }),
    };
  }
  return metrics;
}
