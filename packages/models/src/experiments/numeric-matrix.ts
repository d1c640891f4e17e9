import { NUMERIC_FEATURES } from "@spotiflies/analysis";
import type { TrackTable } from "../dataset/tracks.ts";
import type { Matrix } from "../matrix.ts";

/** The seed's `numeric()` columns (11 continuous features) of the rows `indices`, as a matrix. */
export function numericMatrix(table: TrackTable, indices: ArrayLike<number>): Matrix {
  const cols = NUMERIC_FEATURES.length;
  const data = new Float64Array(indices.length * cols);
  NUMERIC_FEATURES.forEach((name, j) => {
    const column = table.columns[name];
    for (let r = 0; r < indices.length; r++) data[r * cols + j] = column[indices[r] as number] as number;
  });
  return { data, rows: indices.length, cols };
}

export const NUMERIC_COLUMNS: readonly string[] = NUMERIC_FEATURES;
