export { PITCH_NAMES } from "./categories.ts";
export { CLEANING_RULES, type CleaningRule, COLUMN_RULES } from "./clean/rules.ts";
export {
  CATEGORICAL_COLUMNS,
  DATASET_COLUMNS,
  DESCRIBED_COLUMNS,
  LABEL_COLUMN,
  NUMERIC_FEATURES,
  STRING_COLUMNS,
  TRACK_NUMERIC_COLUMNS,
  type TrackNumericColumn,
} from "./columns.ts";
export { replaceDirectoryAtomically } from "./output/atomic-dir.ts";
export { DUCKDB_STORAGE_VERSION, TRACKS_TABLE, writeTracksDuckdb } from "./output/duckdb-file.ts";
export { PARQUET_COLUMNS } from "./output/parquet.ts";
export { type PipelineOptions, type PipelineSummary, runPipeline } from "./pipeline.ts";
export { RECORDING_AUDIO_COLUMNS, RECORDING_ID_COLUMN } from "./quality/recordings.ts";
export * from "./results/index.ts";
export { SEED_SUPER_GENRES, superGenreOf } from "./super-genres.ts";
