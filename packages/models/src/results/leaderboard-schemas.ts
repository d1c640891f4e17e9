import { z } from "zod";
import { protocolName } from "./schemas.ts";

const rate = z.number().min(0).max(1);

/** One row of the leaderboard: a model, a task, a protocol and a feature set, with its test figures. */
export const leaderboardRow = z.object({
  /** A stable id (`random-forest`, `knn-scaled`, …) and the name the report shows. */
  model: z.string(),
  label: z.string(),
  /** Which result file holds the model's full evaluation. */
  source: z.string(),
  task: z.enum(["super-genre-10", "genre-114"]),
  protocol: protocolName,
  /** "audio": the seed's feature set. "audio+artist-album": plainly not; never mixed into audio-only rankings. */
  features: z.enum(["audio", "audio+artist-album"]),
  accuracy: rate,
  /** Top-5 accuracy, for the 114 genres only. */
  top5Accuracy: rate.nullable(),
  macroF1: rate,
  /** Test rows scored. */
  testRows: z.number().int().positive(),
});
export type LeaderboardRow = z.infer<typeof leaderboardRow>;

/**
 * Every classifier's test figures side by side, read by the comparing-models chapter. Deterministic, like every
 * result: fit times are in `models-build-log.json` (its steps named `fit <protocol> <task>`), not here.
 */
export const leaderboardResult = z.object({
  rows: z.array(leaderboardRow),
  /** Per task and protocol, the audio-only row with the highest accuracy. */
  best: z.array(
    z.object({
      task: z.enum(["super-genre-10", "genre-114"]),
      protocol: protocolName,
      model: z.string(),
      accuracy: rate,
    }),
  ),
});
export type LeaderboardResult = z.infer<typeof leaderboardResult>;
