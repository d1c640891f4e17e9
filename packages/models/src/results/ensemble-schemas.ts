import { z } from "zod";
import { classificationMetrics, protocolInfo } from "./schemas.ts";

/** The `ensemble` experiment: a weighted soft vote and a stack of models other experiments fitted. */

const finite = z.number().finite();
const rate = z.number().min(0).max(1);

const member = z.object({
  model: z.string(),
  /** The member's own settings for this task and protocol (as its experiment chose them). */
  settings: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  weight: rate,
  validationLogLoss: finite,
  validationAccuracy: rate,
  testAccuracy: rate,
});

const evaluation = z.object({
  protocol: protocolInfo,
  task: z.enum(["super-genre", "genre"]),
  /** Weight vectors searched for this vote: every combination of multiples of `weightStep` that sums to 1. */
  combinations: z.number().int().positive(),
  members: z.array(member),
  /** The chosen weights' validation log-loss and accuracy: the rows the weights were chosen on. */
  validation: z.object({ logLoss: finite, accuracy: rate }),
  /** The member with the highest test accuracy, and whether the vote beat it there. */
  bestMember: z.string(),
  beatsBestMember: z.boolean(),
  test: classificationMetrics,
  /**
   * The stacked ensemble of the same members (src/ensemble/stacking.ts): "full" a logistic regression on their
   * log-probabilities, "pool" a log-linear pool; fitted on the validation rows, whose fit it reports.
   */
  stack: z.object({
    method: z.enum(["full", "pool"]),
    /** Whether its fit met its gradient tolerance within its iteration cap. */
    converged: z.boolean(),
    validation: z.object({ logLoss: finite, accuracy: rate }),
    beatsVote: z.boolean(),
    beatsBestMember: z.boolean(),
    test: classificationMetrics,
  }),
});

export const ensembleResult = z.object({
  model: z.literal("ensemble"),
  description: z.string(),
  features: z.array(z.string()),
  weightStep: rate,
  evaluations: z.array(evaluation),
});
export type EnsembleResult = z.infer<typeof ensembleResult>;
