/**
 * Reads the first rows of a streamed result for the table, and counts on for a moment to say how big the
 * result is. Rendering or even copying ten million rows out of DuckDB would freeze the page; batches come
 * one message at a time, so the page stays responsive while this reads.
 */

import { tableToRows } from "../duckdb/arrow-values.ts";
import type { Cell, QueryColumn, StreamedQuery } from "../duckdb/client.ts";
import type { ResultExtent } from "./format.ts";

/** The most rows the console shows: more than a reader pages through, few enough to sort at once. */
export const MAX_SHOWN_ROWS = 1_000;
/** How long to go on counting rows past those shown before saying "at least": ≈ 0.9 M rows on 2 cores. */
export const COUNT_FOR_MS = 500;

export interface BoundedResult {
  columns: QueryColumn[];
  rows: Cell[][];
  extent: ResultExtent;
}

export interface BoundedOptions {
  maxRows?: number;
  countForMs?: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

export async function readBounded(
  result: StreamedQuery,
  { maxRows = MAX_SHOWN_ROWS, countForMs = COUNT_FOR_MS, now = () => performance.now() }: BoundedOptions = {},
): Promise<BoundedResult> {
  const rows: Cell[][] = [];
  let counted = 0;
  let complete = true;
  let fullSince: number | undefined;
  for await (const batch of result.batches) {
    if (rows.length < maxRows) {
      const wanted = Math.min(batch.numRows, maxRows - rows.length);
      rows.push(...tableToRows(wanted < batch.numRows ? batch.slice(0, wanted) : batch).rows);
    }
    counted += batch.numRows;
    if (rows.length < maxRows) continue;
    fullSince ??= now();
    if (now() - fullSince >= countForMs) {
      complete = false;
      break;
    }
  }
  if (!complete) await result.close();
  return { columns: result.columns, rows, extent: { shown: rows.length, counted, complete } };
}
