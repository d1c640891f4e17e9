import { z } from "zod";

/**
 * The typed contract of every result this package writes. Consumers (models, the site) read results
 * only through `readResult`, which validates them with these same schemas.
 */

const finite = z.number().finite();
const count = z.number().int().nonnegative();

/** The longest query a result may carry: the report puts it in a link's URL, so it must stay short. */
export const MAX_READER_QUERY_LENGTH = 2000;

/**
 * The SQL a result's numbers came from, exactly as the analysis ran it: one statement on the cleaned table
 * `tracks`, the table (by the same name and columns) the report's in-browser SQL console holds, so that
 * readers can rerun it and get the same numbers.
 */
export const readerQuery = z
  .string()
  .max(MAX_READER_QUERY_LENGTH)
  .regex(/\bFROM tracks\b/, "a query on the cleaned table `tracks`")
  .refine((sql) => !sql.trimEnd().slice(0, -1).includes(";"), "a single statement");

/** A few rows shown as evidence for a cleaning rule or data-quality fact. */
const exampleRow = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const cleaningRuleAudit = z.object({
  id: z.string(),
  description: z.string(),
  /** The SQL predicate: rows for which it is true are removed. */
  predicate: z.string(),
  /** Rows of the raw table the predicate matches. */
  matchedInRaw: count,
  /** Rows this rule removed, after the rules before it had run. */
  removed: count,
  rowsBefore: count,
  rowsAfter: count,
  examples: z.array(exampleRow),
  /** Where the seed notebook's own numbers for this rule differ from applying it as stated. */
  seedDiscrepancy: z
    .object({
      statedRemoved: count,
      seedCodePredicate: z.string(),
      seedCodeRemoved: count,
      /** Rows this rule removes that the seed's code kept. */
      keptBySeedCode: count,
      keptBySeedCodeExamples: z.array(exampleRow),
      explanation: z.string(),
    })
    .optional(),
});
export type CleaningRuleAudit = z.infer<typeof cleaningRuleAudit>;

export const cleaningResult = z.object({
  input: z.object({ file: z.string(), sha256: z.string(), bytes: count, rows: count, columns: count }),
  droppedColumns: z.array(z.object({ id: z.string(), column: z.string(), description: z.string() })),
  rules: z.array(cleaningRuleAudit),
  rowsIn: count,
  rowsKept: count,
  rowsRemoved: count,
  /** The seed's code produced a table of this many rows (its cleaning as actually run). */
  seedCodeRowsKept: count,
});
export type CleaningResult = z.infer<typeof cleaningResult>;

const genreCount = z.object({ genre: z.string(), rows: count, removed: count });

export const qualityResult = z.object({
  trackIdsInSeveralGenres: z.object({
    /** Distinct track_ids in the table. */
    distinctTrackIds: count,
    /** track_ids listed under two or more genres, and the rows they account for. */
    trackIds: count,
    rows: count,
    /** How many track_ids are listed under exactly k genres, for each k seen. */
    byGenreCount: z.array(z.object({ genres: count, trackIds: count })),
    examples: z.array(
      z.object({ track_id: z.string(), track_name: z.string().nullable(), genres: z.array(z.string()) }),
    ),
  }),
  exactDuplicateRows: z.object({
    /** Rows that repeat an earlier row in every column but the index (extra copies). */
    extraCopies: count,
    /** Distinct rows that occur more than once. */
    repeatedRows: count,
    examples: z.array(exampleRow),
  }),
  genreCounts: z.array(genreCount),
  table: z.enum(["raw", "cleaned"]),
});
export type QualityResult = z.infer<typeof qualityResult>;

export const qualityResults = z.object({ raw: qualityResult, cleaned: qualityResult });

/** Recordings in the cleaned table: rows linked by a shared track_id, or by the same artists and audio. */
export const recordingsResult = z.object({
  /** The columns that, with `artists`, must all be equal for two rows to be one recording. */
  audioColumns: z.array(z.string()),
  rows: count,
  trackIds: count,
  recordings: count,
  /** Recordings that appear under two or more track_ids. */
  recordingsWithSeveralTrackIds: count,
  /** Rows whose recording also appears under another track_id. */
  rowsWithTwinUnderAnotherId: count,
  /** How many recordings carry exactly k track_ids, for each k seen. */
  byTrackIds: z.array(z.object({ trackIds: count, recordings: count })),
  examples: z.array(
    z.object({
      recordingId: z.string(),
      artists: z.string().nullable(),
      trackNames: z.array(z.string()),
      trackIds: z.array(z.string()),
      albums: z.array(z.string()),
      genres: z.array(z.string()),
    }),
  ),
  /** Rounds of label propagation until the components stopped changing. */
  rounds: count,
});
export type RecordingsResult = z.infer<typeof recordingsResult>;
export type QualityResults = z.infer<typeof qualityResults>;

export const describeRow = z.object({
  column: z.string(),
  count,
  mean: finite,
  std: finite,
  min: finite,
  q25: finite,
  q50: finite,
  q75: finite,
  max: finite,
});
export const describeResult = z.object({ rows: count, columns: z.array(describeRow) });
export type DescribeResult = z.infer<typeof describeResult>;

