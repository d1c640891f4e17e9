import type { Random } from "../random.ts";

export interface PermutationTestOptions<Y extends Int32Array | Float64Array> {
  y: Y;
  /** Cross-validated score of the model trained on these labels (higher is better), e.g. via crossValidate. */
  score: (y: Y) => number;
  /** sklearn's default is 100. */
  nPermutations?: number;
  rng: Random;
}

export interface PermutationTest {
  score: number;
  permutationScores: Float64Array;
  pValue: number;
}

/**
 * sklearn's `permutation_test_score`: the score with the true labels, the scores with `nPermutations`
 * random permutations of them (each a fresh Fisher–Yates shuffle of all labels; no groups), and the p-value
 * (C + 1) / (nPermutations + 1), where C counts permutation scores ≥ the true score.
 */
export function permutationTestScore<Y extends Int32Array | Float64Array>({
  y,
  score,
  nPermutations = 100,
  rng,
}: PermutationTestOptions<Y>): PermutationTest {
  const trueScore = score(y.slice() as Y);
  const permutationScores = new Float64Array(nPermutations);
  let count = 0;
  for (let p = 0; p < nPermutations; p++) {
    const s = score(rng.shuffle(y.slice() as Y));
    permutationScores[p] = s;
    if (s >= trueScore) count++;
  }
  return { score: trueScore, permutationScores, pValue: (count + 1) / (nPermutations + 1) };
}
