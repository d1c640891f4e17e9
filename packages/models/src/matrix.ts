/** A dense row-major matrix of doubles: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols)
    throw new Error(`matrix data has ${data.length} values, expected ${rows}×${cols}`);
  return { data, rows, cols };
}

/** The rows at `indices`, in that order, as a new matrix. */
export function takeRows(source: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(indices.length * source.cols);
  for (let i = 0; i < indices.length; i++) {
    const from = (indices[i] as number) * source.cols;
    out.set(source.data.subarray(from, from + source.cols), i * source.cols);
  }
  return { data: out, rows: indices.length, cols: source.cols };
}

/** The columns at `columns`, in that order, as a new matrix. */
export function takeColumns(source: Matrix, columns: readonly number[]): Matrix {
  const out = new Float64Array(source.rows * columns.length);
  for (let i = 0; i < source.rows; i++) {
    for (let j = 0; j < columns.length; j++) {
      out[i * columns.length + j] = source.data[i * source.cols + (columns[j] as number)] as number;
    }
  }
  return { data: out, rows: source.rows, cols: columns.length };
}

/** Values at `indices` of a typed array, as the same kind of array. */
export function take<T extends Float64Array | Int32Array>(source: T, indices: ArrayLike<number>): T {
  const out = new (source.constructor as new (n: number) => T)(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = source[indices[i] as number] as number;
  return out;
}
