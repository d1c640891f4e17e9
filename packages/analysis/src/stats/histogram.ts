export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/** `n + 1` equally spaced edges from `lo` to `hi`, computed as numpy's `linspace` does (last edge exact). */
export function linspaceEdges(lo: number, hi: number, n: number): number[] {
  const step = (hi - lo) / n;
  const edges = Array.from({ length: n + 1 }, (_, i) => i * step + lo);
  edges[n] = hi;
  return edges;
}

/**
 * Equal-width histogram over [min, max] with the last bin closed, assigning each value to a bin
 * exactly as numpy's `histogram` does (matplotlib's `hist`, which the seed used), including its
 * correction for values that floating-point division puts one bin off.
 */
export function histogram(values: Float64Array, binCount: number): HistogramBin[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  if (values.length === 0) throw new Error("histogram of an empty column");
  // numpy widens a degenerate range to [lo − 0.5, hi + 0.5].
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = linspaceEdges(lo, hi, binCount);
  const counts = new Array<number>(binCount).fill(0);
  const norm = binCount / (hi - lo);
  for (const value of values) {
    let index = Math.floor((value - lo) * norm);
    if (index === binCount) index -= 1;
    if (value < (edges[index] as number)) index -= 1;
    else if (index !== binCount - 1 && value >= (edges[index + 1] as number)) index += 1;
    counts[index] = (counts[index] as number) + 1;
  }
  return counts.map((count, i) => ({ x0: edges[i] as number, x1: edges[i + 1] as number, count }));
}
