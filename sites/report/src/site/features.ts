/**
 * How the report names and explains each column of the dataset. The descriptions paraphrase the
 * dataset's documentation (Spotify's audio-feature definitions); no number here comes from the data.
 */
export interface FeatureInfo {
  /** A reader-facing name. */
  label: string;
  /** The unit values are shown in, for axis labels. */
  unit: string;
  /** What the column measures, in a sentence. */
  description: string;
  /** Converts a stored value to the unit shown on axes (e.g. milliseconds → minutes). */
  display?: (value: number) => number;
}

const FEATURES: Record<string, FeatureInfo> = {
  track_id: { label: "track ID", unit: "", description: "Spotify's identifier for the recording." },
  artists: { label: "artists", unit: "", description: "The performing artists, separated by semicolons." },
  album_name: { label: "album", unit: "", description: "The album the track was listed on." },
  track_name: { label: "track name", unit: "", description: "The title of the track." },
  popularity: {
    label: "popularity",
    unit: "score 0–100",
    description: "How much the track was played recently, relative to other tracks; 100 is the most popular.",
  },
  duration_ms: {
    label: "duration",
    unit: "minutes",
    description: "Length of the track, stored in milliseconds.",
    display: (ms) => ms / 60_000,
  },
  explicit: { label: "explicit", unit: "", description: "Whether the track has explicit lyrics." },
  danceability: {
    label: "danceability",
    unit: "0–1",
    description:
      "How suitable the track is for dancing, from tempo, rhythm stability, beat strength and regularity.",
  },
  energy: {
    label: "energy",
    unit: "0–1",
    description: "Perceived intensity and activity: fast, loud and noisy tracks score high.",
  },
  key: {
    label: "key",
    unit: "pitch class",
    description: "The estimated key, as a pitch class (0 = C, 1 = C♯/D♭, …).",
  },
  loudness: {
    label: "loudness",
    unit: "dB",
    description: "Average loudness in decibels relative to full scale; values are mostly negative.",
  },
  mode: { label: "mode", unit: "", description: "Whether the estimated key is major or minor." },
  speechiness: {
    label: "speechiness",
    unit: "0–1",
    description:
      "How much of the track is spoken word. The documentation reads values above 0.66 as speech only and below 0.33 as music.",
  },
  acousticness: { label: "acousticness", unit: "0–1", description: "Confidence that the track is acoustic." },
  instrumentalness: {
    label: "instrumentalness",
    unit: "0–1",
    description:
      "Confidence that the track has no vocals; values above 0.5 are meant to be instrumental tracks.",
  },
  liveness: {
    label: "liveness",
    unit: "0–1",
    description: "Confidence that an audience is audible, i.e. that the track was recorded live.",
  },
  valence: {
    label: "valence",
    unit: "0–1",
    description: "Musical positiveness: high values sound happy or cheerful, low values sad or angry.",
  },
  tempo: { label: "tempo", unit: "BPM", description: "Estimated tempo in beats per minute." },
  time_signature: {
    label: "time signature",
    unit: "beats per bar",
    description: "Estimated beats per bar: 4 stands for 4/4 time, 3 for 3/4.",
  },
  track_genre: {
    label: "genre",
    unit: "",
    description: "The genre the track was collected under: the label to predict.",
  },
  super_genre: {
    label: "super-genre",
    unit: "",
    description: "The broad group of genres the seed's grouping assigns.",
  },
};

export function feature(column: string): FeatureInfo {
  return FEATURES[column] ?? { label: column, unit: "", description: "" };
}

/** "loudness (dB)", or just the label for unitless columns. */
export function axisLabel(column: string): string {
  const info = feature(column);
  return info.unit ? `${info.label} (${info.unit})` : info.label;
}

/** A stored value converted to the unit shown on axes. */
export function toDisplay(column: string, value: number): number {
  const convert = feature(column).display;
  return convert ? convert(value) : value;
}
