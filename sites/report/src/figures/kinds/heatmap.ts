import * as Plot from "@observablehq/plot";
import { DIVERGING_SCHEME } from "../palette.ts";
import { renderPlot, textWidth } from "../render.ts";
import { tip } from "../tips.ts";

export interface MatrixCell {
  row: string;
  column: string;
  value: number;
  /** A further line for the cell's tooltip (e.g. the count behind a share). */
  note?: string;
}

/** A cell's tooltip: where it sits, its value under the legend's name, and any note. */
export function cellTip(label: string, format: (value: number) => string): (cell: MatrixCell) => string {
  return (cell) => tip(`${cell.row} × ${cell.column}`, `${label}: ${format(cell.value)}`, cell.note);
}

export interface Heatmap {
  /** Row and column labels in display order (a square matrix uses the same list for both). */
  rows: string[];
  columns: string[];
  cells: MatrixCell[];
  /** The legend's label. */
  label: string;
  /** How each cell's value is printed inside it. */
  format: (value: number) => string;
}

/** Class boundaries from −0.8 to 0.8 in steps of 0.2: ten colour classes spanning −1 to 1. */
const THRESHOLDS = Array.from({ length: 9 }, (_, i) => Math.round((i - 4) * 2) / 10);

/**
 * A matrix of coloured cells on a diverging scale from −1 to 1 in ten classes, each cell labelled with its value.
 * Strong values get white text, weak ones dark text, so the labels read on every cell colour.
 */
export function divergingHeatmap(map: Heatmap): string {
  const longest = Math.max(...map.rows.map((label) => label.length));
  const cell = 44;
  return renderPlot({
    width: 12 + textWidth(longest) + map.columns.length * cell,
    height: 110 + map.rows.length * 30,
    marginLeft: 12 + textWidth(longest),
    marginBottom: 90,
    padding: 0.04,
    x: { domain: map.columns, label: null, tickRotate: -40, axis: "bottom" },
    y: { domain: map.rows, label: null },
    // Discrete classes: easier to read than a continuous ramp, and drawable without a canvas.
    color: {
      type: "threshold",
      domain: THRESHOLDS,
      scheme: DIVERGING_SCHEME,
      legend: true,
      label: map.label,
    },
    marks: [
      Plot.cell(map.cells, { x: "column", y: "row", fill: "value", title: cellTip(map.label, map.format) }),
      Plot.text(map.cells, {
        x: "column",
        y: "row",
        text: (c: MatrixCell) => map.format(c.value),
        fill: (c: MatrixCell) => (Math.abs(c.value) >= 0.6 ? "#fff" : "#111"),
        // The cell beneath carries the tooltip; its label must not catch the pointer.
        pointerEvents: "none",
      }),
    ],
  });
}
