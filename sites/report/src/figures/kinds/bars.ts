import * as Plot from "@observablehq/plot";
import { smallMultiples } from "../html.ts";
import { SERIES } from "../palette.ts";
import { FONT_SIZE, renderPlot, textWidth } from "../render.ts";
import { domainColours } from "../super-genre-colours.ts";
import { appendTitle, exact, tip } from "../tips.ts";

export interface Bar {
  label: string;
  value: number;
  /** A group the bar belongs to, coloured and listed in a legend. */
  group?: string;
  /** A further line for the bar's tooltip (e.g. the count behind a share). */
  note?: string;
}

export interface BarChart {
  /** The chart's title when shown among small multiples. */
  title?: string;
  bars: Bar[];
  /** Axis label for the values. */
  valueLabel: string;
  /**
   * What the categories are: the axis label of vertical bars (horizontal bars are labelled by their ticks), and
   * the name before each category in the tooltips.
   */
  categoryLabel?: string;
  /** Group names in legend order; when given, bars are coloured by group. */
  groups?: string[];
  /** How value labels at the end of each bar read; no labels when absent. */
  valueFormat?: (value: number) => string;
  /** How each bar's tooltip prints its value (defaults to `valueFormat`, else four significant digits). */
  tipFormat?: (value: number) => string;
  width?: number;
  /** Keep the bars in the given order rather than sorting them by value. */
  keepOrder?: boolean;
  /**
   * Draw the bars of each group as one path, with one tooltip naming the group, rather than a rectangle and a
   * tooltip per bar: for long charts shown many times on one page (the 114 genres under each of 11 features),
   * whose bars the axis names and whose values the data table gives.
   */
  mergeBars?: boolean;
}

/**
 * A render transform that replaces Plot's rectangles by one path per fill colour, keeping their geometry
 * exactly (each rectangle becomes a closed subpath), with a tooltip from `tipOf` (the colour's group).
 */
function mergedBars(tipOf: (fill: string) => string): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context);
    if (!g) throw new Error("mergedBars: Plot drew no bars.");
    const byFill = new Map<string, string>();
    for (const rect of [...g.querySelectorAll("rect")]) {
      const [x, y, w, h] = ["x", "y", "width", "height"].map((name) => Number(rect.getAttribute(name) ?? 0));
      const fill = rect.getAttribute("fill") ?? g.getAttribute("fill") ?? "currentColor";
      byFill.set(fill, `${byFill.get(fill) ?? ""}M${x},${y}h${w}v${h}h${-(w ?? 0)}z`);
      rect.remove();
    }
    for (const [fill, d] of byFill) {
      const path = context.document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", d);
      path.setAttribute("fill", fill);
      appendTitle(path, tipOf(fill));
      g.appendChild(path);
    }
    return g;
  };
}

/** The tooltip of one bar: its category (and group), the exact value under the axis's name, and any note. */
function barTip(chart: BarChart): (bar: Bar) => string {
  const format = chart.tipFormat ?? chart.valueFormat ?? exact;
  const category = (bar: Bar) => {
    const name = chart.categoryLabel ? `${chart.categoryLabel}: ${bar.label}` : bar.label;
    return bar.group && bar.group !== bar.label ? `${name} (${bar.group})` : name;
  };
  return (bar) => tip(category(bar), `${chart.valueLabel}: ${format(bar.value)}`, bar.note);
}

/** The group a bar colour stands for (a merged path's tooltip), or the value axis's name for ungrouped bars. */
function groupOfColour(groups: string[] | undefined, fill: string): string {
  if (!groups) return "bars";
  const colours = domainColours(groups);
  return groups[colours.indexOf(fill)] ?? "bars";
}

function colour(groups: string[] | undefined): Plot.ScaleOptions | undefined {
  if (!groups) return undefined;
  return { domain: groups, range: domainColours(groups), legend: true };
}

/** Pixels a value label needs beyond its bar's end (six characters of figure text and the gap before them). */
export const LABEL_ROOM = Math.ceil(textWidth(6)) + 6;

