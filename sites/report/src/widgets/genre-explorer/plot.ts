import { axisLabel, toDisplay } from "../../site/features.ts";
import type * as PlotMarks from "../plot-marks.ts";
import type { CategoryCount, GroupStats, Histogram } from "./queries.ts";
import { categoryLabel, type ExplorerFeature } from "./spec.ts";

/**
 * The explorer's charts, drawn with Observable Plot in the browser (the module is passed in, since the page
 * loads it lazily). Groups are facets stacked in rows on one shared x axis; bars show each group's share of
 * its own tracks, so groups of very different sizes compare. Text and axes take the page's text colour, so
 * the charts follow the light and dark themes; the group colours are the site's categorical palette.
 */

type Plot = typeof PlotMarks;

export interface ChartFrame {
  feature: ExplorerFeature;
  /** Groups in display order, each with its colour. */
  groups: { name: string; colour: string }[];
  width: number;
}

const FACET_HEIGHT = 64;

function colourScale(frame: ChartFrame) {
  return { domain: frame.groups.map((g) => g.name), range: frame.groups.map((g) => g.colour) };
}

function totals(stats: GroupStats[]): Map<string, number> {
  return new Map(stats.map((s) => [s.group, s.n]));
}

function chartLabel(kind: string, frame: ChartFrame): string {
  return `${kind} of ${axisLabel(frame.feature)} for ${frame.groups.map((g) => g.name).join(", ")}`;
}

/** A share as the tooltips print it. */
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** What the histograms and bar charts share: one facet row per group, each bar a share of its group. */
function shareFacets(kind: string, frame: ChartFrame) {
  return {
    width: frame.width,
    height: 50 + FACET_HEIGHT * frame.groups.length,
    marginLeft: 48,
    marginRight: 110,
    ariaLabel: chartLabel(kind, frame),
    y: { label: "share", tickFormat: "%", ticks: 2, grid: true },
    fy: { domain: frame.groups.map((g) => g.name), label: null },
    color: colourScale(frame),
  };
}

/** Histograms of a continuous or integer feature, one row per group. */
export function histogramChart(Plot: Plot, histogram: Histogram, stats: GroupStats[], frame: ChartFrame) {
  const n = totals(stats);
  const bars = histogram.bins.map((bin) => ({
    group: bin.group,
    x0: toDisplay(frame.feature, bin.x0),
    x1: toDisplay(frame.feature, bin.x1),
    count: bin.n,
    share: bin.n / (n.get(bin.group) ?? bin.n),
  }));
  return Plot.plot({
    ...shareFacets("Histograms", frame),
    x: { label: axisLabel(frame.feature), labelAnchor: "center" },
    marks: [
      Plot.rectY(bars, {
        x1: "x0",
        x2: "x1",
        y: "share",
        fy: "group",
        fill: "group",
        insetLeft: 0.5,
        insetRight: 0.5,
        tip: {
          format: {
            fy: false,
            fill: true,
            x1: true,
            x2: true,
            y: percent,
          },
        },
        channels: { tracks: "count" },
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Bar charts of a categorical feature (key, mode…), one row per group. */
export function categoryChart(Plot: Plot, counts: CategoryCount[], stats: GroupStats[], frame: ChartFrame) {
  const n = totals(stats);
  const values = [...new Set(counts.map((c) => c.value))].sort((a, b) => a - b);
  const bars = counts.map((c) => ({
    group: c.group,
    label: categoryLabel(frame.feature, c.value),
    count: c.n,
    share: c.n / (n.get(c.group) ?? c.n),
  }));
  return Plot.plot({
    ...shareFacets("Bar charts", frame),
    x: {
      domain: values.map((v) => categoryLabel(frame.feature, v)),
      label: axisLabel(frame.feature),
      padding: 0.15,
    },
    marks: [
      Plot.barY(bars, {
        x: "label",
        y: "share",
        fy: "group",
        fill: "group",
        tip: { format: { fy: false, fill: true, y: percent } },
        channels: { tracks: "count" },
      }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Box plots from the groups' quantiles: the box spans the quartiles, the thick tick is the median, the
 * whiskers reach the 5th and 95th percentiles and the ring marks the mean.
 */
export function boxChart(Plot: Plot, stats: GroupStats[], frame: ChartFrame) {
  const rows = stats.map((s) => {
    const d = (value: number) => toDisplay(frame.feature, value);
    return {
      group: s.group,
      p05: d(s.p05),
      q1: d(s.q1),
      median: d(s.median),
      q3: d(s.q3),
      p95: d(s.p95),
      mean: d(s.mean),
    };
  });
  return Plot.plot({
    width: frame.width,
    height: 60 + 34 * frame.groups.length,
    marginLeft: 110,
    ariaLabel: chartLabel("Box plots", frame),
    x: { label: axisLabel(frame.feature), labelAnchor: "center", grid: true },
    y: { domain: frame.groups.map((g) => g.name), label: null },
    color: colourScale(frame),
    marks: [
      Plot.ruleY(rows, { y: "group", x1: "p05", x2: "p95", stroke: "currentColor" }),
      Plot.barX(rows, { y: "group", x1: "q1", x2: "q3", fill: "group", insetTop: 6, insetBottom: 6 }),
      Plot.tickX(rows, { y: "group", x: "median", stroke: "currentColor", strokeWidth: 3 }),
      Plot.dot(rows, { y: "group", x: "mean", r: 4, stroke: "currentColor", strokeWidth: 1.5, fill: "none" }),
      Plot.tip(
        rows,
        Plot.pointerY({
          y: "group",
          x: "median",
          channels: {
            "5th pct": "p05",
            Q1: "q1",
            median: "median",
            Q3: "q3",
            "95th pct": "p95",
            mean: "mean",
          },
          format: { y: false, x: false },
        }),
      ),
    ],
  });
}
