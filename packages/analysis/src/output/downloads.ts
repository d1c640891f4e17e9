import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";
import { REMOVED_ROWS_TABLE } from "../clean/apply.ts";
import { queryRows, sqlIdent, sqlString } from "../db.ts";
import type { ManifestResult } from "../results/schemas.ts";
import { PARQUET_COLUMNS } from "./parquet.ts";

/** Every row cleaning removed, with the rule that removed it. */
export const REMOVED_ROWS_CSV = "removed-rows.csv";
/** The cleaned table as gzipped CSV (the Parquet file's columns and rows). */
export const CLEANED_CSV_GZ = "cleaned.csv.gz";

export type DownloadFile = ManifestResult["downloads"][number];

/**
 * Writes the removed rows as CSV: `removed_by` (the rule's id), `row_index` (the row's index in the dataset's
 * file, 0-based) and the row's columns as read. Returns the row count.
 */
export async function writeRemovedRowsCsv(db: DuckDBConnection, path: string): Promise<number> {
  await db.run(
    `COPY (SELECT * FROM ${REMOVED_ROWS_TABLE} ORDER BY row_index) TO ${sqlString(path)} (FORMAT csv, HEADER)`,
  );
  const [row] = await queryRows<{ n: number }>(
    db,
    `SELECT count(*)::INTEGER AS n FROM ${REMOVED_ROWS_TABLE}`,
  );
  return row?.n ?? 0;
}

/**
 * zlib's level for the gzipped CSV. DuckDB's own `COMPRESSION gzip` (miniz) took about 1.1 s of a core on the
 * full dataset beyond writing the plain CSV; Node's zlib at level 6 takes about 0.6 s and writes a slightly smaller
 * file (8.70 against 8.76 MB). Level 4 would take 0.35 s for 3 % more bytes, which every reader downloads.
 */
const GZIP_LEVEL = 6;

/**
 * Writes the cleaned table, in file order, as gzipped CSV: DuckDB writes the plain CSV beside `path`, and Node's
 * zlib compresses it as a stream on libuv's thread pool (so the analysis's own thread is not held). Node's gzip
 * header has no timestamp: byte-identical reruns. No ORDER BY, for the reason `writeCleanedParquet` gives: the
 * table is stored in file order.
 */
export async function writeCleanedCsvGz(db: DuckDBConnection, table: string, path: string): Promise<void> {
  const columns = PARQUET_COLUMNS.map(sqlIdent).join(", ");
  const plain = `${path}.plain`;
  try {
    await db.run(`COPY (SELECT ${columns} FROM ${table}) TO ${sqlString(plain)} (FORMAT csv, HEADER)`);
    await pipeline(createReadStream(plain), createGzip({ level: GZIP_LEVEL }), createWriteStream(path));
  } finally {
    await rm(plain, { force: true });
  }
}

/** A written file as the manifest lists it for download: name, rows, bytes and sha256. */
export async function describeDownload(
  path: string,
  rows: number,
  description: string,
): Promise<DownloadFile> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return {
    file: basename(path),
    rows,
    bytes: (await stat(path)).size,
    sha256: hash.digest("hex"),
    description,
  };
}
