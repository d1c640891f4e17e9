import * as Plot from "@observablehq/plot";
import { HALO, SEQUENTIAL } from "../palette.ts";
import { FONT_SIZE, renderPlot, textWidth } from "../render.ts";
import { appendTitle, exact, tip } from "../tips.ts";
import { cellTip, type MatrixCell } from "./heatmap.ts";

export interface SequentialMatrix {
  /** Row and column labels in display order. */
  rows: string[];
  columns: string[];
  cells: MatrixCell[];
  /** Up to six increasing class boundaries: values fall into at most seven colour classes. */
  thresholds: number[];
  /** The legend's label. */
  label: string;
  /** How the legend's class boundaries read. */
  tickFormat?: (value: number) => string;
  /** How tooltips print a cell's value (defaults to the cell labels' format, else four significant digits). */
  tipFormat?: (value: number) => string;
  /** Axis labels (e.g. "true class", "predicted class"). */
  rowLabel?: string;
  columnLabel?: string;
}

function colour(map: SequentialMatrix): Plot.ScaleOptions {
  return {
    type: "threshold",
    domain: map.thresholds,
    range: SEQUENTIAL.slice(0, map.thresholds.length + 1),
    legend: true,
    label: map.label,
    ...(map.tickFormat ? { tickFormat: map.tickFormat } : {}),
  };
}

/**
 * A matrix of cells on the theme's sequential ramp in a few classes, each labelled with its value on a halo
 * of the page colour, so the text reads on every class in both themes (confusion matrices, small R² grids).
 */
export function labelledMatrix(map: SequentialMatrix & { format: (value: number) => string }): string {
  const longest = Math.max(...map.rows.map((label) => label.length));
  const longestColumn = Math.max(...map.columns.map((label) => label.length));
  const cell = 48;
  return renderPlot({
    width: 40 + textWidth(longest) + map.columns.length * cell,
    height: 60 + 0.7 * textWidth(longestColumn) + map.rows.length * 30,
    marginLeft: 20 + textWidth(longest),
    marginBottom: 24 + 0.7 * textWidth(longestColumn),
    padding: 0.04,
    x: {
      domain: map.columns,
      label: map.columnLabel ?? null,
      tickRotate: -40,
      axis: "bottom",
      labelAnchor: "center",
    },
    y: { domain: map.rows, label: map.rowLabel ?? null },
    color: colour(map),
    marks: [
      Plot.cell(map.cells, {
        x: "column",
        y: "row",
        fill: "value",
        title: cellTip(map.label, map.tipFormat ?? map.format),
      }),
      Plot.text(map.cells, {
        x: "column",
        y: "row",
        text: (c: MatrixCell) => map.format(c.value),
        fill: "currentColor",
        stroke: HALO,
        strokeWidth: 3,
        // The cell beneath carries the tooltip; its label must not catch the pointer.
        pointerEvents: "none",
      }),
    ],
  });
}

/**
 * A large matrix without cell labels (e.g. 114 genres × 11 responses). Cells of one colour class are merged
 * into a single SVG path, so a thousand cells cost a few kilobytes rather than a thousand rectangles. Tooltips
 * follow the same economy: one transparent strip per row lists the row's values, rather than one per cell.
 */
export function compactMatrix(map: SequentialMatrix & { rowHeight?: number; columnWidth?: number }): string {
  // A row holds one line of figure text with a little air.
  const rowHeight = map.rowHeight ?? FONT_SIZE + 4;
  const columnWidth = map.columnWidth ?? 40;
  const longest = Math.max(...map.rows.map((label) => label.length));
  const longestColumn = Math.max(...map.columns.map((label) => label.length));
  const marginLeft = 16 + textWidth(longest);
  const marginTop = 8;
  const marginBottom = 24 + 0.7 * textWidth(longestColumn);
  const width = marginLeft + map.columns.length * columnWidth + 12;
  const height = marginTop + marginBottom + map.rows.length * rowHeight;
  const value = new Map(map.cells.map((c) => [`${c.row}\u0000${c.column}`, c.value]));
  const classOf = (v: number) => {
    let k = 0;
    while (k < map.thresholds.length && v >= (map.thresholds[k] ?? Number.POSITIVE_INFINITY)) k++;
    return k;
  };
  const cells: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
    const paths: string[] = SEQUENTIAL.map(() => "");
    map.rows.forEach((row, i) => {
      map.columns.forEach((column, j) => {
        const v = value.get(`${row}\u0000${column}`);
        if (v === undefined) return;
        const x = Math.round(marginLeft + j * columnWidth);
        const y = marginTop + i * rowHeight;
        paths[classOf(v)] += `M${x},${y}h${columnWidth - 1}v${rowHeight - 1}h${1 - columnWidth}z`;
      });
    });
    const g = context.document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "cells");
    paths.forEach((d, k) => {
      if (d === "") return;
      const path = context.document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", d);
      path.setAttribute("fill", SEQUENTIAL[k] ?? "currentColor");
      g.appendChild(path);
    });
    return g;
  };
  const format = map.tipFormat ?? exact;
  const rowTips: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
    const g = context.document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "row tooltips");
    g.setAttribute("fill", "transparent");
    map.rows.forEach((row, i) => {
      const values = map.columns.flatMap((column) => {
        const v = value.get(`${row}\u0000${column}`);
        return v === undefined ? [] : [`${column}: ${format(v)}`];
      });
      if (values.length === 0) return;
      const strip = context.document.createElementNS("http://www.w3.org/2000/svg", "rect");
      strip.setAttribute("x", String(Math.round(marginLeft)));
      strip.setAttribute("y", String(marginTop + i * rowHeight));
      strip.setAttribute("width", String(map.columns.length * columnWidth));
      strip.setAttribute("height", String(rowHeight));
      appendTitle(strip, tip(`${row}: ${map.label}`, ...values));
      g.appendChild(strip);
    });
    return g;
  };
  return renderPlot({
    width,
    height,
    marginLeft,
    marginTop,
    marginBottom,
    marginRight: 12,
    x: {
      domain: map.columns,
      padding: 0,
      label: map.columnLabel ?? null,
      tickRotate: -40,
      labelAnchor: "center",
    },
    y: { domain: map.rows, padding: 0, label: map.rowLabel ?? null, tickSize: 0 },
    color: colour(map),
    marks: [cells, rowTips],
  });
}
