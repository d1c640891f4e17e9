/**
 * What the genre explorer can show: the groupings and features it offers, and how each feature is binned.
 * Column names go into SQL as identifiers, so only the names listed here are ever accepted.
 */

/** Group tracks by one of the ten super-genres or by one of the 114 genres. */
export const GROUPINGS = ["super_genre", "track_genre"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/**
 * How a feature's distribution is drawn:
 * - continuous: equal-width bins between the 0.5th and 99.5th percentiles;
 * - integer: the same, with bin edges on whole numbers (popularity is a 0–100 score);
 * - categorical: one bar per value (key, mode, time signature, explicit).
 */
export type FeatureScale = "continuous" | "integer" | "categorical";

export const FEATURE_SCALES = {
  danceability: "continuous",
  energy: "continuous",
  loudness: "continuous",
  speechiness: "continuous",
  acousticness: "continuous",
  instrumentalness: "continuous",
  liveness: "continuous",
  valence: "continuous",
  tempo: "continuous",
  duration_ms: "continuous",
  popularity: "integer",
  key: "categorical",
  mode: "categorical",
  time_signature: "categorical",
  explicit: "categorical",
} as const satisfies Record<string, FeatureScale>;

export type ExplorerFeature = keyof typeof FEATURE_SCALES;
export const EXPLORER_FEATURES = Object.keys(FEATURE_SCALES) as ExplorerFeature[];

/** At most this many groups at once: one colour each from the ten-colour categorical palette. */
export const MAX_GROUPS = 10;
/** Bins of a continuous feature's histogram (integer features get at most this many). */
export const HISTOGRAM_BINS = 40;
/** Histograms span the central 99 % of the shown tracks; the rest is counted in the outermost bins. */
export const CLIP_QUANTILE = 0.005;

export function isGrouping(value: string): value is Grouping {
  return (GROUPINGS as readonly string[]).includes(value);
}

export function isExplorerFeature(value: string): value is ExplorerFeature {
  return Object.hasOwn(FEATURE_SCALES, value);
}

const PITCH_CLASSES = ["C", "C♯/D♭", "D", "D♯/E♭", "E", "F", "F♯/G♭", "G", "G♯/A♭", "A", "A♯/B♭", "B"];

/** How a categorical feature's value is named on the axis. */
export function categoryLabel(feature: ExplorerFeature, value: number): string {
  switch (feature) {
    case "key":
      return PITCH_CLASSES[value] ?? String(value);
    case "mode":
      return value === 1 ? "major" : value === 0 ? "minor" : String(value);
    case "explicit":
      return value === 1 ? "explicit" : value === 0 ? "not explicit" : String(value);
    case "time_signature":
      return `${value}/4`;
    default:
      return String(value);
  }
}
