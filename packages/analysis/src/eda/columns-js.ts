import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent } from "../db.ts";

/** Reads numeric columns of `table` (in row_index order) into Float64Arrays for the JS numeric kernels. */
export async function readNumericColumns<C extends string>(
  db: DuckDBConnection,
  table: string,
  columns: readonly C[],
): Promise<Record<C, Float64Array>> {
  const select = columns.map((column) => `${sqlIdent(column)}::DOUBLE AS ${sqlIdent(column)}`).join(", ");
  const reader = await db.runAndReadAll(`SELECT ${select} FROM ${table} ORDER BY row_index`);
  const values = reader.getColumnsObjectJS() as Record<string, (number | null)[]>;
  const out = {} as Record<C, Float64Array>;
  for (const column of columns) {
    const source = values[column] ?? [];
    const array = new Float64Array(source.length);
    for (let i = 0; i < source.length; i++) {
      const value = source[i];
      if (value === null || value === undefined) throw new Error(`${table}.${column} has a NULL at row ${i}`);
      array[i] = value;
    }
    out[column] = array;
  }
  return out;
}
