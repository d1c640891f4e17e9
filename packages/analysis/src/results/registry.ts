import type { z } from "zod";
import { buildLog } from "./build-log.ts";
import {
  categoricalResult,
  cleaningResult,
  correlatedPairsResult,
  correlationsResult,
  describeResult,
  genreMeansResult,
  histogramsResult,
  manifestResult,
  qualityResults,
  recordingsResult,
  superGenresResult,
} from "./schemas.ts";

/** Every JSON result the analysis writes, by file name (without `.json`). */
export const RESULT_SCHEMAS = {
  manifest: manifestResult,
  cleaning: cleaningResult,
  quality: qualityResults,
  recordings: recordingsResult,
  describe: describeResult,
  histograms: histogramsResult,
  correlations: correlationsResult,
  "correlated-pairs": correlatedPairsResult,
  categorical: categoricalResult,
  "genre-means": genreMeansResult,
  "super-genres": superGenresResult,
  "build-log": buildLog,
} as const;

export type ResultName = keyof typeof RESULT_SCHEMAS;
export type Result<N extends ResultName> = z.infer<(typeof RESULT_SCHEMAS)[N]>;
