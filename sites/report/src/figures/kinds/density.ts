import * as Plot from "@observablehq/plot";
import type { CorrelatedPairsResult } from "@spotiflies/analysis/results";
import { count } from "../../site/format.ts";
import { FIT_LINEAR, FIT_QUADRATIC, HALO, SEQUENTIAL } from "../palette.ts";
import { renderLegend, renderPlot } from "../render.ts";
import { appendTitle, span, tip } from "../tips.ts";

/** The analysis's density grid of a correlated pair (counts row-major by y then x). */
export type DensityGrid = CorrelatedPairsResult["pairs"][number]["density"];

export interface FitCurve {
  label: string;
  /** y as a function of x. */
  at: (x: number) => number;
  kind: "linear" | "quadratic";
}

export interface DensityPlot {
  grid: DensityGrid;
  xLabel: string;
  yLabel: string;
  fits: FitCurve[];
  width?: number;
  height?: number;
}

/** Thresholds between the seven colour classes: log-spaced from 1 to the largest count. */
export function densityThresholds(maxCount: number): number[] {
  const steps = SEQUENTIAL.length;
  const raw = Array.from({ length: steps - 1 }, (_, k) => Math.round(maxCount ** ((k + 1) / steps)));
  return [...new Set(raw.map((t) => Math.max(2, t)))].sort((a, b) => a - b);
}

function classOf(count: number, thresholds: number[]): number {
  let k = 0;
  while (k < thresholds.length && count >= (thresholds[k] ?? Number.POSITIVE_INFINITY)) k++;
  return k;
}

/**
 * The grid drawn as one SVG path per colour class (runs of neighbouring cells merged), so a 60 × 60 grid
 * costs a few kilobytes rather than thousands of rectangles.
 */
function gridMark(grid: DensityGrid, thresholds: number[]): Plot.RenderFunction {
  return (_index, scales, _values, _dimensions, context) => {
    const x = scales.x as (v: number) => number;
    const y = scales.y as (v: number) => number;
    const dx = (grid.xMax - grid.xMin) / grid.nx;
    const dy = (grid.yMax - grid.yMin) / grid.ny;
    const paths: string[] = SEQUENTIAL.map(() => "");
    for (let iy = 0; iy < grid.ny; iy++) {
      const top = Math.round(y(grid.yMin + (iy + 1) * dy));
      const bottom = Math.round(y(grid.yMin + iy * dy));
      let ix = 0;
      while (ix < grid.nx) {
        const count = grid.counts[iy * grid.nx + ix] ?? 0;
        if (count === 0) {
          ix++;
          continue;
        }
        const k = classOf(count, thresholds);
        let end = ix + 1;
        while (end < grid.nx && (grid.counts[iy * grid.nx + end] ?? 0) > 0) {
          if (classOf(grid.counts[iy * grid.nx + end] ?? 0, thresholds) !== k) break;
          end++;
        }
        const left = Math.round(x(grid.xMin + ix * dx));
        const right = Math.round(x(grid.xMin + end * dx));
        paths[k] += `M${left},${top}h${right - left}v${bottom - top}h${left - right}z`;
        ix = end;
      }
    }
    const g = context.document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "density");
    paths.forEach((d, k) => {
      if (d === "") return;
      const path = context.document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", d);
      path.setAttribute("fill", SEQUENTIAL[k] ?? "currentColor");
      g.appendChild(path);
    });
    return g;
  };
}

/** About this many tooltip blocks span each axis: a target a pointer can find, not one per 8-pixel cell. */
const TIP_BLOCKS = 10;

/**
 * Tooltips over the density: a transparent rectangle per block of neighbouring cells (6 × 6 on a 60 × 60 grid)
 * giving the block's ranges and its exact number of tracks. One title per cell would add thousands of elements
 * per figure; blocks add about a hundred, and the downloads list every cell.
 */
