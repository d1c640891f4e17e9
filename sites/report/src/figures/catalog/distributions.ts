import type { HistogramsResult } from "@spotiflies/analysis/results";
import { result } from "../../data/results.ts";
import { axisLabel, feature, toDisplay } from "../../site/features.ts";
import { int, pct, sig } from "../../site/format.ts";
import { intColumn, numberFormat, shareColumn, sigColumn, textColumn } from "../columns.ts";
import { barGrid } from "../kinds/bars.ts";
import { histogramGrid } from "../kinds/histogram.ts";
import type { DataTable, FigureSpec } from "../types.ts";

/** Figures of the exploratory chapter that show one variable at a time. */

/**
 * The histograms' page table, one row per bin number and a column of counts per feature: every count drawn, in
 * a twelfth of the elements of one row per bin (550 rows), since a feature's bins are equally wide and its
 * column head gives where they start and how wide they are. The downloads list each bin with its edges.
 */
function binCountTable(histograms: HistogramsResult): DataTable {
  const binCount = histograms.columns[0]?.fine.binCount ?? 0;
  return {
    columns: [
      intColumn("bin", "bin"),
      ...histograms.columns.map((c) =>
        intColumn(
          c.column,
          `${feature(c.column).label} (from ${sig(c.min, 4)}, bins of ${sig((c.max - c.min) / c.fine.binCount, 3)})`,
        ),
      ),
    ],
    rows: Array.from({ length: binCount }, (_, k) => ({
      bin: k + 1,
      ...Object.fromEntries(histograms.columns.map((c) => [c.column, c.fine.bins[k]?.count ?? null])),
    })),
  };
}

function histogramsFigure(): FigureSpec {
  const histograms = result("histograms");
  const rows = histograms.columns.flatMap((c) =>
    c.fine.bins.map((bin) => ({ feature: c.column, x0: bin.x0, x1: bin.x1, count: bin.count })),
  );
  const first = histograms.columns[0];
  return {
    id: "histograms",
    title: "Distributions of the numeric features",
    alt: `${histograms.columns.length} histograms, one per numeric feature (${histograms.columns.map((c) => feature(c.column).label).join(", ")}), each with ${first?.fine.binCount ?? 0} equal-width bins over the feature's range in the ${int(histograms.rows)} cleaned tracks.`,
    render: () =>
      histogramGrid(
        histograms.columns.map((c) => ({
          title: feature(c.column).label,
          xLabel: axisLabel(c.column),
          bins: c.fine.bins.map((bin) => ({
            x0: toDisplay(c.column, bin.x0),
            x1: toDisplay(c.column, bin.x1),
            count: bin.count,
          })),
        })),
      ),
    data: {
      columns: [
        textColumn("feature", "feature"),
        sigColumn("x0", "bin from"),
        sigColumn("x1", "bin to"),
        intColumn("count", "tracks"),
      ],
      rows,
    },
    table: binCountTable(histograms),
    tableNote: `The table gives the tracks in each bin: bin k of a feature runs from its smallest value plus k − 1 bin widths, as its column head gives them (in the feature's stored unit; duration in milliseconds). The downloads list every bin with its edges.`,
  };
}

const CATEGORICAL_VARIABLES = ["key", "mode", "time_signature", "explicit"] as const;

function categoricalFigure(): FigureSpec {
  const categorical = result("categorical");
  const rows = CATEGORICAL_VARIABLES.flatMap((variable) =>
    categorical[variable].map((c) => ({
      variable,
      value: typeof c.value === "boolean" ? String(c.value) : c.value,
      label: c.label,
      count: c.count,
      share: c.share,
    })),
  );
  const largest = CATEGORICAL_VARIABLES.map((variable) => {
    const top = [...categorical[variable]].sort((a, b) => b.count - a.count)[0];
    return top ? `${feature(variable).label}: ${top.label} most common (${pct(top.share)})` : "";
  });
  const count = intColumn("count", "tracks");
  const share = shareColumn("share", "share");
  return {
    id: "categorical",
    title: "Key, mode, time signature and explicit lyrics",
    // One query stacks the four distributions (analysis: eda/categorical.ts).
    query: categorical.sql,
    alt: `Four bar charts counting tracks per category. ${largest.join("; ")}.`,
    render: () =>
      barGrid(
        CATEGORICAL_VARIABLES.map((variable) => ({
          title: feature(variable).label,
          bars: categorical[variable].map((c) => ({
            label: c.label,
            value: c.count,
            note: `${numberFormat(share)(c.share)} of tracks`,
          })),
          valueLabel: "tracks",
          tipFormat: numberFormat(count),
          width: variable === "key" ? 560 : 280,
        })),
      ),
    data: {
      columns: [
        textColumn("variable", "variable"),
        textColumn("value", "stored value"),
        textColumn("label", "meaning"),
        count,
        share,
      ],
      rows,
    },
    queryNote:
      "It gives the table's rows with the columns in alphabetical order, and explicit's stored values true and false as 1 and 0.",
  };
}

export function figures(): FigureSpec[] {
  return [histogramsFigure(), categoricalFigure()];
}
