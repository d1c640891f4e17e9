import type { TrackNumericColumn, TrackTable } from "../dataset/tracks.ts";
import type { Matrix } from "../matrix.ts";

/**
 * How a model sees a track: raw numeric columns, and categorical columns expanded one-hot over
 * fixed categories (so train, validation and test get identical columns).
 */
export interface FeatureSpec {
  oneHot: { column: TrackNumericColumn; categories: number[] }[];
  raw: TrackNumericColumn[];
}

export function featureNames(spec: FeatureSpec): string[] {
  return [
    ...spec.oneHot.flatMap(({ column, categories }) => categories.map((c) => `${column}_${c}`)),
    ...spec.raw,
  ];
}

/** The rows `indices` of the table as a design matrix following `spec` (one-hot blocks first, like the seed's ColumnTransformer). */
export function designMatrix(table: TrackTable, spec: FeatureSpec, indices: ArrayLike<number>): Matrix {
  const cols = featureNames(spec).length;
  const data = new Float64Array(indices.length * cols);
  for (let r = 0; r < indices.length; r++) {
    const row = indices[r] as number;
    let c = r * cols;
    for (const { column, categories } of spec.oneHot) {
      const value = table.columns[column][row] as number;
      const at = categories.indexOf(value);
      if (at < 0)
        throw new Error(
          `${column} = ${value} at row ${row} is not among its categories ${categories.join(", ")}`,
        );
      data[c + at] = 1;
      c += categories.length;
    }
    for (const column of spec.raw) data[c++] = table.columns[column][row] as number;
  }
  return { data, rows: indices.length, cols };
}

/** The distinct values of a column over the whole table, ascending (sklearn's OneHotEncoder fitted on the data). */
export function categoriesOf(table: TrackTable, column: TrackNumericColumn): number[] {
  return [...new Set(table.columns[column])].sort((a, b) => a - b);
}
