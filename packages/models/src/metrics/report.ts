import { confusionMatrix } from "./confusion.ts";
import { classCount, type Labels } from "./labels.ts";

/** Precision, recall, F1 and support of one class, or one average over classes. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** The numbers of sklearn's `classification_report(..., output_dict=True)`. */
export interface ClassificationReport {
  /** One entry per class 0..K-1, absent classes included. */
  classes: ClassScores[];
  accuracy: number;
  /** Unweighted mean over the K classes; support is the total. */
  macro: ClassScores;
  /** Mean over classes weighted by support; support is the total. */
  weighted: ClassScores;
}

/**
 * Per-class precision, recall, F1 and support with macro and weighted averages, as sklearn's
 * `classification_report(y_true, y_pred, labels=range(K), zero_division=0)`: a ratio whose denominator is
 * zero (no predictions of a class, or no samples of it) counts as 0, and such classes still enter the macro
 * average. F1 is 2·TP / (2·TP + FP + FN), which equals the harmonic mean of precision and recall.
 */
export function classificationReport(
  yTrue: Labels,
  yPred: Labels,
  k: number = classCount(yTrue, yPred),
): ClassificationReport {
  return classificationReportFromConfusion(confusionMatrix(yTrue, yPred, k), k);
}

/** {@link classificationReport} from a K × K confusion matrix (rows = true, columns = predicted). */
export function classificationReportFromConfusion(
  matrix: ArrayLike<number>,
  k: number,
): ClassificationReport {
  if (matrix.length !== k * k) throw new RangeError(`a ${k}-class confusion matrix has ${k * k} entries`);
  const classes: ClassScores[] = [];
  let total = 0;
  let correct = 0;
  for (let c = 0; c < k; c++) {
    let support = 0; // row sum: TP + FN
    let predicted = 0; // column sum: TP + FP
    for (let j = 0; j < k; j++) {
      support += matrix[c * k + j] as number;
      predicted += matrix[j * k + c] as number;
    }
    const tp = matrix[c * k + c] as number;
    const fp = predicted - tp;
    const fn = support - tp;
    classes.push({
      precision: ratio(tp, predicted),
      recall: ratio(tp, support),
      f1: ratio(2 * tp, 2 * tp + fp + fn),
      support,
    });
    total += support;
    correct += tp;
  }
  const average = (weight: (s: ClassScores) => number, norm: number): ClassScores => {
    let precision = 0;
    let recall = 0;
    let f1 = 0;
    for (const s of classes) {
      const w = weight(s);
      precision += w * s.precision;
      recall += w * s.recall;
      f1 += w * s.f1;
    }
    return {
      precision: ratio(precision, norm),
      recall: ratio(recall, norm),
      f1: ratio(f1, norm),
      support: total,
    };
  };
  return {
    classes,
    accuracy: ratio(correct, total),
    macro: average(() => 1, k),
    weighted: average((s) => s.support, total),
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
