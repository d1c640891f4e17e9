import { fileURLToPath } from "node:url";

export { type BuildLog, buildLog } from "./build-log.ts";
export { readResult, resultPath, writeResult } from "./io.ts";
export { RESULT_SCHEMAS, type Result, type ResultName } from "./registry.ts";
export * from "./schemas.ts";
export { createResultStore, ResultValidationError } from "./store.ts";

/** Where `turbo build` puts the analysis outputs: `results/*.json`, `cleaned.parquet` and `tracks.duckdb`. */
export const analysisOutputDir = fileURLToPath(new URL("../../output", import.meta.url));
export const CLEANED_PARQUET = "cleaned.parquet";
/** The cleaned table as a DuckDB database file (table `tracks`), for the report's in-browser DuckDB. */
export const TRACKS_DUCKDB = "tracks.duckdb";