const histogramBins = z.object({
  binCount: count,
  bins: z.array(z.object({ x0: finite, x1: finite, count })),
});
export const histogramsResult = z.object({
  rows: count,
  columns: z.array(
    z.object({ column: z.string(), min: finite, max: finite, seed: histogramBins, fine: histogramBins }),
  ),
});
export type HistogramsResult = z.infer<typeof histogramsResult>;

export const correlationsResult = z.object({
  sql: readerQuery,
  method: z.literal("pearson"),
  rows: count,
  columns: z.array(z.string()),
  /** Row-major, columns × columns. */
  matrix: z.array(z.array(finite)),
});
export type CorrelationsResult = z.infer<typeof correlationsResult>;

export const correlatedPairsResult = z.object({
  threshold: finite,
  rows: count,
  pairs: z.array(
    z.object({
      x: z.string(),
      y: z.string(),
      r: finite,
      /** y ≈ intercept + slope·x, least squares. */
      linear: z.object({ intercept: finite, slope: finite, r2: finite }),
      /** y ≈ c0 + c1·x + c2·x², least squares. */
      quadratic: z.object({ c0: finite, c1: finite, c2: finite, r2: finite }),
      /** Counts of rows on an nx × ny grid over [xMin, xMax] × [yMin, yMax], row-major by y then x. */
      density: z.object({
        nx: count,
        ny: count,
        xMin: finite,
        xMax: finite,
        yMin: finite,
        yMax: finite,
        counts: z.array(count),
      }),
    }),
  ),
});
export type CorrelatedPairsResult = z.infer<typeof correlatedPairsResult>;

const category = z.object({
  value: z.union([z.number(), z.boolean()]),
  label: z.string(),
  count,
  share: finite,
});
export const categoricalResult = z.object({
  /** The four distributions, stacked: one row per column (`variable`) and value. */
  sql: readerQuery,
  rows: count,
  key: z.array(category),
  mode: z.array(category),
  time_signature: z.array(category),
  explicit: z.array(category),
});
export type CategoricalResult = z.infer<typeof categoricalResult>;

const means = z.record(z.string(), finite);
export const genreMeansResult = z.object({
  sql: readerQuery,
  features: z.array(z.string()),
  genres: z.array(z.object({ genre: z.string(), superGenre: z.string(), rows: count, means })),
});
export type GenreMeansResult = z.infer<typeof genreMeansResult>;

export const superGenresResult = z.object({
  /**
   * The group sizes and means (`groups`), by super-genre, and a last row for all tracks (`overall`), with each
   * feature's sample standard deviation.
   */
  sql: readerQuery,
  /** The seed's 114 → 10 grouping, exactly as its dictionary lists it (order kept). */
  map: z.array(z.object({ superGenre: z.string(), genres: z.array(z.string()) })),
  /** Genres the seed's dictionary names that do not occur in the data. */
  listedButAbsent: z.array(z.string()),
  features: z.array(z.string()),
  groups: z.array(z.object({ superGenre: z.string(), genres: z.array(z.string()), rows: count, means })),
  /** All tracks together, from the same query: the scale on which the report compares the group means. */
  overall: z.object({ rows: count, means, std: means }),
  /** For each feature: the spread of the group means (max − min) and which groups hold the extremes. */
  ranges: z.array(
    z.object({
      feature: z.string(),
      range: finite,
      min: z.object({ superGenre: z.string(), mean: finite }),
      max: z.object({ superGenre: z.string(), mean: finite }),
    }),
  ),
});
export type SuperGenresResult = z.infer<typeof superGenresResult>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in lower-case hex");

/** Where the pinned dataset comes from, as its publishers state it (data/dataset.lock.json). */
export const datasetProvenance = z.object({
  title: z.string().min(1),
  author: z.string().min(1),
  revision: z.string().min(1),
  hosts: z
    .array(
      z.object({
        name: z.string().min(1),
        id: z.string().min(1),
        url: z.string().url(),
        license: z.string().min(1),
        doi: z.string().optional(),
      }),
    )
    .min(1),
  collection: z.string().min(1),
});
export type DatasetProvenance = z.infer<typeof datasetProvenance>;

export const manifestResult = z.object({
  /** `pinned`: false when built from a user's own version of the dataset (SPOTIFY_TRACKS_SHA256). */
  dataset: z.object({ file: z.string(), sha256, bytes: count, pinned: z.boolean() }),
  /** The pinned dataset's provenance; null for a user's own version (nothing is known of where it came from). */
  source: datasetProvenance.nullable(),
  rows: z.object({ raw: count, cleaned: count }),
  parquet: z.object({ file: z.string(), rows: count, columns: z.array(z.string()), compression: z.string() }),
  /** Files for readers to download (the cleaned table, the removed rows), each with its rows and checksum. */
  downloads: z.array(
    z.object({ file: z.string(), rows: count, bytes: count, sha256, description: z.string().min(1) }),
  ),
  results: z.array(z.string()),
});
export type ManifestResult = z.infer<typeof manifestResult>;
