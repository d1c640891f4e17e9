import * as Plot from "@observablehq/plot";
import { HALO } from "../palette.ts";
import { renderPlot, textWidth } from "../render.ts";
import { domainColours } from "../super-genre-colours.ts";
import { exact, tip } from "../tips.ts";

export interface DotValue {
  row: string;
  series: string;
  value: number;
  /** A further line for the dot's tooltip. */
  note?: string;
}

export interface DotPlot {
  /** Row labels in display order. */
  rows: string[];
  /** Series in legend order; each gets one categorical colour. */
  series: string[];
  values: DotValue[];
  valueLabel: string;
  /** How each dot's value is printed beside it; no labels when absent. */
  valueFormat?: (value: number) => string;
  /** How tooltips print a dot's value (defaults to `valueFormat`, else four significant digits). */
  tipFormat?: (value: number) => string;
  domain?: [number, number];
  /** A reference value drawn as a dashed vertical rule (e.g. the chance level), with its label. */
  reference?: { value: number; label: string };
  width?: number;
}

/**
 * One row per item, one coloured dot per series on a shared axis, joined by a thin line so that the gap
 * between series (e.g. two evaluation protocols) reads at a glance.
 */
export function dotPlot(chart: DotPlot): string {
  const longest = Math.max(...chart.rows.map((row) => row.length));
  const spans = chart.rows.map((row) => {
    const values = chart.values.filter((v) => v.row === row).map((v) => v.value);
    return { row, low: Math.min(...values), high: Math.max(...values) };
  });
  const reference = chart.reference;
  const format = chart.tipFormat ?? chart.valueFormat ?? exact;
  const lowOf = (row: string) => spans.find((span) => span.row === row)?.low;
  // The lowest dot's label runs leftwards: room inside the frame keeps it off the row names.
  const labelRoom = chart.valueFormat
    ? 6 + textWidth(Math.max(...chart.values.map((v) => chart.valueFormat?.(v.value).length ?? 0)))
    : 0;
  return renderPlot({
    // Long row names take their room from the margin, not from the plot: at least 400 pixels of axis.
    width: Math.max(chart.width ?? 680, 14 + textWidth(longest) + 40 + 400),
    // Room above the first row for the reference line's label.
    ...(reference ? { marginTop: 28 } : {}),
    height: 70 + chart.rows.length * (chart.valueFormat ? 38 : 28),
    marginLeft: 14 + textWidth(longest),
    marginRight: 40,
    x: {
      label: chart.valueLabel,
      labelAnchor: "center",
      grid: true,
      insetLeft: labelRoom,
      ...(chart.domain ? { domain: chart.domain } : {}),
    },
    y: { domain: chart.rows, label: null, tickSize: 0 },
    color: { domain: chart.series, range: domainColours(chart.series), legend: true },
    marks: [
      ...(reference
        ? [
            Plot.ruleX([reference.value], {
              stroke: "currentColor",
              strokeOpacity: 0.6,
              strokeDasharray: "4 3",
            }),
            // In the top margin, clear of the first row's value labels.
            Plot.text([reference], {
              x: "value",
              text: "label",
              frameAnchor: "top",
              lineAnchor: "bottom",
              dy: -4,
              textAnchor: "start",
              dx: 4,
              fill: "currentColor",
            }),
          ]
        : []),
      Plot.link(spans, {
        x1: "low",
        x2: "high",
        y1: "row",
        y2: "row",
        stroke: "currentColor",
        strokeOpacity: 0.4,
      }),
      Plot.dot(chart.values, {
        x: "value",
        y: "row",
        fill: "series",
        r: 5,
        stroke: HALO,
        strokeWidth: 0.75,
        title: (v: DotValue) => tip(v.row, `${v.series}: ${format(v.value)}`, v.note),
      }),
      ...(chart.valueFormat
        ? (["end", "start"] as const).map((side) =>
            // A row's lowest value is labelled leftwards from its dot and its other values rightwards, so that
            // two close dots of one row never stack their labels on each other.
            Plot.text(
              chart.values.filter((v) => (v.value === lowOf(v.row)) === (side === "end")),
              {
                x: "value",
                y: "row",
                text: (v: DotValue) => chart.valueFormat?.(v.value) ?? "",
                dy: -11,
                dx: side === "end" ? 5 : -5,
                textAnchor: side,
                fill: "currentColor",
                stroke: HALO,
                strokeWidth: 3,
              },
            ),
          )
        : []),
    ],
  });
}
