import { NUMERIC_FEATURES } from "../columns.ts";
import type { HistogramsResult } from "../results/schemas.ts";
import { histogram } from "../stats/histogram.ts";

/** The seed drew 10 bins per feature; the finer set is for the report's figures. */
export const SEED_BINS = 10;
export const FINE_BINS = 50;

export function histograms(values: Record<string, Float64Array>): HistogramsResult {
  const columns = NUMERIC_FEATURES.map((column) => {
    const data = values[column];
    if (!data) throw new Error(`missing column values for ${column}`);
    const seed = histogram(data, SEED_BINS);
    const fine = histogram(data, FINE_BINS);
    return {
      column,
      min: seed[0]?.x0 as number,
      max: seed[seed.length - 1]?.x1 as number,
      seed: { binCount: SEED_BINS, bins: seed },
      fine: { binCount: FINE_BINS, bins: fine },
    };
  });
  return { rows: values[NUMERIC_FEATURES[0]]?.length ?? 0, columns };
}
