import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent, sqlString } from "../db.ts";
import { TRACK_IDS_DUCKDB, TRACKS_DUCKDB } from "../results/index.ts";
import {
  CORE_COLUMNS,
  CORE_TABLE,
  IDS_TABLE,
  OTHER_RECORDING_ID,
  TRACK_FIRST_ROW,
  TRACK_KEY,
  TRACKS_VIEW_COLUMNS,
} from "./tracks-view.ts";

/**
 * The storage format of the database files the report's browser widgets open. DuckDB-WASM 1.32 (DuckDB
 * 1.4.3) reads storage versions up to v1.4.0 only: files written as `v1.5.0`/`latest` fail there, and
 * node-api's default (v0.10.2) reads but is about 25 % larger.
 *
 * v1.3.0 rather than v1.4.0: both compress columns alike (DuckDB gates its compression methods at storage
 * versions v1.2.0, v1.3.0 and v1.5.0; the files are the same size), but from v1.4.0 (file format 67) DuckDB
 * puts a random 16-byte database identifier in the file's main header (single_file_block_manager.cpp,
 * CreateNewDatabase), and a copy of it in the second database header's unused bytes, so no two writes are
 * byte-identical. At v1.3.0 (format 66) those bytes are zeros. What v1.4.0 adds (encryption, typed macro
 * parameters, per-column metadata reuse) these files do not use.
 */
export const DUCKDB_STORAGE_VERSION = "v1.3.0";

/** The view over both files with exactly the cleaned Parquet's columns and rows (tracks-view.ts). */
export const TRACKS_TABLE = "tracks";

const CORE_ALIAS = "tracks_core_out";
const IDS_ALIAS = "track_ids_out";
const KEYS = "tracks_keys_out";
const ROW_ORDER_ERROR = "tracks.duckdb: the cleaned table is not stored in row_index order";

/**
 * Writes the cleaned table for the browser as two DuckDB database files in `dir` (tracks-view.ts says
 * what each holds and why): `tracks.duckdb`, every row in file order without the IDs, and
 * `track-ids.duckdb`, the IDs by key. They exist because self-hosted DuckDB-WASM cannot read Parquet (the
 * extension is fetched from the internet) but reads its own database format natively. The same table gives
 * byte-identical files (with the same DuckDB version, which the header names): the storage version adds no
 * random identifier (DUCKDB_STORAGE_VERSION) and DuckDB's allocator zeroes the bytes compression leaves
 * unwritten (zeroed-memory.ts).
 *
 * Measured on the full dataset (Node's gzip, level 9): one file with every column 8.68 MB; the first file
 * 4.89 MB, the second 1.6 MB. Keeping the IDs row by row instead of by key would make the second file 3.7 MB
 * and an integer key on every row the first 0.1 MB larger (tracks-view.ts); narrower integer types would
 * save little, since DuckDB already bit-packs them (popularity takes 0.08 MB).
 */
export async function writeTracksDuckdb(db: DuckDBConnection, table: string, dir: string) {
  // A recording groups track IDs, so each ID has one recording; the key table relies on it.
  const [check] = (
    await db.runAndReadAll(
      `SELECT count(*)::INTEGER AS ids FROM (SELECT track_id FROM ${table} GROUP BY track_id HAVING count(DISTINCT recording_id) > 1)`,
    )
  ).getRowObjectsJS();
  if (check?.ids !== 0)
    throw new Error(`${check?.ids} track IDs have rows in several recordings; track-ids.duckdb cannot key them.`);
  // Each row's position in the first file (its rowid there) and its track's first position.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${KEYS} AS
     SELECT row_index, track_id, recording_id, position,
            min(position) OVER (PARTITION BY track_id) AS ${TRACK_KEY}
     FROM (SELECT row_index, track_id, recording_id,
                  (row_number() OVER (ORDER BY row_index) - 1)::INTEGER AS position FROM ${table})`,
  );
  try {
    // Rows are matched to their keys by position (POSITIONAL JOIN), not joined and sorted again: `table` is stored
    // in row_index order (see writeCleanedParquet), as are the keys here. A row meeting another row's key stops
    // the write with an error rather than write a wrong file.
    const core = CORE_COLUMNS.map((column) =>
      column === TRACK_FIRST_ROW
        ? `CASE WHEN t.row_index IS DISTINCT FROM k.row_index THEN error('${ROW_ORDER_ERROR}')
                WHEN k.position <> k.${TRACK_KEY} THEN k.${TRACK_KEY} END AS ${TRACK_FIRST_ROW}`
        : `t.${sqlIdent(column)}`,
    ).join(", ");
    await db.run(
      `ATTACH ${sqlString(join(dir, TRACKS_DUCKDB))} AS ${CORE_ALIAS} (STORAGE_VERSION '${DUCKDB_STORAGE_VERSION}')`,
    );
    try {
      await db.run(
        `CREATE TABLE ${CORE_ALIAS}.${CORE_TABLE} AS
         SELECT ${core} FROM ${table} AS t
         POSITIONAL JOIN (SELECT row_index, position, ${TRACK_KEY} FROM ${KEYS} ORDER BY position) AS k`,
      );
    } finally {
      await db.run(`DETACH ${CORE_ALIAS}`);
    }
    await db.run(
      `ATTACH ${sqlString(join(dir, TRACK_IDS_DUCKDB))} AS ${IDS_ALIAS} (STORAGE_VERSION '${DUCKDB_STORAGE_VERSION}')`,
    );
    try {
      await db.run(
        `CREATE TABLE ${IDS_ALIAS}.${IDS_TABLE} AS
         SELECT ${TRACK_KEY}, track_id,
                CASE WHEN recording_id <> track_id THEN recording_id END AS ${OTHER_RECORDING_ID}
         FROM ${KEYS} WHERE position = ${TRACK_KEY} ORDER BY ${TRACK_KEY}`,
      );
    } finally {
      await db.run(`DETACH ${IDS_ALIAS}`);
    }
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${KEYS}`);
  }
  return {
    files: [TRACKS_DUCKDB, TRACK_IDS_DUCKDB],
    view: TRACKS_TABLE,
    columns: TRACKS_VIEW_COLUMNS,
    storageVersion: DUCKDB_STORAGE_VERSION,
  };
}
