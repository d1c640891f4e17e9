import { z } from "zod";
import { PROTOCOLS } from "../splits/protocol-names.ts";

/** The typed contract of every models result; the site reads them only through `readModelResult`. */

const finite = z.number().finite();
const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);

export const protocolName = z.enum(PROTOCOLS);

export const protocolInfo = z.object({
  protocol: protocolName,
  description: z.string(),
  seed: z.number().int(),
  train: count,
  validation: count,
  test: count,
  /** Test rows whose track_id also has rows in training. */
  testRowsWithTrackIdInTrain: count,
  /** Test rows whose recording (same track_id, or same artists and audio) also has rows in training. */
  testRowsWithRecordingInTrain: count,
});
export type ProtocolInfo = z.infer<typeof protocolInfo>;

const averaged = z.object({ precision: rate, recall: rate, f1: rate });

export const classificationMetrics = z.object({
  classes: z.array(z.string()),
  accuracy: rate,
  topK: z.array(z.object({ k: count, accuracy: rate })),
  macro: averaged,
  weighted: averaged,
  perClass: z.array(z.object({ label: z.string(), precision: rate, recall: rate, f1: rate, support: count })),
  /** Rows are true classes, columns predicted, in `classes` order. */
  confusion: z.array(z.array(count)),
  logLoss: finite.optional(),
  /** One-vs-rest ROC curves (thinned for plotting; AUCs from the full curves). */
  roc: z
    .object({
      macroAuc: rate,
      curves: z.array(z.object({ label: z.string(), auc: rate, fpr: z.array(rate), tpr: z.array(rate) })),
    })
    .optional(),
});
export type ClassificationMetrics = z.infer<typeof classificationMetrics>;

const importance = z.array(z.object({ feature: z.string(), mean: finite, std: finite }));

export const gridSearch = z.object({
  grid: z.record(z.string(), z.array(z.union([z.number(), z.string(), z.null()]))),
  folds: count,
  /** Rows the search cross-validated on (a seeded sample of the training split when trimmed for build time). */
  rows: count,
  scoring: z.literal("accuracy"),
  results: z.array(
    z.object({
      params: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      mean: rate,
      std: finite,
    }),
  ),
  best: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

export const classifierEvaluation = z.object({
  protocol: protocolInfo,
  task: z.enum(["super-genre", "genre"]),
  /** Hyper-parameters chosen for this protocol (by its grid search), where they vary. */
  chosen: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
  /** Absent where scoring every training row costs more than it tells (KNN's neighbour search). */
  trainAccuracy: rate.optional(),
  validationAccuracy: rate.optional(),
  test: classificationMetrics,
  /** Mean decrease in impurity (trees) — normalised to sum 1. */
  featureImportance: z.array(z.object({ feature: z.string(), importance: finite })).optional(),
  permutationImportance: importance.optional(),
  /** How an iterative fit (logistic regression's L-BFGS) ended: iterations used, and whether it met its tolerance. */
  convergence: z.object({ iterations: count, maxIterations: count, converged: z.boolean() }).optional(),
  permutationTest: z
    .object({
      score: rate,
      pValue: rate,
      permutations: count,
      folds: count,
      permutationScores: z.array(rate),
    })
    .optional(),
});
export type ClassifierEvaluation = z.infer<typeof classifierEvaluation>;

export const classifierResult = z.object({
  model: z.string(),
  description: z.string(),
  features: z.array(z.string()),
  hyperparameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  search: gridSearch.optional(),
  evaluations: z.array(classifierEvaluation),
  /** What the seed notebook printed for the same model, for side-by-side reporting. */
  seed: z.object({ testAccuracy: rate.optional(), note: z.string() }),
});
export type ClassifierResult = z.infer<typeof classifierResult>;

export const modelsBuildLog = z.object({
  models: z.array(z.object({ model: z.string(), seconds: finite, detail: z.string() })),
  /** Finer timings (fits, searches, sweeps) — kept here so that every other result is byte-identical run to run. */
  steps: z.array(z.object({ model: z.string(), step: z.string(), seconds: finite })),
  /** Wall time of the whole build. */
  totalSeconds: finite,
  /**
   * The experiments' seconds summed (what the build would take one experiment after another) and how many
   * ran at once; absent from logs written before experiments ran in parallel.
   */
  experimentSeconds: finite.optional(),
  concurrency: count.optional(),
  backend: z.string(),
  /** Fit seconds of every leaderboard model per task and protocol (from `steps`; see `fitTimings`). */
  fits: z
    .array(
      z.object({
        model: z.string(),
        task: z.enum(["super-genre-10", "genre-114"]),
        protocol: protocolName,
        seconds: finite,
      }),
    )
    .optional(),
});