/**
 * The lower end of the value axis that leaves LABEL_ROOM pixels left of the most negative bar's end, in a plot
 * `plotWidth` pixels wide whose axis ends at `max`. A margin in proportion to the bar (the old 30 %) gave a
 * tiny negative value no room at all, and its "−0.000" ran into the category names.
 */
export function roomForLabel(min: number, max: number, plotWidth: number): number {
  const share = LABEL_ROOM / plotWidth;
  return (min - share * max) / (1 - share);
}

/** Horizontal bars, one per category, sorted by value unless `keepOrder`; grows in height with the bar count. */
export function horizontalBars(chart: BarChart): string {
  const { bars, groups, valueFormat } = chart;
  const longest = Math.max(...bars.map((bar) => bar.label.length));
  const order = chart.keepOrder ? bars.map((bar) => bar.label) : undefined;
  const values = bars.map((bar) => bar.value);
  const negative = Math.min(0, ...values);
  const positive = Math.max(0, ...values);
  const width = chart.width ?? 640;
  const marginLeft = Math.min(260, 14 + textWidth(longest));
  const marginRight = valueFormat ? LABEL_ROOM + 12 : 16;
  return renderPlot({
    width,
    // A line of tick text (FONT_SIZE) and some air per bar, above the x-axis ticks and label.
    height: 10 + bars.length * (FONT_SIZE + 8) + 42,
    marginTop: 10,
    marginBottom: 42,
    marginLeft,
    marginRight,
    x: {
      label: chart.valueLabel,
      grid: true,
      labelAnchor: "center",
      // Room for the labels of negative bars, which sit beyond the bar's left end.
      ...(valueFormat && negative < 0
        ? { domain: [roomForLabel(negative, positive, width - marginLeft - marginRight), positive] }
        : {}),
    },
    y: { label: null, tickSize: 0, ...(order ? { domain: order } : {}) },
    ...(groups ? { color: colour(groups) } : {}),
    marks: [
      Plot.barX(bars, {
        x: "value",
        y: "label",
        fill: groups ? "group" : SERIES,
        ...(chart.mergeBars
          ? { render: mergedBars((fill) => groupOfColour(groups, fill)) }
          : { title: barTip(chart) }),
        ...(order ? {} : { sort: { y: "-x" } }),
      }),
      ...(valueFormat
        ? [
            Plot.text(
              bars.filter((bar) => bar.value >= 0),
              {
                x: "value",
                y: "label",
                text: (bar: Bar) => valueFormat(bar.value),
                dx: 4,
                textAnchor: "start",
              },
            ),
            // Labels of negative bars sit left of the bar's end, outside it.
            Plot.text(
              bars.filter((bar) => bar.value < 0),
              {
                x: "value",
                y: "label",
                text: (bar: Bar) => valueFormat(bar.value),
                dx: -4,
                textAnchor: "end",
              },
            ),
          ]
        : []),
      Plot.ruleX([0]),
    ],
  });
}

/** Vertical bars in the given category order, with an optional value label above each bar. */
export function verticalBars(chart: BarChart, { height = 200 } = {}): string {
  const { bars, valueFormat } = chart;
  return renderPlot({
    width: chart.width ?? 320,
    height,
    marginLeft: 48,
    marginTop: 24,
    x: { label: chart.categoryLabel ?? null, domain: bars.map((bar) => bar.label), labelAnchor: "center" },
    y: { label: chart.valueLabel, grid: true, tickFormat: "~s", ticks: 4 },
    marks: [
      Plot.barY(bars, { x: "label", y: "value", fill: SERIES, title: barTip(chart) }),
      ...(valueFormat
        ? [
            Plot.text(bars, {
              x: "label",
              y: "value",
              text: (bar: Bar) => valueFormat(bar.value),
              dy: -6,
              lineAnchor: "bottom",
            }),
          ]
        : []),
      Plot.ruleY([0]),
    ],
  });
}

/** Several vertical bar charts laid out as small multiples. */
export function barGrid(charts: BarChart[], options: { height?: number } = {}): string {
  return smallMultiples(
    charts.map((chart) => ({ title: chart.title ?? "", html: verticalBars(chart, options) })),
  );
}
