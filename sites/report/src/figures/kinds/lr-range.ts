import * as Plot from "@observablehq/plot";
import { HALO, SERIES } from "../palette.ts";
import { renderPlot } from "../render.ts";
import { domainColours } from "../super-genre-colours.ts";
import { exact, tip } from "../tips.ts";

export interface LrPoint {
  lr: number;
  loss: number;
}

export interface LrMarker {
  /** What the marked learning rate is (e.g. "suggestion, seed 42"); the legend and tooltips name it. */
  label: string;
  lr: number;
  /** A further line for the marker's tooltip. */
  note?: string;
}

export interface LrRangeChart {
  /** The range test's curve: loss after each step, against that step's learning rate. */
  points: LrPoint[];
  /** Learning rates to mark with a vertical rule each, coloured by `group`. */
  markers: (LrMarker & { group: string })[];
  /** Marker groups in legend order (e.g. "this test's suggestion", "other repeats", "the seed's rate"). */
  groups: string[];
  /** Rules of these groups are dashed (e.g. the repeats, drawn behind the main suggestion). */
  dashed?: string[];
  xLabel: string;
  yLabel: string;
  /** How tooltips print a learning rate and a loss (default four significant digits). */
  lrFormat?: (value: number) => string;
  lossFormat?: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * A learning-rate range test: the loss against a learning rate that grows exponentially, on a logarithmic
 * axis, with vertical rules marking chosen rates. Every point of the curve and every rule has a tooltip.
 */
export function lrRangeChart(chart: LrRangeChart): string {
  const lr = chart.lrFormat ?? exact;
  const loss = chart.lossFormat ?? exact;
  const dashed = new Set(chart.dashed ?? []);
  const rules = (markers: LrRangeChart["markers"], dash: boolean) =>
    Plot.ruleX(markers, {
      x: "lr",
      stroke: "group",
      strokeWidth: 2,
      ...(dash ? { strokeDasharray: "5 3" } : {}),
      title: (m: LrRangeChart["markers"][number]) => tip(m.label, `${chart.xLabel}: ${lr(m.lr)}`, m.note),
    });
  return renderPlot({
    width: chart.width ?? 680,
    height: chart.height ?? 360,
    marginLeft: 52,
    marginRight: 24,
    marginBottom: 40,
    x: { type: "log", label: chart.xLabel, labelAnchor: "center", grid: true },
    y: { label: chart.yLabel, grid: true },
    color: { domain: chart.groups, range: domainColours(chart.groups), legend: true },
    marks: [
      rules(
        chart.markers.filter((m) => dashed.has(m.group)),
        true,
      ),
      rules(
        chart.markers.filter((m) => !dashed.has(m.group)),
        false,
      ),
      Plot.line(chart.points, { x: "lr", y: "loss", stroke: SERIES, strokeWidth: 2 }),
      Plot.dot(chart.points, {
        x: "lr",
        y: "loss",
        r: 2.5,
        fill: SERIES,
        stroke: HALO,
        strokeWidth: 0.5,
        title: (p: LrPoint) => tip(`${chart.xLabel}: ${lr(p.lr)}`, `${chart.yLabel}: ${loss(p.loss)}`),
      }),
    ],
  });
}
