import { splitMatrices } from "../experiments/classifier-evaluation.ts";
import type { ExperimentContext, Task } from "../experiments/context.ts";
import { SEED_RAW_FEATURES } from "../features/seed-feature-sets.ts";
import { take } from "../matrix.ts";
import type { Split } from "../splits/splits.ts";
import { RandomForestClassifier } from "../tree/index.ts";

/**
 * The audio expert: a random forest on the seed's 15 raw features, one forest per protocol trained on its
 * training rows for the 114 genres. Depth 20 is the seed's chosen depth; 50 trees (not the seed's 200) keep
 * two 114-class forests inside the build budget (a 114-class depth-20 tree takes about a second per core).
 */
export const AUDIO_FOREST = {
  nEstimators: 50,
  maxDepth: 20,
  maxFeatures: "sqrt",
  bootstrap: true,
  randomState: 42,
} as const;

/**
 * Share of a uniform distribution mixed into the forest's probabilities before they are pooled: a forest gives
 * many genres probability exactly 0, whose logarithm the log-linear pool cannot take. Mixing is monotone, so
 * the audio expert's ranking (top-k) is unchanged.
 */
export const AUDIO_UNIFORM_MIX = 1e-3;

export interface AudioPredictions {
  /** Forest probabilities (n × K) of the validation and test rows. */
  validation: Float64Array;
  test: Float64Array;
}

/** Fits the audio forest on the split's training rows and predicts its validation and test rows. */
export async function fitAudioExpert(
  context: ExperimentContext,
  task: Task,
  split: Split,
): Promise<AudioPredictions> {
  const { train, validation, test } = splitMatrices(context, split, SEED_RAW_FEATURES, false);
  const nEstimators = AUDIO_FOREST.nEstimators;
  let reported = 0;
  const forest = new RandomForestClassifier({
    ...AUDIO_FOREST,
    onProgress: ({ treesDone }) => {
      if (treesDone - reported >= 10 || treesDone === nEstimators) {
        reported = treesDone;
        context.log(
          `models ▸ genre model (${split.protocol}): audio forest ${treesDone}/${nEstimators} trees`,
        );
      }
    },
  });
  let started = performance.now();
  await forest.fit(train, take(task.labels, split.train), task.classes.length);
  context.time(`audio forest fit ${split.protocol}`, (performance.now() - started) / 1000);
  started = performance.now();
  const predictions = { validation: forest.predictProba(validation), test: forest.predictProba(test) };
  context.time(`audio forest predict ${split.protocol}`, (performance.now() - started) / 1000);
  return predictions;
}

/** (1 − ε)·p + ε/K for every row of an n × K probability matrix: strictly positive, same ranking. */
export function mixUniform(proba: Float64Array, nClasses: number, epsilon = AUDIO_UNIFORM_MIX): Float64Array {
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`epsilon must be in (0, 1), got ${epsilon}`);
  const floor = epsilon / nClasses;
  return Float64Array.from(proba, (p) => (1 - epsilon) * p + floor);
}
