import type { ExportedBoosted } from "@spotiflies/models/results";
import { modelResult } from "../../data/models.ts";
import type { Protocol } from "../../facts/models.ts";
import { pct } from "../../site/format.ts";

/**
 * Build-time facts for the genre predictor: the two exported boosted models (the report's strongest audio-only
 * family that the browser runs in milliseconds) and how well each did on test tracks it never trained on.
 */

/** The models the page serves, by the file name under `models/` (without `.json`) → models result. */
export const PREDICTOR_MODELS = {
  "boosting-genre": "model-boosting-genre",
  "boosting-super-genre": "model-boosting-super-genre",
} as const;
export type PredictorModelFile = keyof typeof PREDICTOR_MODELS;

export function predictorModel(file: PredictorModelFile): ExportedBoosted {
  return modelResult(PREDICTOR_MODELS[file]);
}

/** Where a test accuracy was measured, in words. */
const TESTED_ON: Record<Protocol, string> = {
  "seed-random": "the random split",
  "track-grouped": "the track-grouped split, where no test track_id was seen in training",
  "recording-grouped":
    "the recording-grouped split, where no test track's audio was seen in training under any track_id",
};

/**
 * One sentence per list on the test accuracy behind it. The exported models are the ones evaluated: trained on
 * one split's training tracks (the recording-grouped split, the report's headline), scored once on its test
 * tracks, so the figure is this very model's on music it has never met.
 */
export function accuracyNotes(): { genres: string; summed: string; superGenres: string } {
  const genre = predictorModel("boosting-genre");
  const superGenre = predictorModel("boosting-super-genre");
  if (superGenre.protocol !== genre.protocol)
    throw new Error("The predictor expects both exported models to come from the same split.");
  if (genre.top5Accuracy === null || genre.summedTestAccuracy === undefined)
    throw new Error("The exported genre model lacks its top-5 or summed super-genre test accuracy.");
  const on = TESTED_ON[genre.protocol];
  return {
    genres: `Test accuracy ${pct(genre.testAccuracy)} (top 5: ${pct(genre.top5Accuracy)}) on ${on}.`,
    summed: `Test accuracy ${pct(genre.summedTestAccuracy)} on ${on}.`,
    superGenres: `Test accuracy ${pct(superGenre.testAccuracy)} on ${on}.`,
  };
}
