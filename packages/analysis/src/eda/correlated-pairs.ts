import type { CorrelatedPairsResult, CorrelationsResult } from "../results/schemas.ts";
import { densityGrid } from "../stats/density-grid.ts";
import { fitLinear, fitQuadratic } from "../stats/least-squares.ts";

export const CORRELATION_THRESHOLD = 0.4;
const GRID = 60;

/** The columns of the pairs whose |r| exceeds the threshold: the only ones `correlatedPairs` reads. */
export function pairColumns(corr: CorrelationsResult, threshold = CORRELATION_THRESHOLD): string[] {
  const columns = new Set<string>();
  corr.columns.forEach((y, i) => {
    corr.columns.forEach((x, j) => {
      if (j > i && Math.abs(corr.matrix[i]?.[j] as number) > threshold) columns.add(y).add(x);
    });
  });
  return corr.columns.filter((column) => columns.has(column));
}

/**
 * The pairs whose |r| exceeds the threshold, each with linear and quadratic least-squares fits and
 * a density grid for plotting 100,000 points honestly. As in the seed, x is the later column of the
 * pair in feature order and y the earlier (e.g. energy against loudness).
 */
export function correlatedPairs(
  corr: CorrelationsResult,
  values: Record<string, Float64Array>,
  threshold = CORRELATION_THRESHOLD,
): CorrelatedPairsResult {
  const pairs: CorrelatedPairsResult["pairs"] = [];
  for (let i = 0; i < corr.columns.length; i++) {
    for (let j = i + 1; j < corr.columns.length; j++) {
      const r = corr.matrix[i]?.[j] as number;
      if (Math.abs(r) <= threshold) continue;
      const y = corr.columns[i] as string;
      const x = corr.columns[j] as string;
      const xs = values[x];
      const ys = values[y];
      if (!xs || !ys) throw new Error(`missing column values for ${x} or ${y}`);
      pairs.push({
        x,
        y,
        r,
        linear: fitLinear(xs, ys),
        quadratic: fitQuadratic(xs, ys),
        density: densityGrid(xs, ys, GRID, GRID),
      });
    }
  }
  return { threshold, rows: corr.rows, pairs };
}
