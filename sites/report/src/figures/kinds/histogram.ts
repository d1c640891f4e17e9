import * as Plot from "@observablehq/plot";
import { count } from "../../site/format.ts";
import { smallMultiples } from "../html.ts";
import { SERIES } from "../palette.ts";
import { renderPlot } from "../render.ts";
import { span, tip } from "../tips.ts";

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

export interface HistogramPanel {
  /** The panel's title (the feature's name). */
  title: string;
  /** The x axis label, with its unit. */
  xLabel: string;
  bins: Bin[];
}

function panel({ xLabel, bins }: HistogramPanel, width: number, height: number): string {
  return renderPlot({
    width,
    height,
    marginLeft: 48,
    x: { label: xLabel, labelAnchor: "center", ticks: 4 },
    y: { label: "tracks", grid: true, tickFormat: "~s", ticks: 4 },
    marks: [
      Plot.rectY(bins, {
        x1: "x0",
        x2: "x1",
        y: "count",
        fill: SERIES,
        insetLeft: 0.5,
        insetRight: 0.5,
        title: (bin: Bin) => tip(`${xLabel}: ${span(bin.x0, bin.x1)}`, count(bin.count, "track")),
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** One histogram per panel, laid out as small multiples that wrap to the page width. */
export function histogramGrid(panels: HistogramPanel[], { width = 260, height = 170 } = {}): string {
  return smallMultiples(panels.map((p) => ({ title: p.title, html: panel(p, width, height) })));
}
