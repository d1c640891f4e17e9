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

/** The count query for a statement that only reads: its rows counted by DuckDB without copying them out. */
export function countQuery(statement: string): string {
  // The statement goes on lines of its own, so a trailing `-- comment` cannot swallow the parenthesis.
  return `SELECT count(*) AS n FROM (\n${statement}\n) AS counted`;
}

/**
 * The exact size of a result the console stopped reading: DuckDB counts it (a count over ten million
 * generated rows takes milliseconds), so the status can say "of N rows" rather than "of at least N". Gives
 * undefined when it cannot count (a statement DuckDB will not nest, a cancel, an error): the lower bound
 * stands then.
 */
export async function countAll(
  run: (sql: string) => Promise<StreamedQuery>,
  statement: string,
): Promise<number | undefined> {
  try {
    const result = await readBounded(await run(countQuery(statement)), { maxRows: 1 });
    const n = result.rows[0]?.[0];
    const count = typeof n === "string" ? Number(n) : n;
    return typeof count === "number" && Number.isSafeInteger(count) ? count : undefined;
  } catch {
    return undefined;
  }
}
