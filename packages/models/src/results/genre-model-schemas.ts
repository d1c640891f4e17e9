import { z } from "zod";
import { classificationMetrics, protocolInfo, protocolName } from "./schemas.ts";

/** The `genre-model` experiment: an audio forest, and the same forest pooled with artist and album experts. */

const finite = z.number().finite();
const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);
const task = z.enum(["super-genre", "genre"]);

/** "audio": the seed's feature set. "audio-artist-album": plainly labelled, not the seed's feature set. */
export const genreModelId = z.enum(["audio", "audio-artist-album"]);
export type GenreModelId = z.infer<typeof genreModelId>;

const topK = z.object({ top1: rate, top5: rate });

const evaluation = z.object({
  task,
  model: genreModelId,
  /** Validation top-1/top-5 (for the pooled model: the rows its combiner was fitted on). */
  validation: topK,
  test: classificationMetrics,
});

const subset = z.object({
  id: z.enum(["artist-counted", "artist-new"]),
  description: z.string(),
  rows: count,
  share: rate,
  results: z.array(z.object({ task, model: genreModelId, top1: rate, top5: rate })),
});

const protocolResult = z.object({
  protocol: protocolInfo,
  alphaSearch: z.array(
    z.object({
      expert: z.enum(["artist", "album"]),
      chosen: finite,
      results: z.array(z.object({ alpha: finite, validationLogLoss: finite })),
    }),
  ),
  /** Share of rows with at least one artist (album) counted: validation out of fold, test from train + validation. */
  coverage: z.object({
    validation: z.object({ artist: rate, album: rate }),
    test: z.object({ artist: rate, album: rate }),
  }),
  combiner: z.object({
    weights: z.array(
      z.object({ group: z.string(), validationRows: count, audio: finite, artist: finite, album: finite }),
    ),
    iterations: count,
    converged: z.boolean(),
    validationLogLoss: finite,
  }),
  evaluations: z.array(evaluation),
  subsets: z.array(subset),
});

const goal = z.object({
  task,
  metric: z.enum(["top-1", "top-5"]),
  threshold: rate,
  source: z.string(),
  results: z.array(
    z.object({
      protocol: protocolName,
      model: genreModelId,
      value: rate,
      met: z.boolean(),
    }),
  ),
});

export const genreModelResult = z.object({
  model: z.literal("genre-model"),
  description: z.string(),
  featureSets: z.array(
    z.object({
      model: genreModelId,
      label: z.string(),
      description: z.string(),
      features: z.array(z.string()),
    }),
  ),
  hyperparameters: z.object({
    forest: z.object({
      /** The experiment that fitted it (its 114-genre forest, reused rather than grown twice). */
      source: z.string(),
      nEstimators: count,
      /** Each protocol's depth, as that experiment's search chose it. */
      maxDepth: z.array(z.object({ protocol: protocolName, maxDepth: count.nullable() })),
      maxFeatures: z.string(),
      bootstrap: z.boolean(),
      randomState: z.number().int(),
      classes: count,
    }),
    audioUniformMix: finite,
    encoders: z.object({
      artistKeys: z.string(),
      albumKeys: z.string(),
      smoothing: z.string(),
      alphaGrid: z.array(finite),
      folds: count,
      foldSeed: z.number().int(),
    }),
    combiner: z.object({
      form: z.string(),
      evidenceGroups: z.array(z.string()),
      l2Bias: finite,
      l2Weights: finite,
      maxIter: count,
      tol: finite,
      superGenre: z.string(),
    }),
  }),
  /** What was searched, in words the report can print. */
  search: z.string(),
  protocols: z.array(protocolResult),
  goals: z.array(goal),
  reference: z.object({
    seedRandomForestSuperGenre: rate,
    publishedLightGbmGenreTop1: rate,
    note: z.string(),
  }),
});
export type GenreModelResult = z.infer<typeof genreModelResult>;
