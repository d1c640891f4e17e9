import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent, sqlString } from "../db.ts";
import { PARQUET_COLUMNS } from "./parquet.ts";

/**
 * The storage format of the database file the report's browser widgets open. DuckDB-WASM 1.32 (DuckDB
 * 1.4.3) reads storage versions up to v1.4.0 only: files written as `v1.5.0`/`latest` fail there, and
 * node-api's default (v0.10.2) reads but is about 25 % larger.
 */
export const DUCKDB_STORAGE_VERSION = "v1.4.0";

/** The one table in the database file, with exactly the cleaned Parquet's columns and rows. */
export const TRACKS_TABLE = "tracks";

const ALIAS = "tracks_out";

/**
 * Writes the cleaned table, in file order, as a single-table DuckDB database file at `path`. It exists
 * because self-hosted DuckDB-WASM cannot read Parquet (the extension is fetched from the internet) but
 * reads its own database format natively. The file is not byte-identical across runs (DuckDB's block
 * layout and header are not deterministic); its contents are.
 */
export async function writeTracksDuckdb(db: DuckDBConnection, table: string, path: string) {
  const columns = PARQUET_COLUMNS.map(sqlIdent).join(", ");
  await db.run(`ATTACH ${sqlString(path)} AS ${ALIAS} (STORAGE_VERSION '${DUCKDB_STORAGE_VERSION}')`);
  try {
    await db.run(
      `CREATE TABLE ${ALIAS}.${TRACKS_TABLE} AS SELECT ${columns} FROM ${table} ORDER BY row_index`,
    );
  } finally {
    await db.run(`DETACH ${ALIAS}`);
  }
  return { table: TRACKS_TABLE, columns: PARQUET_COLUMNS, storageVersion: DUCKDB_STORAGE_VERSION };
}
