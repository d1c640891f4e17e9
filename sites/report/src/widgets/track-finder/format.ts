import { feature } from "../../site/features.ts";
import { dec, duration } from "../../site/format.ts";
import { categoryLabel } from "../genre-explorer/spec.ts";
import type { TrackFeature } from "./queries.ts";

/** A feature's reader-facing name. */
export function featureName(column: TrackFeature): string {
  return feature(column).label;
}

/** A track's feature value as a reader reads it: units where they help, names for categories. */
export function featureValue(column: TrackFeature, value: number): string {
  switch (column) {
    case "duration_ms":
      return duration(value);
    case "loudness":
      return `${dec(value, 1)} dB`;
    case "tempo":
      return `${dec(value, 0)} BPM`;
    case "key":
    case "mode":
    case "explicit":
    case "time_signature":
      return categoryLabel(column, value);
    default:
      return dec(value, 2);
  }
}
