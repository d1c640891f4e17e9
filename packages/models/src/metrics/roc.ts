import { sameLength } from "./labels.ts";

/** A ROC curve: parallel arrays, thresholds descending, the first point (0, 0) at threshold +Infinity. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/** A {@link RocCurve} as JSON: the first threshold, +Infinity, is written as null. */
export interface RocCurveJSON {
  fpr: number[];
  tpr: number[];
  thresholds: (number | null)[];
}

export interface RocCurveOptions {
  /** The label of the positive class; every other label is negative. Default 1. */
  positive?: number;
  /** Drop points collinear with their neighbours, as sklearn's `drop_intermediate`. Default true. */
  dropIntermediate?: boolean;
}

/**
 * The ROC curve of one binary problem, as sklearn ≥ 1.3's `roc_curve(y_true, y_score, pos_label=positive,
 * drop_intermediate=True)`: one point per distinct score, taken in descending order as the threshold
 * (a sample is predicted positive when its score ≥ threshold), optionally thinned to the corners of the
 * curve, then preceded by (0, 0) at threshold +Infinity. With no negatives (or no positives) fpr (or tpr)
 * is all NaN, as in sklearn.
 */
export function rocCurve(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  { positive = 1, dropIntermediate = true }: RocCurveOptions = {},
): RocCurve {
  const n = sameLength(yTrue, yScore, "yTrue and yScore");
  let nPositive = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(yScore[i])) throw new RangeError(`score at ${i} is NaN`);
    if (yTrue[i] === positive) nPositive++;
  }
  // Sorting positives' and negatives' scores apart (native numeric sort, no index comparator) and merging
  // them from the top gives the cumulative counts at each distinct score.
  const pos = new Float64Array(nPositive);
  const neg = new Float64Array(n - nPositive);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (yTrue[i] === positive) pos[p++] = yScore[i] as number;
    else neg[q++] = yScore[i] as number;
  }
  pos.sort();
  neg.sort();

  // Cumulative true and false positives at each distinct score, descending.
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let m = 0;
  let p = pos.length - 1;
  let q = neg.length - 1;
  while (p >= 0 || q >= 0) {
    const score = Math.max(p >= 0 ? (pos[p] as number) : -Infinity, q >= 0 ? (neg[q] as number) : -Infinity);
    while (p >= 0 && pos[p] === score) p--;
    while (q >= 0 && neg[q] === score) q--;
    tps[m] = pos.length - 1 - p;
    fps[m] = neg.length - 1 - q;
    thresholds[m++] = score;
  }

  if (dropIntermediate && m > 2) {
    // Keep the ends and every point where the second difference of fps or tps is non-zero (a corner),
    // compacting in place; `prev*` hold the original values of the point before j.
    let kept = 1;
    let prevF = fps[0] as number;
    let prevT = tps[0] as number;
    for (let j = 1; j < m; j++) {
      const f = fps[j] as number;
      const t = tps[j] as number;
      const last = j === m - 1;
      if (
        last ||
        prevF - 2 * f + (fps[j + 1] as number) !== 0 ||
        prevT - 2 * t + (tps[j + 1] as number) !== 0
      ) {
        fps[kept] = f;
        tps[kept] = t;
        thresholds[kept++] = thresholds[j] as number;
      }
      prevF = f;
      prevT = t;
    }
    m = kept;
  }

  const positives = pos.length;
  const negatives = neg.length;
  const curve: RocCurve = {
    fpr: new Float64Array(m + 1),
    tpr: new Float64Array(m + 1),
    thresholds: new Float64Array(m + 1),
  };
  curve.thresholds[0] = Number.POSITIVE_INFINITY;
  curve.thresholds.set(thresholds.subarray(0, m), 1);
  for (let j = 0; j < m; j++) {
    curve.fpr[j + 1] = (fps[j] as number) / negatives;
    curve.tpr[j + 1] = (tps[j] as number) / positives;
  }
  if (negatives === 0) curve.fpr.fill(Number.NaN);
  if (positives === 0) curve.tpr.fill(Number.NaN);
  return curve;
}

/** Plain arrays for JSON; the leading +Infinity threshold becomes null (as `JSON.stringify` would write it). */
export function rocCurveToJSON(curve: RocCurve): RocCurveJSON {
  return {
    fpr: Array.from(curve.fpr),
    tpr: Array.from(curve.tpr),
    thresholds: Array.from(curve.thresholds, (t) => (Number.isFinite(t) ? t : null)),
  };
}

/** The inverse of {@link rocCurveToJSON}: a null threshold is read back as +Infinity. */
export function rocCurveFromJSON(json: RocCurveJSON): RocCurve {
  return {
    fpr: Float64Array.from(json.fpr),
    tpr: Float64Array.from(json.tpr),
    thresholds: Float64Array.from(json.thresholds, (t) => t ?? Number.POSITIVE_INFINITY),
  };
}
