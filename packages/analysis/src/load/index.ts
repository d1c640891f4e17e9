import { readFile } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, sqlIdent } from "../db.ts";
import { firstProblem } from "./describe.ts";
import { DatasetFormatError } from "./errors.ts";
import { datasetFileSize } from "./file.ts";
import { checkHeader } from "./header.ts";
import { checkNoNulBytes } from "./nul-bytes.ts";
import { findInvalidCells, readRejects } from "./problems.ts";
import { createFromCsv, dropRejectTables } from "./read.ts";

export { DatasetFormatError, type ErrorLocation } from "./errors.ts";

export interface LoadOptions {
  /** The table to create (default `raw_tracks`); an existing one is replaced. */
  table?: string;
}

export interface LoadResult {
  table: string;
  rows: number;
  bytes: number;
  seconds: number;
}

/**
 * Loads the tracks CSV into a table with exactly `DATASET_COLUMNS` (names, types, file order), one row
 * per data record in file order. Anything outside the format is a `DatasetFormatError` naming the first
 * bad line and column; after any error the table does not exist.
 */
export async function loadTracks(
  db: DuckDBConnection,
  path: string,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const started = performance.now();
  const table = options.table ?? "raw_tracks";
  const dropTable = () => db.run(`DROP TABLE IF EXISTS ${sqlIdent(table)}`);
  await dropTable();
  try {
    const bytes = await datasetFileSize(path);
    await checkHeader(path);
    await checkNoNulBytes(path);
    await createFromCsv(db, table, path).catch((error: Error) => {
      throw new DatasetFormatError(
        path,
        `DuckDB could not read the file: ${error.message}`,
        {},
        { cause: error },
      );
    });
    const rejects = await readRejects(db);
    const invalid = await findInvalidCells(db, table);
    if (rejects.length > 0 || invalid) throw firstProblem(path, await readFile(path), rejects, invalid);
    const [count] = await queryRows<{ rows: number }>(
      db,
      `SELECT count(*) AS "rows" FROM ${sqlIdent(table)}`,
    );
    const rows = count?.rows ?? 0;
    if (rows === 0) throw new DatasetFormatError(path, "the file has a header but no data rows");
    return { table, rows, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await dropTable();
    throw error;
  } finally {
    await dropRejectTables(db);
  }
}
