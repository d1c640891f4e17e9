import * as Plot from "@observablehq/plot";
import { renderPlot, textWidth } from "../render.ts";
import { domainColours } from "../super-genre-colours.ts";
import { exact, tip } from "../tips.ts";

export interface GroupValue {
  /** The row the dot sits on (e.g. a feature). */
  row: string;
  /** The group the dot stands for (e.g. a super-genre); coloured, and named at the row's extremes. */
  group: string;
  value: number;
  /** A further line for the dot's tooltip (e.g. the value in the feature's own unit). */
  note?: string;
}

export interface DotRange {
  rows: string[];
  groups: string[];
  values: GroupValue[];
  valueLabel: string;
  /** How tooltips print a dot's value (defaults to four significant digits). */
  tipFormat?: (value: number) => string;
}

/**
 * For each row, one dot per group on a common axis and a line from the lowest to the highest,
 * with the extreme groups named at the line's ends.
 */
export function dotRange(chart: DotRange): string {
  const spans = chart.rows.map((row) => {
    const values = chart.values.filter((v) => v.row === row);
    const low = values.reduce((a, b) => (b.value < a.value ? b : a));
    const high = values.reduce((a, b) => (b.value > a.value ? b : a));
    return { row, low, high };
  });
  const longest = Math.max(...chart.rows.map((row) => row.length));
  const format = chart.tipFormat ?? exact;
  return renderPlot({
    width: 720,
    height: 60 + chart.rows.length * 34,
    marginLeft: 12 + textWidth(longest),
    marginRight: 12 + textWidth(Math.max(...chart.groups.map((g) => g.length))) / 2,
    y: { domain: chart.rows, label: null },
    // The extreme groups are named centred on their dots: half the longest name of room inside the frame
    // keeps the leftmost off the row names.
    x: {
      label: chart.valueLabel,
      grid: true,
      labelAnchor: "center",
      insetLeft: textWidth(Math.max(...chart.groups.map((g) => g.length))) / 2,
    },
    color: { domain: chart.groups, range: domainColours(chart.groups), legend: true },
    marks: [
      Plot.ruleX([0], { strokeOpacity: 0.4 }),
      Plot.link(spans, {
        x1: (s: (typeof spans)[number]) => s.low.value,
        x2: (s: (typeof spans)[number]) => s.high.value,
        y1: "row",
        y2: "row",
        stroke: "currentColor",
        strokeOpacity: 0.5,
      }),
      Plot.dot(chart.values, {
        x: "value",
        y: "row",
        fill: "group",
        r: 4.5,
        stroke: "var(--bg)",
        strokeWidth: 0.75,
        title: (v: GroupValue) =>
          tip(`${v.group}, ${v.row}`, `${chart.valueLabel}: ${format(v.value)}`, v.note),
      }),
      Plot.text(spans, {
        x: (s: (typeof spans)[number]) => s.low.value,
        y: "row",
        text: (s: (typeof spans)[number]) => s.low.group,
        dy: -10,
      }),
      Plot.text(spans, {
        x: (s: (typeof spans)[number]) => s.high.value,
        y: "row",
        text: (s: (typeof spans)[number]) => s.high.group,
        dy: -10,
      }),
    ],
  });
}