function blockTips(grid: DensityGrid, xLabel: string, yLabel: string): Plot.RenderFunction {
  return (_index, scales, _values, _dimensions, context) => {
    const x = scales.x as (v: number) => number;
    const y = scales.y as (v: number) => number;
    const bx = Math.max(1, Math.ceil(grid.nx / TIP_BLOCKS));
    const by = Math.max(1, Math.ceil(grid.ny / TIP_BLOCKS));
    const dx = (grid.xMax - grid.xMin) / grid.nx;
    const dy = (grid.yMax - grid.yMin) / grid.ny;
    const g = context.document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "density tooltips");
    g.setAttribute("fill", "transparent");
    for (let iy = 0; iy < grid.ny; iy += by) {
      for (let ix = 0; ix < grid.nx; ix += bx) {
        const ixEnd = Math.min(grid.nx, ix + bx);
        const iyEnd = Math.min(grid.ny, iy + by);
        let tracks = 0;
        for (let j = iy; j < iyEnd; j++)
          for (let i = ix; i < ixEnd; i++) tracks += grid.counts[j * grid.nx + i] ?? 0;
        if (tracks === 0) continue;
        const [x0, x1] = [grid.xMin + ix * dx, grid.xMin + ixEnd * dx];
        const [y0, y1] = [grid.yMin + iy * dy, grid.yMin + iyEnd * dy];
        const rect = context.document.createElementNS("http://www.w3.org/2000/svg", "rect");
        const left = Math.round(x(x0));
        const top = Math.round(y(y1));
        rect.setAttribute("x", String(left));
        rect.setAttribute("y", String(top));
        rect.setAttribute("width", String(Math.round(x(x1)) - left));
        rect.setAttribute("height", String(Math.round(y(y0)) - top));
        appendTitle(
          rect,
          tip(`${xLabel}: ${span(x0, x1)}`, `${yLabel}: ${span(y0, y1)}`, count(tracks, "track")),
        );
        g.appendChild(rect);
      }
    }
    return g;
  };
}

function curve(fit: FitCurve, grid: DensityGrid): { x: number; y: number }[] {
  return Array.from({ length: 121 }, (_, i) => {
    const x = grid.xMin + ((grid.xMax - grid.xMin) * i) / 120;
    return { x, y: fit.at(x) };
  });
}

function fitLegend(fits: FitCurve[]): string {
  const items = fits.map((fit) => {
    const dash = fit.kind === "linear" ? ' stroke-dasharray="6 3"' : "";
    const colour = fit.kind === "linear" ? FIT_LINEAR : FIT_QUADRATIC;
    return `<li><svg xmlns="http://www.w3.org/2000/svg" width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" style="stroke:${colour}" stroke-width="2.5"${dash}/></svg>${fit.label}</li>`;
  });
  return `<ul class="fit-legend">${items.join("")}</ul>`;
}

/** A two-feature density (tracks per grid cell, log-spaced colour classes) with fitted curves on top. */
export function densityWithFits(plot: DensityPlot): string {
  const { grid } = plot;
  const maxCount = Math.max(...grid.counts);
  const thresholds = densityThresholds(maxCount);
  const legend = renderLegend({
    color: {
      type: "threshold",
      domain: thresholds,
      range: SEQUENTIAL.slice(0, thresholds.length + 1),
      label: "tracks per cell",
    },
  });
  const lines = plot.fits.flatMap((fit) => {
    const points = curve(fit, grid);
    const stroke = fit.kind === "linear" ? FIT_LINEAR : FIT_QUADRATIC;
    const dash = fit.kind === "linear" ? "6 3" : null;
    return [
      Plot.line(points, { x: "x", y: "y", stroke: HALO, strokeWidth: 5, clip: true, pointerEvents: "none" }),
      Plot.line(points, {
        x: "x",
        y: "y",
        stroke,
        strokeWidth: 2.5,
        clip: true,
        title: () => fit.label,
        ...(dash ? { strokeDasharray: dash } : {}),
      }),
    ];
  });
  const chart = renderPlot({
    width: plot.width ?? 560,
    height: plot.height ?? 420,
    marginLeft: 52,
    marginBottom: 40,
    x: { domain: [grid.xMin, grid.xMax], label: plot.xLabel, labelAnchor: "center" },
    y: { domain: [grid.yMin, grid.yMax], label: plot.yLabel },
    marks: [
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.2 }),
      gridMark(grid, thresholds),
      blockTips(grid, plot.xLabel, plot.yLabel),
      ...lines,
    ],
  });
  return `<div class="density">${legend}${chart}${fitLegend(plot.fits)}</div>`;
}
