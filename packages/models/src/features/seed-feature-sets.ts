import { TRACK_NUMERIC_COLUMNS, type TrackTable } from "../dataset/tracks.ts";
import { categoriesOf, type FeatureSpec } from "./design.ts";

/**
 * The seed's trees, forest and KNN used every non-string column as it is (15 features, section 1.6).
 */
export const SEED_RAW_FEATURES: FeatureSpec = { oneHot: [], raw: [...TRACK_NUMERIC_COLUMNS] };

/**
 * The seed's logistic regression (section 1.5): key, mode and time signature one-hot encoded, then all
 * 15 numeric columns passed through (the integer key, mode and time signature included again, exactly as
 * its ColumnTransformer did), then standard-scaled by the caller.
 */
export function seedLogisticFeatures(table: TrackTable): FeatureSpec {
  return {
    oneHot: (["key", "mode", "time_signature"] as const).map((column) => ({
      column,
      categories: categoriesOf(table, column),
    })),
    raw: [...TRACK_NUMERIC_COLUMNS],
  };
}
