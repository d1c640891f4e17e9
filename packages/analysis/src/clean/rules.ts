/** One declared cleaning rule: rows for which `predicate` (SQL over the raw columns) is true are removed. */
export interface CleaningRule {
  id: string;
  description: string;
  predicate: string;
  /** Columns shown beside the identifying ones in the audit's example rows. */
  exampleColumns: readonly string[];
  /**
   * What the seed notebook said and did for this rule, when the two differ: the count its text
   * states and the predicate its code actually applied.
   */
  seed?: { statedRemoved: number; codePredicate: string; explanation: string };
}

export interface ColumnRule {
  id: string;
  column: string;
  description: string;
}

/** The seed's cleaning (section 1.2), in its order. */
export const CLEANING_RULES: readonly CleaningRule[] = [
  {
    id: "missing-names",
    description:
      "Drop rows with no artist, album or track name (the one such row also has popularity 0 and duration 0).",
    predicate: "artists IS NULL OR album_name IS NULL OR track_name IS NULL",
    exampleColumns: ["artists", "album_name", "track_name", "duration_ms"],
  },
  {
    id: "shorter-than-30s",
    description:
      "Drop tracks shorter than 30 seconds: concert pauses, sound effects and clips rather than songs.",
    predicate: "duration_ms < 30000",
    exampleColumns: ["duration_ms"],
  },
  {
    id: "zero-tempo-or-time-signature",
    description:
      "Drop tracks whose tempo is 0 BPM or whose time signature is 0: no beat was detected (rain, white noise, ambient sound).",
    predicate: "tempo = 0 OR time_signature = 0",
    exampleColumns: ["tempo", "time_signature"],
    seed: {
      statedRemoved: 161,
      codePredicate: "tempo = 0",
      explanation:
        "The seed's text removes rows with tempo 0 or time signature 0 (161 rows), but its code filtered the same " +
        "table twice and kept only the second filter (tempo ≠ 0), so the rows with time signature 0 and a " +
        "non-zero tempo stayed in its cleaned data.",
    },
  },
];

export const COLUMN_RULES: readonly ColumnRule[] = [
  {
    id: "drop-unnamed-index",
    column: "row_index",
    description:
      "Drop the unnamed first column, a running row number pandas wrote; it carries no information about the track.",
  },
];
