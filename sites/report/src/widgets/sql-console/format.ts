/** The SQL console's status texts: durations, row counts and how much of a result is shown. */

import { int as grouped } from "../../site/format.ts";

/** A query's duration as measured: "4.2 ms", "812 ms", "12,345 ms". */
export function formatMilliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${grouped(Math.round(ms))} ms`;
}

/** How long a query has been running, as a ticking clock reads: "1.2 s", "59.9 s", "1 min 05 s". */
export function formatElapsed(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  if (tenths < 600) return `${Math.floor(tenths / 10)}.${tenths % 10} s`;
  const seconds = Math.floor(tenths / 10);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

export function rowCountText(rows: number): string {
  return `${grouped(rows)} ${rows === 1 ? "row" : "rows"}`;
}

/** How much of a result the console read: the rows it keeps, and how many it counted in all. */
export interface ResultExtent {
  /** Rows kept for the table (at most the cap). */
  shown: number;
  /** Rows counted, the shown ones included. */
  counted: number;
  /** Whether the whole result was read, so `counted` is its size rather than a lower bound. */
  complete: boolean;
}

/**
 * The result's size, and when only part of it is shown, how much: "113,822 rows", or "showing 1,000 of
 * 113,822 rows", or "showing 1,000 of at least 1,818,624 rows" when the console stopped reading.
 */
export function extentText({ shown, counted, complete }: ResultExtent): string {
  if (complete && shown === counted) return rowCountText(counted);
  const total = complete ? rowCountText(counted) : `at least ${rowCountText(counted)}`;
  return `showing ${grouped(shown)} of ${total}`;
}
