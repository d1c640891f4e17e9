/**
 * The report's one in-browser DuckDB: DuckDB-WASM in a Web Worker over the analysis's `tracks.duckdb`,
 * all served by the site itself. Browser-only; import it lazily (see preload.ts), since importing it pulls
 * in DuckDB-WASM's JavaScript and Apache Arrow.
 *
 * Self-hosted DuckDB-WASM cannot read Parquet (the extension is downloaded from the internet at run time).
 * The candidates, measured in headless Chromium on localhost, 2 cores (/work/shared/notes/environment.md):
 *
 *   what the page loads                over the wire        navigation → first result, cold / reload
 *   DuckDB database file (chosen)      6.8 MB gzipped       2.7 s / 2.2 s
 *   same, read with HTTP Range         0.98 MB (3 columns)  2.8 s / 2.3 s
 *   Arrow IPC → insert                 8.7 MB               3.3 s / 2.7 s
 *   gzipped CSV → read_csv             8.4 MB               3.8–4.2 s / 3.3–3.5 s
 *   Parquet decoded by hyparquet       8.1 MB               5.2 s / 4.1 s
 *
 * The database file needs no conversion in the page, so it is the fastest. How it is read was re-measured
 * (see README, "Exploring the data in the browser"): Range reads save bytes on the first query but make
 * every query that touches new columns wait for more requests (after the same warm-up queries, a first
 * GROUP BY took 0.58–0.81 s against 0.16–0.28 s in memory), and a reload fetches those ranges again, while
 * a whole file is cached. So the file is fetched whole, by the page, in parallel with the wasm download and
 * compile, and handed to DuckDB as a buffer: registering and opening it took 0.8–1.2 s against 1.6–2.4 s
 * when DuckDB fetched it itself after start-up. Any static host serves it: no Range or HEAD support needed.
 *
 * The worker and both downloads are started by worker-start.ts before this module arrives; the worker's
 * prelude (worker-prelude.ts) compiles the wasm as it downloads, and the wasm the site serves exports only
 * what DuckDB's worker uses (integrations/duckdb-worker.ts).
 */
import { AsyncDuckDB, type AsyncDuckDBConnection, DuckDBAccessMode, VoidLogger } from "@duckdb/duckdb-wasm";
import type { Table } from "apache-arrow";
import { type Cell, type ResultColumn, tableToRows } from "./arrow-values.ts";
import { DUCKDB_WASM, TRACKS_DATABASE } from "./files.ts";
import { readableError } from "./messages.ts";
import { markStartup, siteFile, TracksDatabaseError, takeDuckdbStart } from "./worker-start.ts";

export type { Cell } from "./arrow-values.ts";
export { TracksDatabaseError } from "./worker-start.ts";

export interface QueryColumn extends ResultColumn {}

export interface QueryResult {
  columns: QueryColumn[];
  /** Values are number | string | boolean | null: BIGINT → number when exact, else string. */
  rows: Cell[][];
  /** Time from sending the query to having its rows, in milliseconds. */
  milliseconds: number;
}

export type QueryParameter = string | number | boolean | null;

export interface TracksDatabase {
  /**
   * Runs SQL against the `tracks` table. With `params`, the SQL is a prepared statement whose `?`
   * placeholders take them: user text is always passed this way, never spliced into the SQL.
   */
  query(sql: string, params?: QueryParameter[]): Promise<QueryResult>;
}

/** A query's failure, carrying DuckDB's own message (e.g. `Parser Error: syntax error at or near …`). */
export class QueryError extends Error {
  override name = "QueryError";
}

/**
 * Settings applied before any reader's SQL runs. The page must never reach beyond its own origin: no
 * extension downloads, no reads of arbitrary URLs, and the reader's SQL cannot switch either back on.
 */
const LOCKDOWN = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];

async function start(): Promise<TracksDatabase> {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    throw new TracksDatabaseError(
      "This browser does not support WebAssembly in a Web Worker, which DuckDB needs.",
    );
  }
  const { worker, failed, database } = takeDuckdbStart();
  // Settles only if the download fails, so that a failure ends the start-up at once.
  const downloadFailed = database.then(() => new Promise<never>(() => undefined));
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  let connection: AsyncDuckDBConnection;
  try {
    connection = await Promise.race([
      failed,
      downloadFailed,
      (async () => {
        await db.instantiate(siteFile(DUCKDB_WASM));
        markStartup("instantiated");
        await db.registerFileBuffer(TRACKS_DATABASE, await database);
        await db.open({ path: TRACKS_DATABASE, accessMode: DuckDBAccessMode.READ_ONLY });
        const opened = await db.connect();
        for (const statement of LOCKDOWN) await opened.query(statement);
        markStartup("ready");
        return opened;
      })(),
    ]);
  } catch (error) {
    worker.terminate();
    throw error instanceof TracksDatabaseError
      ? error
      : new TracksDatabaseError(`The database could not be opened: ${(error as Error).message}`);
  }
  return new Connection(connection);
}

/** Runs queries one at a time on one connection, so widgets sharing it never interleave statements. */
class Connection implements TracksDatabase {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly connection: AsyncDuckDBConnection) {}

  query(sql: string, params: QueryParameter[] = []): Promise<QueryResult> {
    const run = this.#queue.then(() => this.#run(sql, params));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(sql: string, params: QueryParameter[]): Promise<QueryResult> {
    const started = performance.now();
    let table: Table;
    try {
      if (params.length === 0) {
        table = await this.connection.query(sql);
      } else {
        const statement = await this.connection.prepare(sql);
        try {
          table = await statement.query(...params);
        } finally {
          await statement.close();
        }
      }
    } catch (error) {
      throw new QueryError(readableError((error as Error).message));
    }
    const { columns, rows } = tableToRows(table);
    return { columns, rows, milliseconds: performance.now() - started };
  }
}

let shared: Promise<TracksDatabase> | undefined;

/**
 * The page's one database, started on the first call; every caller gets the same promise. If starting
 * fails, the rejection is shared too, and a later call tries again.
 */
export function openTracksDatabase(): Promise<TracksDatabase> {
  if (!shared) {
    const opening = start();
    shared = opening;
    opening.catch(() => {
      if (shared === opening) shared = undefined;
    });
  }
  return shared;
}
