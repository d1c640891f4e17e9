import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { removeOnInterrupt } from "./interrupt-cleanup.ts";
import { running } from "./output/atomic-dir.ts";

export interface DatabaseOptions {
  threads?: number;
  /** DuckDB's `memory_limit` (e.g. "512MB"): beyond it, operators spill to `tempDirectory`. */
  memoryLimit?: string;
  /** Where spilled data goes; DuckDB's default for an in-memory database is `.tmp` in the working folder. */
  tempDirectory?: string;
  /** Hand memory that queries freed back to the system soon (see `RETURN_FREED_MEMORY`). */
  returnFreedMemory?: boolean;
}

/**
 * DuckDB's allocator keeps memory that finished queries freed, for reuse, and flushes it only past 128 MiB
 * (512 MiB after a bulk free); `memory_limit` does not count it. At ten times the dataset that held the build
 * 300–400 MB above its buffer pool. With small flush thresholds and the allocator's background thread (which
 * returns unused pages as they age), a 10× build with a 256MB limit peaked at 643–689 MiB resident instead
 * of 929 MiB; at 1× it used no more CPU (6.7–6.9 s user against 7.0–7.5 s without).
 */
const RETURN_FREED_MEMORY = {
  allocator_flush_threshold: "8MB",
  allocator_bulk_deallocation_flush_threshold: "8MB",
  allocator_background_threads: "true",
};

/**
 * One in-memory DuckDB connection per pipeline run. Threads are pinned so results (and float
 * summation order in aggregates) do not depend on the machine's core count.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DuckDBConnection> {
  return (await createInstance(options)).connect();
}

/** A DuckDB instance with the pipeline's settings: one thread unless `threads` says otherwise. */
export function createInstance(options: DatabaseOptions): Promise<DuckDBInstance> {
  return DuckDBInstance.create(":memory:", {
    threads: String(options.threads ?? 1),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options.tempDirectory ? { temp_directory: options.tempDirectory } : {}),
    ...(options.returnFreedMemory ? RETURN_FREED_MEMORY : {}),
  });
}

/**
 * The pipeline's memory budget for DuckDB. Its tables (the raw, cleaned and final copies of the dataset, the
 * recordings' link tables) grow with the rows; past this limit DuckDB spills them to disk, at the cost of disk
 * traffic, which costs CPU too. At ten times the dataset (with `RETURN_FREED_MEMORY`, one run each on a shared
 * 2-core machine) the process peaked at 643 MiB with 256MB, 818 MiB with 384MB and 955 MiB with 512MB, using
 * 99, 81 and 82 s of CPU: 384MB keeps clear of 1 GB without 256MB's extra spilling. Without a limit, and
 * before RETURN_FREED_MEMORY, it peaked at 2.8 GB.
 * `SPOTIFY_ANALYSIS_MEMORY_LIMIT` (a DuckDB size, e.g. "8GB") raises it where memory is plentiful.
 */
export const PIPELINE_MEMORY_LIMIT = "384MB";
export const MEMORY_LIMIT_ENV_VAR = "SPOTIFY_ANALYSIS_MEMORY_LIMIT";

const SPILL_PREFIX = "spotiflies-duckdb-";

/** Removes the spill folders of builds that were killed outright (their process is gone). */
export function removeStaleSpillFolders(parent = tmpdir()): string[] {
  const stale = readdirSync(parent).filter((name) => {
    const pid = new RegExp(`^${SPILL_PREFIX}(\\d+)-`).exec(name)?.[1];
    return pid !== undefined && !running(Number(pid));
  });
  for (const name of stale) rmSync(join(parent, name), { recursive: true, force: true });
  return stale;
}

/**
 * The pipeline's database, spilling into a fresh folder of the system's temporary directory rather than
 * `.tmp` in the working folder (which a killed build would leave in the package); `close` or an interrupt removes
 * it, and the next build removes one a SIGKILL left (hundreds of MB at ten times the dataset).
 *
 * `connect` opens another connection to the same database, for a statement that runs beside the main
 * connection's: with one thread per database, each connection's statement runs on its own thread, so two
 * connections can use two cores. They see each other's tables but not TEMP ones. `scratch` is the spill
 * folder, for files a build writes before its output folder exists; it goes with `close`.
 */
export async function openPipelineDatabase(env: Record<string, string | undefined> = process.env) {
  removeStaleSpillFolders();
  const spill = mkdtempSync(join(tmpdir(), `${SPILL_PREFIX}${process.pid}-`));
  const memoryLimit = env[MEMORY_LIMIT_ENV_VAR] || PIPELINE_MEMORY_LIMIT;
  const release = removeOnInterrupt(spill);
  const instance = await createInstance({ memoryLimit, tempDirectory: spill, returnFreedMemory: true });
  const db = await instance.connect();
  const others: DuckDBConnection[] = [];
  return {
    db,
    scratch: spill,
    async connect() {
      const connection = await instance.connect();
      others.push(connection);
      return connection;
    },
    close() {
      for (const connection of others) connection.closeSync();
      db.closeSync();
      rmSync(spill, { recursive: true, force: true });
      release();
    },
  };
}

/** Runs a query and returns its rows as plain JS objects (BIGINT → number when safe, else string). */
export async function queryRows<T = Record<string, unknown>>(
  db: DuckDBConnection,
  sql: string,
): Promise<T[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = normalise(value);
    return out as T;
  });
}

function normalise(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

/** Quotes a string as a SQL literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
