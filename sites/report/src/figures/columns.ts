import { dec, int, pct, sig } from "../site/format.ts";
import type { Cell, Column } from "./types.ts";

/** Column builders for figure data tables: the label, and how the page shows the raw value. */

function numeric(format: (value: number) => string) {
  return (value: Cell): string => (typeof value === "number" ? format(value) : String(value ?? ""));
}

export function textColumn(key: string, label: string): Column {
  return { key, label };
}

export function intColumn(key: string, label: string): Column {
  return { key, label, numeric: true, format: numeric(int) };
}

export function decColumn(key: string, label: string, digits = 3): Column {
  return { key, label, numeric: true, format: numeric((v) => dec(v, digits)) };
}

export function sigColumn(key: string, label: string, significant = 4): Column {
  return { key, label, numeric: true, format: numeric((v) => sig(v, significant)) };
}

export function shareColumn(key: string, label: string): Column {
  return { key, label, numeric: true, format: numeric((v) => pct(v, 2)) };
}

/** How a numeric column prints a value: a figure's tooltips use it so they read exactly like its data table. */
export function numberFormat(column: Column): (value: number) => string {
  const format = column.format;
  if (!format || !column.numeric) throw new Error(`Column "${column.key}" is not a formatted number column.`);
  return (value) => format(value);
}
