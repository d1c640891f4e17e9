import * as Plot from "@observablehq/plot";
import { renderPlot } from "../render.ts";
import { domainColours } from "../super-genre-colours.ts";
import { appendTitle, exact, tip } from "../tips.ts";

export interface ScatterPoint {
  x: number;
  y: number;
  /** Index into `groups`. */
  group: number;
}

export interface ScatterMarker {
  x: number;
  y: number;
  /** Index into `groups`. */
  group: number;
  /** What the marker stands for, first in its tooltip (e.g. "mean of 412 points"). */
  note?: string;
}

export interface GroupedScatter {
  points: ScatterPoint[];
  /** Group names in legend order; each gets one categorical colour. */
  groups: string[];
  xLabel: string;
  yLabel: string;
  /** Diamonds drawn over the points (e.g. each group's mean) in the group's colour, outlined. */
  markers?: ScatterMarker[];
  /** How the markers' tooltips print coordinates (default four significant digits). */
  tipFormat?: (value: number) => string;
  /** Points are drawn in this many interleaved rounds, so that no group is painted entirely over another. */
  rounds?: number;
  width?: number;
  height?: number;
}

/**
 * A scatter plot of thousands of points, light enough to inline: each point is a zero-length path segment
 * drawn with a round cap (a dot) on a whole pixel, and the points of one group in one round share a single
 * `<path>`, so 5,000 points cost about ten bytes each rather than a `<circle>` element apiece. For the same
 * reason a point's tooltip names only its group (one title per path); the markers give their coordinates.
 */
export function groupedScatter(chart: GroupedScatter): string {
  const rounds = chart.rounds ?? 5;
  const xs = chart.points.map((p) => p.x);
  const ys = chart.points.map((p) => p.y);
  const range = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];
  const dots: Plot.RenderFunction = (_index, scales, _values, _dimensions, context) => {
    const x = scales.x;
    const y = scales.y;
    if (!x || !y) throw new Error("groupedScatter: the plot has no x or y scale.");
    const g = context.document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "points");
    g.setAttribute("stroke-width", "3");
    g.setAttribute("stroke-linecap", "round");
    g.setAttribute("stroke-opacity", "0.7");
    g.setAttribute("fill", "none");
    const seen = chart.groups.map(() => 0);
    const colours = domainColours(chart.groups);
    const paths: string[][] = Array.from({ length: rounds }, () => chart.groups.map(() => ""));
    for (const p of chart.points) {
      const round = (seen[p.group] ?? 0) % rounds;
      seen[p.group] = (seen[p.group] ?? 0) + 1;
      const row = paths[round];
      if (row) row[p.group] += `M${Math.round(x(p.x))} ${Math.round(y(p.y))}h0`;
    }
    for (const row of paths) {
      row.forEach((d, k) => {
        if (d === "") return;
        const path = context.document.createElementNS("http://www.w3.org/2000/svg", "path");
        path.setAttribute("d", d);
        path.setAttribute("stroke", colours[k] ?? "currentColor");
        appendTitle(path, chart.groups[k] ?? "");
        g.appendChild(path);
      });
    }
    return g;
  };
  const markers = chart.markers ?? [];
  const format = chart.tipFormat ?? exact;
  return renderPlot({
    width: chart.width ?? 640,
    height: chart.height ?? 480,
    marginLeft: 48,
    marginBottom: 40,
    x: { domain: range(xs), nice: true, label: chart.xLabel, labelAnchor: "center", grid: true },
    y: { domain: range(ys), nice: true, label: chart.yLabel, grid: true },
    color: {
      type: "categorical",
      domain: chart.groups,
      range: domainColours(chart.groups),
      legend: true,
    },
    marks: [
      dots,
      ...(markers.length > 0
        ? [
            Plot.dot(markers, {
              x: "x",
              y: "y",
              fill: (m: ScatterMarker) => chart.groups[m.group],
              stroke: "currentColor",
              strokeWidth: 1.5,
              r: 5,
              symbol: "diamond",
              title: (m: ScatterMarker) =>
                tip(
                  [chart.groups[m.group], m.note].filter(Boolean).join(", "),
                  `${chart.xLabel}: ${format(m.x)}`,
                  `${chart.yLabel}: ${format(m.y)}`,
                ),
            }),
          ]
        : []),
    ],
  });
}
