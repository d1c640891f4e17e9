import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import type { HistogramsResult } from "../results/schemas.ts";
import { histogram } from "../stats/histogram.ts";
import { readNumericColumns } from "./columns-js.ts";

/** The seed drew 10 bins per feature; the finer set is for the report's figures. */
export const SEED_BINS = 10;
export const FINE_BINS = 50;

/**
 * `histograms` reading `table`'s columns one by one, so only one column's values are in memory at a time, in
 * whatever order the table stores its rows: a histogram's bins and counts do not depend on it.
 */
export async function histogramsFromTable(db: DuckDBConnection, table: string): Promise<HistogramsResult> {
  const columns: HistogramsResult["columns"] = [];
  let rows = 0;
  for (const column of NUMERIC_FEATURES) {
    const values = await readNumericColumns(db, table, [column], { anyOrder: true });
    const result = histograms(values, [column]);
    columns.push(...result.columns);
    rows = result.rows;
  }
  return { rows, columns };
}

export function histograms(
  values: Record<string, Float64Array>,
  features: readonly string[] = NUMERIC_FEATURES,
): HistogramsResult {
  const columns = features.map((column) => {
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
  return { rows: values[features[0] as string]?.length ?? 0, columns };
}
