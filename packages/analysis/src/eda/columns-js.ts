import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, sqlIdent } from "../db.ts";

export interface ReadColumnsOptions {
  /**
   * Read the rows in the order the table stores them rather than sorted by row_index, for a kernel whose
   * result does not depend on the order (a histogram counts): the sort took half the histograms' read.
   */
  anyOrder?: boolean;
}

/**
 * Reads numeric columns of `table` (in row_index order, unless `anyOrder`) into Float64Arrays for the JS
 * numeric kernels. The result is streamed chunk by chunk (2,048 rows) straight into the arrays: materialising
 * it first, then as boxed JS arrays, held three copies of every value at once (about 400 MB more at ten times
 * the dataset).
 */
export async function readNumericColumns<C extends string>(
  db: DuckDBConnection,
  table: string,
  columns: readonly C[],
  options: ReadColumnsOptions = {},
): Promise<Record<C, Float64Array>> {
  // No correlated pair, say, asks for no columns: nothing to read (and no SQL with an empty select list).
  if (columns.length === 0) return {} as Record<C, Float64Array>;
  const [count] = await queryRows<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`);
  const rows = count?.n ?? 0;
  const arrays = columns.map(() => new Float64Array(rows));
  const select = columns.map((column) => `${sqlIdent(column)}::DOUBLE AS ${sqlIdent(column)}`).join(", ");
  const result = await db.stream(
    `SELECT ${select} FROM ${table}${options.anyOrder ? "" : " ORDER BY row_index"}`,
  );
  let offset = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    if (offset + chunk.rowCount > rows) throw new Error(`${table} grew while it was read`);
    columns.forEach((column, c) => {
      const values = chunk.getColumnValues(c);
      const array = arrays[c] as Float64Array;
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (typeof value !== "number") throw new Error(`${table}.${column} has a NULL at row ${offset + i}`);
        array[offset + i] = value;
      }
    });
    offset += chunk.rowCount;
  }
  if (offset !== rows) throw new Error(`read ${offset} of ${table}'s ${rows} rows`);
  return Object.fromEntries(columns.map((column, c) => [column, arrays[c]])) as Record<C, Float64Array>;
}
