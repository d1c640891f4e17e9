// Predicts with gradient-boosted trees saved in the compact form of boosted-codec.ts. No Node APIs: the
// browser imports it.
import { decodeBoosted, type EncodedBoosted } from "./boosted-codec.ts";
import { BoostedModel } from "./boosted-model.ts";

/** What prediction needs of an exported boosted model: its input columns and its trees. */
export interface BoostedExport {
  features: readonly string[];
  model: EncodedBoosted;
}

/**
 * Decodes an exported model once and returns a function from one track's raw values (by column name) to its
 * class probabilities, computed exactly as the trained model computes them.
 */
export function boostedPredictor(
  exported: BoostedExport,
): (values: Readonly<Record<string, number>>) => Float64Array {
  const model = new BoostedModel(decodeBoosted(exported.model));
  const { features } = exported;
  return (values) => {
    const row = Float64Array.from(features, (column) => {
      const v = values[column];
      if (v === undefined || !Number.isFinite(v)) throw new Error(`no finite value for ${column}`);
      return v;
    });
    return model.predictProba({ data: row, rows: 1, cols: row.length });
  };
}
