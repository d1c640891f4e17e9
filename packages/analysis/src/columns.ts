/**
 * The dataset's columns, in file order, with the DuckDB type each must parse as.
 * The file's first header field is empty (pandas wrote its index without a name); we call it `row_index`.
 */
export const DATASET_COLUMNS = [
  { name: "row_index", header: "", type: "BIGINT", nullable: false },
  { name: "track_id", header: "track_id", type: "VARCHAR", nullable: false },
  { name: "artists", header: "artists", type: "VARCHAR", nullable: true },
  { name: "album_name", header: "album_name", type: "VARCHAR", nullable: true },
  { name: "track_name", header: "track_name", type: "VARCHAR", nullable: true },
  { name: "popularity", header: "popularity", type: "BIGINT", nullable: false },
  { name: "duration_ms", header: "duration_ms", type: "BIGINT", nullable: false },
  { name: "explicit", header: "explicit", type: "BOOLEAN", nullable: false },
  { name: "danceability", header: "danceability", type: "DOUBLE", nullable: false },
  { name: "energy", header: "energy", type: "DOUBLE", nullable: false },
  { name: "key", header: "key", type: "BIGINT", nullable: false },
  { name: "loudness", header: "loudness", type: "DOUBLE", nullable: false },
  { name: "mode", header: "mode", type: "BIGINT", nullable: false },
  { name: "speechiness", header: "speechiness", type: "DOUBLE", nullable: false },
  { name: "acousticness", header: "acousticness", type: "DOUBLE", nullable: false },
  { name: "instrumentalness", header: "instrumentalness", type: "DOUBLE", nullable: false },
  { name: "liveness", header: "liveness", type: "DOUBLE", nullable: false },
  { name: "valence", header: "valence", type: "DOUBLE", nullable: false },
  { name: "tempo", header: "tempo", type: "DOUBLE", nullable: false },
  { name: "time_signature", header: "time_signature", type: "BIGINT", nullable: false },
  { name: "track_genre", header: "track_genre", type: "VARCHAR", nullable: false },
] as const;

export type ColumnName = (typeof DATASET_COLUMNS)[number]["name"];

/** Identifier and free-text columns: never model features (the seed's `string_columns`). */
export const STRING_COLUMNS = ["track_id", "artists", "album_name", "track_name"] as const;

/** Integer-coded categories (the seed's `categorical_columns`, less the genre label). */
export const CATEGORICAL_COLUMNS = ["key", "mode", "time_signature"] as const;

/**
 * The continuous audio and popularity columns: the seed's `numeric()` helper, i.e. numeric columns
 * minus the categorical ones (and minus `explicit`, a boolean). Histograms, correlations and
 * per-genre means use these.
 */
export const NUMERIC_FEATURES = [
  "popularity",
  "duration_ms",
  "danceability",
  "energy",
  "loudness",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
] as const;
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];

/** Every column pandas' `describe()` summarises in the seed: the numeric features plus the integer categories. */
export const DESCRIBED_COLUMNS = [
  "popularity",
  "duration_ms",
  "danceability",
  "energy",
  "key",
  "loudness",
  "mode",
  "speechiness",
  "acousticness",
  "instrumentalness",
  "liveness",
  "valence",
  "tempo",
  "time_signature",
] as const;
export type DescribedColumn = (typeof DESCRIBED_COLUMNS)[number];

export const LABEL_COLUMN = "track_genre" as const;

/** Every numeric (or boolean) column of a track in file order: the index, strings and the label left out. */
export const TRACK_NUMERIC_COLUMNS = [
  "popularity",
  "duration_ms",
  "explicit",
  ...DESCRIBED_COLUMNS.slice(2),
] as const satisfies readonly ColumnName[];
export type TrackNumericColumn = (typeof TRACK_NUMERIC_COLUMNS)[number];
