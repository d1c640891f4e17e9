import * as Plot from "@observablehq/plot";
import { HALO } from "../palette.ts";
import { renderPlot } from "../render.ts";
import { domainColours } from "../super-genre-colours.ts";
import { exact, tip } from "../tips.ts";

export interface LinePoint {
  series: string;
  x: number;
  y: number;
  /** A label written next to the point (e.g. the feature added at a selection step). */
  label?: string;
}

export interface LineChart {
  points: LinePoint[];
  /** Series names in legend order; each gets one categorical colour. */
  series: string[];
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Draw the y = x diagonal (a ROC curve's "no better than chance" line). */
  diagonal?: boolean;
  /** Mark each point with a dot (for short series such as a selection trace). */
  dots?: boolean;
  /** Integer ticks on x (steps rather than a continuous quantity). */
  integerX?: boolean;
  /** How tooltips print x and y (default four significant digits). */
  xFormat?: (value: number) => string;
  yFormat?: (value: number) => string;
  width?: number;
  height?: number;
}

/** Hover targets closer than this to the last one kept in their series overlap it and could not be reached. */
const TARGET_SPACING = 10;

/**
 * A render transform for the transparent hover targets: keeps a point only if it lies at least TARGET_SPACING
 * pixels from the last point kept in its series (and always each series' last point). Densely sampled curves
 * such as ROC curves pile dozens of vertices into a few pixels near their ends; their tooltips would be
 * unreachable and would only weigh on the page.
 */
function reachable(points: LinePoint[]): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    if (!next) throw new Error("reachable() is a render transform and needs the next render function.");
    const x = values.x as number[];
    const y = values.y as number[];
    const kept: number[] = [];
    const last = new Map<string, number>();
    index.forEach((i, at) => {
      const series = points[i]?.series ?? "";
      const before = last.get(series);
      const isEnd = points[index[at + 1] ?? -1]?.series !== series;
      const far =
        before === undefined ||
        Math.hypot((x[i] ?? 0) - (x[before] ?? 0), (y[i] ?? 0) - (y[before] ?? 0)) >= TARGET_SPACING;
      if (far || isEnd) {
        kept.push(i);
        last.set(series, i);
      }
    });
    return next(kept, scales, values, dimensions, context);
  };
}

/**
 * One line per series on shared axes, with a colour legend; optionally dots, point labels and a diagonal.
 * Every point has a tooltip: on its dot, or on a transparent one when the chart draws no dots (then only
 * the points a pointer can reach: see `reachable`).
 */
export function lineChart(chart: LineChart): string {
  const labelled = chart.points.filter((p) => p.label !== undefined);
  const x = chart.xFormat ?? exact;
  const y = chart.yFormat ?? exact;
  const pointTip = (p: LinePoint) =>
    tip(p.series, `${chart.xLabel}: ${x(p.x)}`, `${chart.yLabel}: ${y(p.y)}`, p.label);
  return renderPlot({
    width: chart.width ?? 640,
    height: chart.height ?? 360,
    marginLeft: 52,
    marginRight: labelled.length > 0 ? 110 : 20,
    marginBottom: 40,
    x: {
      label: chart.xLabel,
      labelAnchor: "center",
      grid: true,
      ...(chart.xDomain ? { domain: chart.xDomain } : {}),
      ...(chart.integerX ? { ticks: [...new Set(chart.points.map((p) => p.x))], tickFormat: "d" } : {}),
    },
    y: { label: chart.yLabel, grid: true, ...(chart.yDomain ? { domain: chart.yDomain } : {}) },
    color: { domain: chart.series, range: domainColours(chart.series), legend: true },
    marks: [
      ...(chart.diagonal
        ? [
            Plot.line(
              [[0, 0] as const, [1, 1] as const].map(([x, y]) => ({ x, y })),
              {
                x: "x",
                y: "y",
                stroke: "currentColor",
                strokeOpacity: 0.5,
                strokeDasharray: "4 3",
              },
            ),
          ]
        : []),
      Plot.line(chart.points, {
        x: "x",
        y: "y",
        z: "series",
        stroke: "series",
        strokeWidth: 2,
        title: (p: LinePoint) => p.series,
      }),
      chart.dots
        ? Plot.dot(chart.points, { x: "x", y: "y", fill: "series", r: 3.5, title: pointTip })
        : Plot.dot(chart.points, {
            x: "x",
            y: "y",
            fill: "transparent",
            r: TARGET_SPACING / 2,
            title: pointTip,
            render: reachable(chart.points),
          }),
      ...(labelled.length > 0
        ? [
            Plot.text(labelled, {
              x: "x",
              y: "y",
              text: "label",
              dx: 8,
              dy: 10,
              textAnchor: "start",
              fill: "currentColor",
              stroke: HALO,
              strokeWidth: 3,
              pointerEvents: "none",
            }),
          ]
        : []),
    ],
  });
}
