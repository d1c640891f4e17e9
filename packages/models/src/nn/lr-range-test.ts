import { Random } from "../random.ts";
import { ADAM_DEFAULTS, Adam } from "./adam.ts";
import type { Mlp } from "./mlp.ts";
import { batchesOf, TrainingRows, trainingStep } from "./step.ts";
import type { LabelledRows } from "./train.ts";
import type { WeightDecay } from "./weight-decay.ts";

/** Lightning's `Tuner.lr_find` as the seed called it (min 1e-10, max 1e-1, 100 steps) and its defaults. */
export interface LrRangeTestConfig {
  minLr: number;
  maxLr: number;
  steps: number;
  /** Smoothing of the recorded loss (an exponential moving average). */
  beta: number;
  /** Stop once the smoothed loss exceeds this multiple of the best so far. */
  divergeThreshold: number;
  /** `suggestion(skip_begin, skip_end)`. */
  skipBegin: number;
  skipEnd: number;
}

export const SEED_LR_FIND: LrRangeTestConfig = {
  minLr: 1e-10,
  maxLr: 1e-1,
  steps: 100,
  beta: 0.98,
  divergeThreshold: 4,
  skipBegin: 10,
  skipEnd: 1,
};

export interface LrRangeTest {
  /** The learning rate of each step and the smoothed loss after it. */
  points: { lr: number; loss: number }[];
  /** Index into `points` of the suggestion, or null when there were too few points. */
  suggestedIndex: number | null;
  suggestedLr: number | null;
}

/**
 * Lightning's exponential ladder (`_ExponentialLR`): step 0 runs at `minLr`, step i ≥ 1 at
 * minLr·(maxLr/minLr)^((i+1)/steps), so the last step reaches `maxLr` (and the rung at 1/steps is skipped).
 */
export function lrLadder(config: Pick<LrRangeTestConfig, "minLr" | "maxLr" | "steps">): number[] {
  const { minLr, maxLr, steps } = config;
  if (!(minLr > 0 && maxLr > minLr && Number.isInteger(steps) && steps >= 2)) {
    throw new RangeError(`bad range test: ${minLr} to ${maxLr} in ${steps} steps`);
  }
  return Array.from({ length: steps }, (_, i) =>
    i === 0 ? minLr : minLr * (maxLr / minLr) ** ((i + 1) / steps),
  );
}

/**
 * `torch.gradient(values, spacing=[coordinates])` (edge_order 1): second-order central differences on an
 * uneven grid inside, one-sided differences at both ends.
 */
export function gradientAt(values: readonly number[], coordinates: readonly number[]): number[] {
  const n = values.length;
  if (n < 2 || coordinates.length !== n)
    throw new Error("gradient needs ≥ 2 values with as many coordinates");
  const f = (i: number) => values[i] as number;
  const x = (i: number) => coordinates[i] as number;
  return values.map((_, i) => {
    if (i === 0) return (f(1) - f(0)) / (x(1) - x(0));
    if (i === n - 1) return (f(n - 1) - f(n - 2)) / (x(n - 1) - x(n - 2));
    const left = x(i) - x(i - 1);
    const right = x(i + 1) - x(i);
    return (
      (left * left * f(i + 1) - right * right * f(i - 1) + (right * right - left * left) * f(i)) /
      (left * right * (left + right))
    );
  });
}

/**
 * Lightning's `suggestion()`: drop `skipBegin` points at the start and `skipEnd` at the end and any
 * non-finite loss, then take the point where the loss falls fastest with respect to the learning rate —
 * the rate itself, not its logarithm, as in Lightning 2.x (issue #14248's fix), which favours the upper
 * end of a steep stretch.
 */
export function suggestLearningRate(
  points: readonly { lr: number; loss: number }[],
  skipBegin = SEED_LR_FIND.skipBegin,
  skipEnd = SEED_LR_FIND.skipEnd,
): number | null {
  const kept = points
    .map((p, index) => ({ ...p, index }))
    .slice(skipBegin, points.length - skipEnd)
    .filter((p) => Number.isFinite(p.loss));
  if (kept.length < 2) return null;
  const gradients = gradientAt(
    kept.map((p) => p.loss),
    kept.map((p) => p.lr),
  );
  let best = 0;
  gradients.forEach((g, i) => {
    if (g < (gradients[best] as number)) best = i;
  });
  return (kept[best] as { index: number }).index;
}

/**
 * The range test: from the model's current weights, one optimiser step per learning rate of the ladder on
 * successive shuffled training batches, recording Lightning's smoothed loss, stopping early if it diverges;
 * then the weights are put back, as `lr_find` restores its checkpoint.
 */
export function lrRangeTest(
  model: Mlp,
  train: LabelledRows,
  classWeights: Float64Array,
  options: { batchSize: number; weightDecay: WeightDecay; seed: number; config?: LrRangeTestConfig },
): LrRangeTest {
  const config = options.config ?? SEED_LR_FIND;
  const ladder = lrLadder(config);
  const start = model.snapshot();
  const data = new TrainingRows(train.x, train.y, classWeights);
  const adam = new Adam(model.trainable(), { ...ADAM_DEFAULTS, decay: options.weightDecay });
  const rng = new Random(options.seed);
  const minRows = model.spec.batchNorm ? 2 : 1;
  const points: { lr: number; loss: number }[] = [];
  try {
    let queue: Int32Array[] = [];
    let average = 0;
    let best = 0;
    for (let step = 0; step < ladder.length; step++) {
      if (queue.length === 0) queue = batchesOf(rng.permutation(data.rows), options.batchSize, minRows);
      const indices = queue.shift() as Int32Array;
      const lr = ladder[step] as number;
      const { loss } = trainingStep(model, adam, data, indices, lr, rng.nextUint32());
      // Lightning's _LRCallback: the global step is step + 1 once the optimiser has stepped.
      const globalStep = step + 1;
      average = config.beta * average + (1 - config.beta) * loss;
      const smoothed = average / (1 - config.beta ** (globalStep + 1));
      points.push({ lr, loss: smoothed });
      const diverged = globalStep > 1 && smoothed > config.divergeThreshold * best;
      if (smoothed < best || globalStep === 1) best = smoothed;
      if (diverged) break;
    }
  } finally {
    adam.dispose();
    model.restore(start);
  }
  const suggestedIndex = suggestLearningRate(points, config.skipBegin, config.skipEnd);
  return {
    points,
    suggestedIndex,
    suggestedLr: suggestedIndex === null ? null : (points[suggestedIndex] as { lr: number }).lr,
  };
}
