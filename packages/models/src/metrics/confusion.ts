import { checkLabels, classCount, type Labels, sameLength } from "./labels.ts";

/**
 * The K × K confusion matrix, row-major: entry [t * K + p] counts samples of true class t predicted as p
 * (rows = true, columns = predicted), like sklearn's `confusion_matrix(y_true, y_pred, labels=range(K))`.
 * K defaults to one more than the largest label seen.
 */
export function confusionMatrix(
  yTrue: Labels,
  yPred: Labels,
  k: number = classCount(yTrue, yPred),
): Int32Array {
  const n = sameLength(yTrue, yPred, "yTrue and yPred");
  checkLabels(yTrue, k);
  checkLabels(yPred, k);
  const counts = new Int32Array(k * k);
  for (let i = 0; i < n; i++) {
    const cell = (yTrue[i] as number) * k + (yPred[i] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return counts;
}
