import * as Plot from "@observablehq/plot";
import { count } from "../../site/format.ts";
import { FIT_QUADRATIC, HALO, SERIES } from "../palette.ts";
import { renderPlot } from "../render.ts";
import { exact, span, tip } from "../tips.ts";

export interface ScoreHistogram {
  /** Scores from repeated runs under a null hypothesis (e.g. permuted labels). */
  scores: number[];
  /** The observed score, drawn as a vertical rule. */
  observed: number;
  observedLabel: string;
  xLabel: string;
  /** Equal-width bins across the range of scores and the observed score. */
  bins?: number;
  /** How tooltips print scores (defaults to four significant digits). */
  tipFormat?: (value: number) => string;
}

/** Equal-width bins over [min, max] of the values given; the last bin includes its upper edge. */
export function binScores(values: number[], bins: number): { x0: number; x1: number; count: number }[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = (max - min) / bins || 1;
  const counts = Array.from({ length: bins }, (_, i) => ({
    x0: min + i * width,
    x1: min + (i + 1) * width,
    count: 0,
  }));
  for (const value of values) {
    const index = Math.min(bins - 1, Math.floor((value - min) / width));
    const bin = counts[index];
    if (bin) bin.count++;
  }
  return counts;
}

/** A histogram of null scores with the observed score marked: how a permutation test is read. */
export function scoreHistogram(chart: ScoreHistogram): string {
  const bins = binScores(chart.scores, chart.bins ?? 12);
  const low = Math.min(...chart.scores);
  const high = Math.max(chart.observed, ...chart.scores);
  const pad = (high - low) * 0.05;
  const format = chart.tipFormat ?? exact;
  return renderPlot({
    width: 640,
    height: 260,
    marginLeft: 48,
    marginTop: 28,
    x: { label: chart.xLabel, labelAnchor: "center", domain: [low - pad, high + pad] },
    y: { label: "permutations", grid: true, tickFormat: "d" },
    marks: [
      Plot.rectY(bins, {
        x1: "x0",
        x2: "x1",
        y: "count",
        fill: SERIES,
        insetLeft: 0.5,
        insetRight: 0.5,
        title: (bin: (typeof bins)[number]) =>
          tip(`${chart.xLabel}: ${span(bin.x0, bin.x1, format)}`, count(bin.count, "permutation")),
      }),
      Plot.ruleY([0]),
      Plot.ruleX([chart.observed], {
        stroke: FIT_QUADRATIC,
        strokeWidth: 2.5,
        title: (v: number) => tip(chart.observedLabel, `${chart.xLabel}: ${format(v)}`),
      }),
      Plot.text([chart.observed], {
        x: (v: number) => v,
        text: () => chart.observedLabel,
        frameAnchor: "top",
        textAnchor: "end",
        dx: -6,
        dy: 4,
        fill: "currentColor",
        stroke: HALO,
        strokeWidth: 3,
      }),
    ],
  });
}
