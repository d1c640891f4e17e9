export interface DensityGrid {
  nx: number;
  ny: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Row-major by y then x: counts[iy * nx + ix]. */
  counts: number[];
}

function extent(values: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  return [lo, hi];
}

function cell(value: number, lo: number, hi: number, n: number): number {
  if (hi === lo) return 0;
  return Math.min(n - 1, Math.floor(((value - lo) / (hi - lo)) * n));
}

/** Counts of (x, y) points on an nx × ny grid spanning their extents: an honest summary of a dense scatter. */
export function densityGrid(x: Float64Array, y: Float64Array, nx: number, ny: number): DensityGrid {
  const [xMin, xMax] = extent(x);
  const [yMin, yMax] = extent(y);
  const counts = new Array<number>(nx * ny).fill(0);
  for (let i = 0; i < x.length; i++) {
    const index = cell(y[i] as number, yMin, yMax, ny) * nx + cell(x[i] as number, xMin, xMax, nx);
    counts[index] = (counts[index] as number) + 1;
  }
  return { nx, ny, xMin, xMax, yMin, yMax, counts };
}
