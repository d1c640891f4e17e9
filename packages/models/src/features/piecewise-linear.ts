import type { Matrix } from "../matrix.ts";

/**
 * Piecewise-linear encoding of numeric inputs (Gorishniy, Rubachev & Babenko, "On Embeddings for Numerical
 * Features in Tabular Deep Learning", 2022). Each many-valued column becomes one input per bin between its
 * training quantiles: 0 below the bin, 1 above it, and the position inside it in between, so
 *
 *   e_t(v) = clamp((v − b_t) / (b_{t+1} − b_t), 0, 1),   t = 0 … T − 1.
 *
 * A network can then bend its response to each feature at the bin edges instead of building every bend out
 * of ReLUs; on these features that is worth about as much as the trees' own thresholds. Columns with few
 * distinct values (one-hot indicators, mode, explicit…) pass through unchanged. The edges come from the
 * training rows only, so the encoding is one more thing fitted on a protocol's own training part.
 */
export interface PiecewiseLinearEncoder {
  /** Bins asked for per many-valued column (fewer where the training quantiles repeat). */
  bins: number;
  /** Per input column: its bin edges (ascending, distinct), or null when it passes through. */
  edges: (number[] | null)[];
  /** Width of an encoded row. */
  width: number;
}

/** Columns with at most this many distinct training values pass through unencoded. */
export const PASS_THROUGH_LEVELS = 12;

export function fitPiecewiseLinear(train: Matrix, bins: number): PiecewiseLinearEncoder {
  if (!(Number.isInteger(bins) && bins >= 1))
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (train.rows === 0) throw new RangeError("piecewise-linear encoding needs at least one training row");
  const { rows, cols, data } = train;
  const column = new Float64Array(rows);
  const edges = Array.from({ length: cols }, (_, j) => {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j] as number;
    column.sort();
    if (column.some(Number.isNaN)) throw new RangeError(`column ${j} holds NaN`);
    if (distinctAtMost(column, PASS_THROUGH_LEVELS)) return null;
    // Quantiles at the nearest rank; repeated ones merge, so a bin never has zero width.
    const found: number[] = [];
    for (let q = 0; q <= bins; q++) {
      const value = column[Math.min(rows - 1, Math.round((q / bins) * (rows - 1)))] as number;
      if (found.length === 0 || value > (found[found.length - 1] as number)) found.push(value);
    }
    return found.length >= 2 ? found : null;
  });
  return { bins, edges, width: encodedWidth(edges) };
}

/** Width of an encoded row: one input per bin of each encoded column, one per passed-through column. */
export function encodedWidth(edges: readonly (readonly number[] | null)[]): number {
  return edges.reduce((sum, e) => sum + (e ? e.length - 1 : 1), 0);
}

/** Encodes `x` with the bin edges of a fitted encoder (or of an exported network). */
export function encodePiecewiseLinear(
  encoder: { edges: readonly (readonly number[] | null)[] },
  x: Matrix,
): Matrix {
  const { edges } = encoder;
  const width = encodedWidth(edges);
  if (x.cols !== edges.length) {
    throw new RangeError(`the encoder was fitted on ${edges.length} columns, this matrix has ${x.cols}`);
  }
  const out = new Float64Array(x.rows * width);
  for (let i = 0; i < x.rows; i++) {
    let o = i * width;
    for (let j = 0; j < x.cols; j++) {
      const v = x.data[i * x.cols + j] as number;
      const e = edges[j];
      if (!e) {
        out[o++] = v;
        continue;
      }
      for (let t = 0; t + 1 < e.length; t++) {
        const lo = e[t] as number;
        const hi = e[t + 1] as number;
        out[o++] = v >= hi ? 1 : v <= lo ? 0 : (v - lo) / (hi - lo);
      }
    }
  }
  return { data: out, rows: x.rows, cols: width };
}

/** Whether a sorted column takes at most `levels` distinct values. */
function distinctAtMost(sorted: Float64Array, levels: number): boolean {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] !== sorted[i - 1] && ++distinct > levels) return false;
  }
  return true;
}
