import { z } from "zod";
import { protocolInfo } from "./schemas.ts";

const finite = z.number().finite();
const count = z.number().int().nonnegative();

const scores = z.object({ mse: finite, rmse: finite, mae: finite, r2: finite });
const biasVariance = z.object({ avgExpectedLoss: finite, avgBias: finite, avgVar: finite });

const modelFit = z.object({
  model: z.enum(["linear", "quadratic"]),
  terms: z.array(z.string()),
  intercept: finite,
  coefficients: z.array(finite),
  rank: count,
  train: scores,
  validation: scores,
  biasVariance: biasVariance.nullable(),
});

export const responseResult = z.object({
  response: z.string(),
  predictors: z.array(z.string()),
  selected: z.array(z.string()),
  cvScores: z.array(finite),
  selectedColumns: z.array(z.string()),
  sizes: z.object({ train: count, validation: count, test: count }),
  fits: z.object({ linear: modelFit.optional(), quadratic: modelFit.optional() }),
});

const best = z.object({ response: z.string(), trainR2: finite, validationR2: finite });
const biasVarianceSettings = z.object({ numRounds: count, seed: z.number().int() }).nullable();

export const energyRegressionResult = z.object({
  response: z.literal("energy"),
  /** What the seed's forward selection picked on its split, for comparison. */
  seedSelected: z.array(z.string()),
  biasVariance: biasVarianceSettings,
  evaluations: z.array(z.object({ protocol: protocolInfo, result: responseResult })),
});
export type EnergyRegressionResult = z.infer<typeof energyRegressionResult>;

const groupSweep = z.object({
  group: z.string(),
  nRows: count,
  /** Lean per-response summary: the full fits of 2,500 regressions would bloat the report. */
  responses: z.array(
    z.object({
      response: z.string(),
      selected: z.array(z.string()),
      linear: z.object({ trainR2: finite, validationR2: finite, biasVariance: biasVariance.nullable() }),
      quadratic: z.object({ trainR2: finite, validationR2: finite, biasVariance: biasVariance.nullable() }),
    }),
  ),
  best: z.object({ linear: best, quadratic: best }),
});

const sweep = z.object({
  grouping: z.enum(["genre", "super-genre"]),
  groups: z.array(groupSweep),
  tally: z.object({ linear: z.record(z.string(), count), quadratic: z.record(z.string(), count) }),
  highest: z.object({
    linear: best.extend({ group: z.string() }),
    quadratic: best.extend({ group: z.string() }),
  }),
  /** What the seed's final print statement would have shown (its loop variables, not its argmax). */
  seedPrinted: z.object({
    linear: z.object({ group: z.string(), response: z.string(), validationR2: finite }),
    quadratic: z.object({ group: z.string(), response: z.string(), validationR2: finite }),
  }),
});

export const responseSweepsResult = z.object({
  columns: z.array(z.string()),
  split: z.string(),
  biasVariance: biasVarianceSettings,
  sweeps: z.array(sweep),
  seedQuirks: z.array(z.object({ id: z.string(), description: z.string() })),
});
export type ResponseSweepsResult = z.infer<typeof responseSweepsResult>;
