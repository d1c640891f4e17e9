import type { DuckDBConnection } from "@duckdb/node-api";
import { DATASET_COLUMNS } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";
import { REJECTS_TABLE } from "./read.ts";

/** A row DuckDB could not read, as `store_rejects` recorded it (one per problem; a row can have several). */
export interface RejectedRow {
  /** 1-based byte offset DuckDB gives for the record's start (in a CRLF file, of the `\n` before it). */
  lineBytePosition: number;
  /** 1-based byte offset of the problem. */
  bytePosition: number;
  /** DuckDB's 1-based field number (0-based for MISSING COLUMNS, which we recount ourselves). */
  columnIndex: number;
  errorType: string;
  errorMessage: string;
}

export async function readRejects(db: DuckDBConnection): Promise<RejectedRow[]> {
  return queryRows<RejectedRow>(
    db,
    `SELECT line_byte_position AS lineBytePosition, byte_position AS bytePosition, column_idx AS columnIndex,
       CAST(error_type AS VARCHAR) AS errorType, error_message AS errorMessage
     FROM temp.main.${sqlIdent(REJECTS_TABLE)} ORDER BY line_byte_position, column_idx`,
  );
}

/** Loaded rows with a NULL in a column that must have a value: empty, or not in the file's format. */
export interface InvalidCells {
  /** 0-based position of the first such row among the loaded rows (rejected rows are not loaded). */
  ordinal: number;
  /** 1-based field number of its first such cell. */
  column: number;
  rows: number;
}

export async function findInvalidCells(
  db: DuckDBConnection,
  table: string,
): Promise<InvalidCells | undefined> {
  const required = DATASET_COLUMNS.flatMap((column, index) =>
    column.nullable ? [] : [{ test: `${sqlIdent(column.name)} IS NULL`, column: index + 1 }],
  );
  // A freshly created table's rowid is its insertion order, which DuckDB keeps as the file's order.
  const [first] = await queryRows<InvalidCells>(
    db,
    `SELECT rowid AS ordinal,
       CASE ${required.map(({ test, column }) => `WHEN ${test} THEN ${column}`).join(" ")} END AS "column",
       count(*) OVER () AS "rows"
     FROM ${sqlIdent(table)} WHERE ${required.map(({ test }) => test).join(" OR ")}
     ORDER BY rowid LIMIT 1`,
  );
  return first;
}
