import type { CorrelatedPairsResult } from "@spotiflies/analysis/results";
import { result } from "../../data/results.ts";
import { axisLabel, feature } from "../../site/features.ts";
import { dec } from "../../site/format.ts";
import { decColumn, intColumn, sigColumn, textColumn } from "../columns.ts";
import { densityWithFits } from "../kinds/density.ts";
import { divergingHeatmap } from "../kinds/heatmap.ts";
import type { FigureSpec, Row } from "../types.ts";

/** Figures of the exploratory chapter that relate two variables. */

function correlationFigure(): FigureSpec {
  const correlations = result("correlations");
  const labels = correlations.columns.map((c) => feature(c).label);
  const cells = correlations.matrix.flatMap((row, i) =>
    row.map((value, j) => ({ row: labels[i] ?? "", column: labels[j] ?? "", value })),
  );
  const offDiagonal = cells.filter((c) => c.row < c.column);
  const strongest = [...offDiagonal].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 3);
  const rows: Row[] = correlations.matrix.map((values, i) => ({
    feature: correlations.columns[i] ?? "",
    ...Object.fromEntries(values.map((v, j) => [correlations.columns[j] ?? "", v])),
  }));
  return {
    id: "correlations",
    title: "Correlations between the numeric features",
    query: correlations.sql,
    alt: `Heatmap of Pearson correlations between ${labels.length} numeric features, red for negative and blue for positive. The strongest pairs: ${strongest.map((c) => `${c.row} and ${c.column} (${dec(c.value, 2)})`).join(", ")}.`,
    render: () =>
      divergingHeatmap({
        rows: labels,
        columns: labels,
        cells,
        label: "Pearson correlation r",
        format: (v) => dec(v, 2),
      }),
    data: {
      columns: [
        textColumn("feature", "feature"),
        ...correlations.columns.map((c) => decColumn(c, feature(c).label, 2)),
      ],
      rows,
    },
  };
}

type Pair = CorrelatedPairsResult["pairs"][number];

export function pairId(pair: Pair): string {
  return `pair-${pair.x}-${pair.y}`.replaceAll("_", "-");
}

function pairFigure(pair: Pair): FigureSpec {
  const { density: grid, linear, quadratic } = pair;
  const dx = (grid.xMax - grid.xMin) / grid.nx;
  const dy = (grid.yMax - grid.yMin) / grid.ny;
  const cells = grid.counts.flatMap((tracks, index) => {
    if (tracks === 0) return [];
    const ix = index % grid.nx;
    const iy = Math.floor(index / grid.nx);
    return [
      {
        x0: grid.xMin + ix * dx,
        x1: grid.xMin + (ix + 1) * dx,
        y0: grid.yMin + iy * dy,
        y1: grid.yMin + (iy + 1) * dy,
        tracks,
      },
    ];
  });
  const x = feature(pair.x).label;
  const y = feature(pair.y).label;
  const fits = [
    {
      fit: "linear",
      formula: `${y} = c0 + c1·${x}`,
      c0: linear.intercept,
      c1: linear.slope,
      c2: 0,
      r2: linear.r2,
    },
    {
      fit: "quadratic",
      formula: `${y} = c0 + c1·${x} + c2·${x}²`,
      c0: quadratic.c0,
      c1: quadratic.c1,
      c2: quadratic.c2,
      r2: quadratic.r2,
    },
  ];
  return {
    id: pairId(pair),
    title: `${y} against ${x}`,
    alt: `Density plot of ${y} against ${x} (correlation ${dec(pair.r, 2)}): darker-to-brighter cells hold more tracks. A straight-line fit explains R² = ${dec(linear.r2, 2)} of the variation in ${y}; a quadratic curve explains ${dec(quadratic.r2, 2)}.`,
    render: () =>
      densityWithFits({
        grid,
        // Two plots side by side in the chapter's .pair-grid (global.css) at their drawn size.
        width: 420,
        height: 340,
        xLabel: axisLabel(pair.x),
        yLabel: axisLabel(pair.y),
        fits: [
          {
            kind: "linear",
            label: `linear fit, R² = ${dec(linear.r2, 2)}`,
            at: (v) => linear.intercept + linear.slope * v,
          },
          {
            kind: "quadratic",
            label: `quadratic fit, R² = ${dec(quadratic.r2, 2)}`,
            at: (v) => quadratic.c0 + quadratic.c1 * v + quadratic.c2 * v * v,
          },
        ],
      }),
    data: {
      columns: [
        sigColumn("x0", `${x} from`),
        sigColumn("x1", `${x} to`),
        sigColumn("y0", `${y} from`),
        sigColumn("y1", `${y} to`),
        intColumn("tracks", "tracks"),
      ],
      rows: cells,
    },
    table: {
      columns: [
        textColumn("fit", "fit"),
        textColumn("formula", "formula"),
        sigColumn("c0", "c0"),
        sigColumn("c1", "c1"),
        sigColumn("c2", "c2"),
        decColumn("r2", "R²", 3),
      ],
      rows: fits,
    },
    tableNote: `The table gives the two fitted curves. The downloads hold the ${grid.nx} × ${grid.ny} grid of track counts drawn in the figure (cells with at least one track).`,
  };
}

export function figures(): FigureSpec[] {
  return [correlationFigure(), ...result("correlated-pairs").pairs.map(pairFigure)];
}
