import { fileURLToPath } from "node:url";

export { type BuildLog, buildLog } from "./build-log.ts";
export { readResult, resultPath, writeResult } from "./io.ts";
export { RESULT_SCHEMAS, type Result, type ResultName } from "./registry.ts";
export * from "./schemas.ts";
export { createResultStore, ResultValidationError } from "./store.ts";

/** Where `turbo build` puts the analysis outputs: `results/*.json`, `cleaned.parquet` and the two DuckDB files. */
export const analysisOutputDir = fileURLToPath(new URL("../../output", import.meta.url));
export const CLEANED_PARQUET = "cleaned.parquet";
/**
 * The cleaned table as two DuckDB database files for the report's in-browser DuckDB (output/tracks-view.ts):
 * every row without the track and recording IDs, loaded first, and the IDs, loaded after the first answer.
 */
export const TRACKS_DUCKDB = "tracks.duckdb";
export const TRACK_IDS_DUCKDB = "track-ids.duckdb";
