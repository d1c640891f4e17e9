import { logLoss } from "../metrics/index.ts";
import type { Split } from "../splits/splits.ts";
import { CategoryCounts } from "./category-counts.ts";
import { groupFolds } from "./folds.ts";
import { countOutOfFold, countRows, type RawEncoding, type RowKeys, smooth } from "./target-encoder.ts";

/** How the artist and album experts are counted and smoothed. */
export const TEXT_ENCODING = {
  /** Folds of the validation rows for their out-of-fold encoding. */
  folds: 5,
  foldSeed: 7,
  /** Smoothing strengths (pseudo-rows toward the prior) tried; the best validation log-loss wins. */
  alphaGrid: [0.03, 0.1, 0.3, 1, 3, 10],
} as const;

export type TextExpertId = "artist" | "album";

export interface TextExpert {
  id: TextExpertId;
  alpha: number;
  /** Validation log-loss of the expert alone, per α of the grid. */
  alphaSearch: { alpha: number; validationLogLoss: number }[];
  validation: { raw: RawEncoding; proba: Float64Array };
  test: { raw: RawEncoding; proba: Float64Array };
}

/**
 * One text expert for one split. The combiner is fitted on the validation rows, so they are encoded out of
 * fold: each validation row with the counts of all training rows and of the validation rows outside its fold,
 * never its own label. On a grouped protocol the folds keep each group's rows together (a track_id, or a
 * recording), as test rows never share a group with the rows counted for them; on the seed's protocol folds are
 * cut row by row, as its test rows do share tracks with training rows. Test rows are then encoded with all training and validation
 * rows, about the share of the data each validation row was encoded with (60 % + 16 % vs 80 %).
 */
export function textExpert(
  id: TextExpertId,
  keys: RowKeys,
  labels: Int32Array,
  nClasses: number,
  split: Split,
  groupOf: (row: number) => string,
): TextExpert {
  const { folds, foldSeed, alphaGrid } = TEXT_ENCODING;
  const foldOf = groupFolds(split.validation, groupOf, folds, foldSeed);
  const validationRaw = countOutOfFold(keys, labels, nClasses, split.train, split.validation, foldOf, folds);
  const counting = Int32Array.from([...split.train, ...split.validation]);
  const testRaw = countRows(CategoryCounts.fit(keys, labels, counting, nClasses), keys, split.test);
  const yValidation = Int32Array.from(split.validation, (row) => labels[row] as number);
  const alphaSearch = alphaGrid.map((alpha) => ({
    alpha,
    validationLogLoss: logLoss(yValidation, smooth(validationRaw, alpha)),
  }));
  // The first α with the lowest loss wins ties.
  const best = alphaSearch.reduce((a, b) => (b.validationLogLoss < a.validationLogLoss ? b : a));
  return {
    id,
    alpha: best.alpha,
    alphaSearch,
    validation: { raw: validationRaw, proba: smooth(validationRaw, best.alpha) },
    test: { raw: testRaw, proba: smooth(testRaw, best.alpha) },
  };
}

/** The share of encoded rows with at least one of their categories counted. */
export function coverage(raw: RawEncoding): number {
  let seen = 0;
  for (const e of raw.evidence) if (e > 0) seen++;
  return raw.rows > 0 ? seen / raw.rows : 0;
}
