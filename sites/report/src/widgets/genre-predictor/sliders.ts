import { feature } from "../../site/features.ts";
import { dec, duration } from "../../site/format.ts";
import { categoryLabel, type ExplorerFeature } from "../genre-explorer/spec.ts";

/**
 * The predictor's inputs: one slider per raw feature the model reads, its range from the analysis's
 * summary of the cleaned tracks. Pure, so the page's build and the browser share it.
 */

/** The summary the ranges come from (a column of the analysis's `describe` result). */
export interface ColumnSummary {
  column: string;
  min: number;
  q50: number;
  max: number;
}

/** What the model needs to know about its inputs (a subset of the exported model). */
export interface ModelInputs {
  oneHot: { column: string; categories: number[] }[];
  raw: string[];
}

export interface SliderSpec {
  column: string;
  label: string;
  min: number;
  max: number;
  step: number;
  /** The slider's initial position (the median track, on the slider's grid). */
  position: number;
  /**
   * For a one-hot encoded column (key, mode, time signature) the slider moves over the category indices,
   * since the model knows no other values: position i stands for `categories[i]`.
   */
  categories?: number[];
}

/** Columns that take only whole numbers, and `explicit`, a yes/no flag the summary does not cover. */
const WHOLE = new Set(["popularity", "explicit", "key", "mode", "time_signature"]);
const FLAGS: Record<string, ColumnSummary> = { explicit: { column: "explicit", min: 0, q50: 0, max: 1 } };

/**
 * A step about a thousandth of the range, as a power of ten: 0.001 for the 0–1 features, 0.1 dB or BPM for
 * loudness and tempo, whole numbers for counts and categories, a second for duration.
 */
function stepFor(column: string, min: number, max: number): number {
  if (WHOLE.has(column)) return 1;
  if (column === "duration_ms") return 1000;
  // Written as a decimal literal: 10 ** -4 is 0.00009999999999999999 in binary floating point.
  return Number(`1e${Math.round(Math.log10(max - min)) - 3}`);
}

/** `value` on the grid of `step` (as a decimal that reads back exactly, not 0.30000000000000004). */
export function onGrid(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number((Math.round(value / step) * step).toFixed(decimals));
}

export function sliderSpecs(model: ModelInputs, summaries: ColumnSummary[]): SliderSpec[] {
  return model.raw.map((column) => {
    const summary = summaries.find((s) => s.column === column) ?? FLAGS[column];
    if (!summary) throw new Error(`The analysis's summary has no range for the model's input "${column}".`);
    const label = feature(column).label;
    const oneHot = model.oneHot.find((o) => o.column === column);
    if (oneHot) {
      const categories = [...oneHot.categories];
      // The category nearest the median track's value.
      const nearest = categories.reduce(
        (best, value, i) =>
          Math.abs(value - summary.q50) < Math.abs((categories[best] ?? 0) - summary.q50) ? i : best,
        0,
      );
      return { column, label, min: 0, max: categories.length - 1, step: 1, position: nearest, categories };
    }
    const step = stepFor(column, summary.min, summary.max);
    // Outward to the grid, so the observed extremes stay reachable.
    const min = onGrid(Math.floor(summary.min / step) * step, step);
    const max = onGrid(Math.ceil(summary.max / step) * step, step);
    return { column, label, min, max, step, position: onGrid(summary.q50, step) };
  });
}

/** The column value a slider position stands for. */
export function valueAt(spec: SliderSpec, position: number): number {
  return spec.categories ? (spec.categories[position] ?? Number.NaN) : position;
}

/** The slider position closest to a column value (a picked track's value need not be on the grid). */
export function positionOf(spec: SliderSpec, value: number): number {
  if (spec.categories) {
    const index = spec.categories.indexOf(value);
    if (index < 0) throw new Error(`${spec.label} = ${value} is not a value the model knows.`);
    return index;
  }
  return Math.min(spec.max, Math.max(spec.min, onGrid(value, spec.step)));
}

/** A column value as the slider's readout shows it. */
export function formatInput(column: string, value: number): string {
  switch (column) {
    case "duration_ms":
      return duration(value);
    case "key":
    case "mode":
    case "time_signature":
    case "explicit":
      return categoryLabel(column as ExplorerFeature, value);
    case "popularity":
      return String(value);
    case "loudness":
      return `${dec(value, 1)} dB`;
    case "tempo":
      return `${dec(value, 1)} BPM`;
    default:
      return dec(value, 3);
  }
}
