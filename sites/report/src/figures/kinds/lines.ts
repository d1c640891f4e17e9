import * as Plot from "@observablehq/plot";
import { CATEGORICAL, HALO } from "../palette.ts";
import { renderPlot } from "../render.ts";

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
  width?: number;
  height?: number;
}

/** One line per series on shared axes, with a colour legend; optionally dots, point labels and a diagonal. */
export function lineChart(chart: LineChart): string {
  const labelled = chart.points.filter((p) => p.label !== undefined);
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
    color: { domain: chart.series, range: CATEGORICAL.slice(0, chart.series.length), legend: true },
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
      Plot.line(chart.points, { x: "x", y: "y", z: "series", stroke: "series", strokeWidth: 2 }),
      ...(chart.dots ? [Plot.dot(chart.points, { x: "x", y: "y", fill: "series", r: 3.5 })] : []),
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
            }),
          ]
        : []),
    ],
  });
}
