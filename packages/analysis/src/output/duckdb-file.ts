import { rm } from "node:fs/promises";
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

/** The staged tables (`stageTracksDuckdb`): exactly the two files' tables, as uncompressed Parquet. */
export const STAGED_CORE_PARQUET = "track-rows.staged.parquet";
export const STAGED_IDS_PARQUET = "track-ids.staged.parquet";

/**
 * Writes the cleaned table for the browser as two DuckDB database files in `dir` (tracks-view.ts says
 * what each holds and why): `tracks.duckdb`, every row in file order without the IDs, and
 * `track-ids.duckdb`, the IDs by key. They exist because self-hosted DuckDB-WASM cannot read Parquet (the
 * extension is fetched from the internet) but reads its own database format natively.
 *
 * Two steps, which the pipeline runs in two processes (duckdb-files-process.ts): `stageTracksDuckdb` shapes the
 * two tables and `copyStagedTracksDuckdb` writes them into the files. The same staged tables give byte-identical
 * files (with the same DuckDB version, which the header names) where the process writing them zeroes DuckDB's
 * allocations (zeroed-memory.ts): the storage version adds no random identifier (DUCKDB_STORAGE_VERSION), and
 * the bytes compression leaves unwritten are zeros. Here, in one process, the contents are the same but the
 * bytes may not be.
 *
 * Measured on the full dataset (Node's gzip, level 9): one file with every column 8.68 MB; the first file
 * 4.89 MB, the second 1.6 MB. Keeping the IDs row by row instead of by key would make the second file 3.7 MB
 * and an integer key on every row the first 0.1 MB larger (tracks-view.ts); narrower integer types would
 * save little, since DuckDB already bit-packs them (popularity takes 0.08 MB).
 */
export async function writeTracksDuckdb(db: DuckDBConnection, table: string, dir: string) {
  await stageTracksDuckdb(db, table, dir);
  try {
    await copyStagedTracksDuckdb(db, dir, dir);
  } finally {
    await removeStagedTracksDuckdb(dir);
  }
  return {
    files: [TRACKS_DUCKDB, TRACK_IDS_DUCKDB],
    view: TRACKS_TABLE,
    columns: TRACKS_VIEW_COLUMNS,
    storageVersion: DUCKDB_STORAGE_VERSION,
  };
}

/**
 * Shapes the two files' tables from `table` (the cleaned table, stored in row_index order) and writes them into
 * `dir` as STAGED_CORE_PARQUET and STAGED_IDS_PARQUET, uncompressed (they are read once, by the next step).
 */
export async function stageTracksDuckdb(db: DuckDBConnection, table: string, dir: string): Promise<void> {
  // A recording groups track IDs, so each ID has one recording; the key table relies on it.
  const [check] = (
    await db.runAndReadAll(
      `SELECT count(*)::INTEGER AS ids FROM (SELECT track_id FROM ${table} GROUP BY track_id HAVING count(DISTINCT recording_id) > 1)`,
    )
  ).getRowObjectsJS();
  if (check?.ids !== 0)
    throw new Error(
      `${check?.ids} track IDs have rows in several recordings; track-ids.duckdb cannot key them.`,
    );
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
      `COPY (SELECT ${core} FROM ${table} AS t
             POSITIONAL JOIN (SELECT row_index, position, ${TRACK_KEY} FROM ${KEYS} ORDER BY position) AS k)
       TO ${sqlString(join(dir, STAGED_CORE_PARQUET))} (FORMAT parquet, COMPRESSION uncompressed)`,
    );
    await db.run(
      `COPY (SELECT ${TRACK_KEY}, track_id,
                    CASE WHEN recording_id <> track_id THEN recording_id END AS ${OTHER_RECORDING_ID}
             FROM ${KEYS} WHERE position = ${TRACK_KEY} ORDER BY ${TRACK_KEY})
       TO ${sqlString(join(dir, STAGED_IDS_PARQUET))} (FORMAT parquet, COMPRESSION uncompressed)`,
    );
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${KEYS}`);
  }
}

/** Removes the tables `stageTracksDuckdb` staged in `dir`, once the files are written from them. */
export async function removeStagedTracksDuckdb(dir: string): Promise<void> {
  for (const staged of [STAGED_CORE_PARQUET, STAGED_IDS_PARQUET])
    await rm(join(dir, staged), { force: true });
}

/**
 * Writes `tracks.duckdb` and `track-ids.duckdb` into `outDir` from the tables `stageTracksDuckdb` staged in
 * `stageDir`, row for row in their order (the first file's rowid is each row's position). Run it where DuckDB's
 * connection has one thread, as the pipeline's do, so the rows keep their order.
 */
export async function copyStagedTracksDuckdb(db: DuckDBConnection, stageDir: string, outDir: string) {
  const copies = [
    [TRACKS_DUCKDB, CORE_ALIAS, CORE_TABLE, STAGED_CORE_PARQUET],
    [TRACK_IDS_DUCKDB, IDS_ALIAS, IDS_TABLE, STAGED_IDS_PARQUET],
  ] as const;
  for (const [file, alias, target, staged] of copies) {
    await db.run(
      `ATTACH ${sqlString(join(outDir, file))} AS ${alias} (STORAGE_VERSION '${DUCKDB_STORAGE_VERSION}')`,
    );
    try {
      await db.run(
        `CREATE TABLE ${alias}.${target} AS SELECT * FROM read_parquet(${sqlString(join(stageDir, staged))})`,
      );
    } finally {
      await db.run(`DETACH ${alias}`);
    }
  }
}
