import { type Labels, sameLength } from "./labels.ts";

/** The fraction of samples whose predicted label equals the true one: sklearn's `accuracy_score`. NaN when empty. */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  const n = sameLength(yTrue, yPred, "yTrue and yPred");
  let hits = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / n;
}
