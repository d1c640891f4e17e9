import type { ClassificationMetrics, ExportedMlp } from "@spotiflies/models/results";
import { modelResult } from "../../data/models.ts";
import type { Protocol } from "../../facts/models.ts";
import { pct } from "../../site/format.ts";

/**
 * Build-time facts for the genre predictor: the two exported networks and how well each did on test data
 * it never trained on, from the models package's neural-network results.
 */

/** The networks the page serves, by the file name under `models/` (without `.json`) → models result. */
export const PREDICTOR_MODELS = {
  "mlp-genre": "model-mlp-genre",
  "mlp-super-genre": "model-mlp-super-genre",
} as const;
export type PredictorModelFile = keyof typeof PREDICTOR_MODELS;

export function predictorModel(file: PredictorModelFile): ExportedMlp {
  return modelResult(PREDICTOR_MODELS[file]);
}

function topK(metrics: ClassificationMetrics, k: number): number {
  const found = metrics.topK.find((t) => t.k === k);
  if (!found) throw new Error(`The neural-network results hold no top-${k} accuracy.`);
  return found.accuracy;
}

function testMetrics(task: "genre" | "super-genre", protocol: Protocol): ClassificationMetrics {
  const found = modelResult("neural-network").evaluations.find(
    (e) => e.task === task && e.protocol.protocol === protocol,
  );
  if (!found) throw new Error(`The neural-network results hold no ${task} evaluation on ${protocol}.`);
  return found.test;
}

function summedMetrics(protocol: Protocol): ClassificationMetrics {
  const found = modelResult("neural-network").genreSummed.find((s) => s.protocol.protocol === protocol);
  if (!found)
    throw new Error(`The neural-network results hold no summed super-genre evaluation on ${protocol}.`);
  return found.test;
}

function asProtocol(value: string): Protocol {
  if (value !== "seed-random" && value !== "track-grouped" && value !== "recording-grouped")
    throw new Error(`Unknown protocol "${value}".`);
  return value;
}

/** Where a test accuracy was measured, in words. */
const TESTED_ON: Record<Protocol, string> = {
  "seed-random": "the random split",
  "track-grouped": "the track-grouped split, where no test track_id was seen in training",
  "recording-grouped":
    "the recording-grouped split, where no test track's audio was seen in training under any track_id",
};

/**
 * One sentence per list on the test accuracy behind it: on the split the exported network was trained on,
 * and for the same network trained and tested on the recording-grouped split (or, for a network exported from
 * that split, the random one). The recording-grouped figure is the honest one for music the network has never
 * met; the random split lets copies of a test track into training.
 */
export function accuracyNotes(): { genres: string; summed: string; superGenres: string } {
  const genre = predictorModel("mlp-genre");
  const superGenre = predictorModel("mlp-super-genre");
  const own = asProtocol(genre.protocol);
  if (superGenre.protocol !== genre.protocol)
    throw new Error("The predictor expects both exported networks to come from the same split.");
  const other: Protocol = own === "seed-random" ? "recording-grouped" : "seed-random";
  const both = (metrics: (p: Protocol) => ClassificationMetrics, withTop5: boolean) => {
    const describe = (p: Protocol) => {
      const m = metrics(p);
      return withTop5 ? `${pct(m.accuracy)} (top 5: ${pct(topK(m, 5))})` : pct(m.accuracy);
    };
    return `Test accuracy ${describe(own)} on ${TESTED_ON[own]}; ${describe(other)} when trained and tested on ${TESTED_ON[other]}.`;
  };
  return {
    genres: both((p) => testMetrics("genre", p), true),
    summed: both(summedMetrics, false),
    superGenres: both((p) => testMetrics("super-genre", p), false),
  };
}
