/**
 * A query's whole result as a CSV file, written batch by batch into the pieces of a Blob: the rows never
 * pass through the page's table or DOM, and the text is never one giant string.
 */
import { tableToRows } from "../duckdb/arrow-values.ts";
import type { StreamedQuery } from "../duckdb/client.ts";
import { csvLines } from "../ui/csv.ts";

/** Reads every batch of `result` into CSV; `onProgress` hears the row count after each batch. */
export async function resultToCsv(result: StreamedQuery, onProgress: (rows: number) => void): Promise<Blob> {
  const parts = [csvLines([result.columns.map((column) => column.name)])];
  let rows = 0;
  for await (const batch of result.batches) {
    parts.push(csvLines(tableToRows(batch).rows));
    rows += batch.numRows;
    onProgress(rows);
  }
  return new Blob(parts, { type: "text/csv;charset=utf-8" });
}

/**
 * Statements that only read, so running one again for the download gives the same rows and changes
 * nothing (the database is read-only, but a script's temporary tables are not).
 */
const READS = /^\s*(\(\s*)*(select|with|from|values|table|summarize|describe|show|pivot|unpivot)\b/i;

export function isReadOnlyStatement(sql: string): boolean {
  return READS.test(sql.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ""));
}
